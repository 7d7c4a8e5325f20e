//! `project`: name, region, account, and the tags every resource carries (Owner and
//! CostCenter required; AWS's tag limits).

use agentc_diagnostics::{Code, Diagnostic, Diagnostics};
use agentc_ir::{AccountId, ProjectName, Region};
use agentc_syntax::ast::{Layer, Spanned};

use super::{EnvContext, missing};

/// Tags agentc derives; set by hand they are ignored.
pub(crate) const DERIVED_TAGS: &[&str] = &["Project", "Environment", "Owner", "CostCenter"];

/// AWS allows 50 user tags on a resource.
const MAX_TAGS: usize = 50;

pub(super) fn check(layer: &Layer, env: &EnvContext<'_>, diags: &mut Diagnostics) {
    let Some(project) = &layer.project else {
        diags.push(missing(
            env.file_end,
            "a `project` node",
            "project \"support-desk\" { owner \"platform-team\"; cost-center \"CC-1234\"; region \"us-east-1\" }",
        ));
        return;
    };
    match &project.name {
        None => diags.push(
            Diagnostic::new(Code::SchemaMissingValue, "`project` needs a name")
                .at(project.span, "name missing")
                .help("write it as: project \"support-desk\" { … }"),
        ),
        Some(name) => {
            if let Err(why) = ProjectName::new(name.value.clone()) {
                diags.push(
                    Diagnostic::new(Code::NamesInvalidProject, why)
                        .at(name.span, "invalid project name")
                        .help(format!(
                            "use lowercase letters, digits and `-`, e.g. `{}`",
                            suggest_project_name(&name.value)
                        )),
                );
            }
        }
    }
    for (field, tag, example) in [
        (&project.owner, "Owner", "owner \"platform-team\""),
        (
            &project.cost_center,
            "CostCenter",
            "cost-center \"CC-1234\"",
        ),
    ] {
        match field {
            None => diags.push(
                Diagnostic::new(
                    Code::TagsMissing,
                    format!("the `{tag}` tag has no value: every resource must carry it"),
                )
                .at(project.span, format!("`project` sets no {tag}"))
                .help(format!("add `{example}` inside `project`")),
            ),
            Some(value) if value.value.trim().is_empty() => diags.push(
                Diagnostic::new(
                    Code::TagsMissing,
                    format!("the `{tag}` tag is blank: every resource must carry a real value"),
                )
                .at(value.span, "blank")
                .help(format!("write a value, e.g. `{example}`")),
            ),
            Some(value) => check_tag_value(tag, value, diags),
        }
    }
    match &project.region {
        None => diags.push(missing(
            project.span,
            "a `region` in `project`",
            "region \"us-east-1\"",
        )),
        Some(region) => {
            if let Err(why) = Region::new(region.value.clone()) {
                diags.push(
                    Diagnostic::new(Code::SchemaInvalidValue, why)
                        .at(region.span, "not a region")
                        .help("write an AWS region code such as \"us-east-1\""),
                );
            }
        }
    }
    if let Some(account) = &project.account
        && let Err(why) = AccountId::new(account.value.clone())
    {
        diags.push(
            Diagnostic::new(Code::SchemaInvalidValue, why)
                .at(account.span, "not an account id")
                .help("write the 12 digits of the account, quoted: account \"123456789012\""),
        );
    }
    let user_tags: Vec<_> = project
        .tags
        .iter()
        .filter(|t| !DERIVED_TAGS.contains(&t.key.value.as_str()))
        .collect();
    if user_tags.len() + DERIVED_TAGS.len() > MAX_TAGS {
        let over = user_tags[MAX_TAGS - DERIVED_TAGS.len()];
        diags.push(
            Diagnostic::new(
                Code::TagsTooMany,
                format!(
                    "resources would carry {} tags ({} here + {} derived); AWS allows {MAX_TAGS}",
                    user_tags.len() + DERIVED_TAGS.len(),
                    user_tags.len(),
                    DERIVED_TAGS.len()
                ),
            )
            .at(over.key.span, "the first tag past the limit")
            .help(format!(
                "AWS allows {MAX_TAGS} tags per resource; agentc adds {} of its own",
                DERIVED_TAGS.len()
            )),
        );
    }
    for tag in &project.tags {
        let key = &tag.key;
        if DERIVED_TAGS.contains(&key.value.as_str()) {
            diags.push(
                Diagnostic::new(
                    Code::TagsDerivedKey,
                    format!("the `{}` tag is derived by agentc; this value is ignored", key.value),
                )
                .at(key.span, "derived tag")
                .help("set Owner with `owner`, CostCenter with `cost-center`; Project and Environment come from the names"),
            );
            continue;
        }
        if key.value.to_ascii_lowercase().starts_with("aws:") {
            diags.push(
                Diagnostic::new(
                    Code::TagsReservedPrefix,
                    format!("tag key `{}` uses the reserved `aws:` prefix", key.value),
                )
                .at(key.span, "reserved prefix")
                .help("AWS reserves `aws:` for its own tags; choose another key"),
            );
            continue;
        }
        if let Some(why) = tag_text_problem(&key.value, 1, 128) {
            diags.push(
                Diagnostic::new(Code::TagsInvalid, format!("tag key `{}` {why}", key.value))
                    .at(key.span, "invalid tag key")
                    .help("keys are 1–128 letters, digits, spaces and _ . : / = + - @"),
            );
        }
        check_tag_value(&key.value, &tag.value, diags);
    }
}

fn check_tag_value(key: &str, value: &Spanned<String>, diags: &mut Diagnostics) {
    if let Some(why) = tag_text_problem(&value.value, 0, 256) {
        diags.push(
            Diagnostic::new(Code::TagsInvalid, format!("the value of tag `{key}` {why}"))
                .at(value.span, "invalid tag value")
                .help("values are 0–256 letters, digits, spaces and _ . : / = + - @"),
        );
    }
}

/// What is wrong with a tag key or value, per AWS's tag rules.
fn tag_text_problem(text: &str, min: usize, max: usize) -> Option<String> {
    let len = text.chars().count();
    if len < min {
        return Some("is empty".to_owned());
    }
    if len > max {
        return Some(format!("is {len} characters long (at most {max})"));
    }
    let bad = text
        .chars()
        .find(|c| !(c.is_alphanumeric() || c.is_whitespace() || "_.:/=+-@".contains(*c)))?;
    Some(format!("contains `{bad}`, which AWS tags do not allow"))
}

fn suggest_project_name(name: &str) -> String {
    let mut s: String = name
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    s = s.trim_matches('-').to_owned();
    if !s.starts_with(|c: char| c.is_ascii_lowercase()) {
        s = format!("p-{s}");
    }
    s.chars()
        .take(32)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_text_rules() {
        assert_eq!(tag_text_problem("team a_b.c:d/e=f+g-h@i", 1, 128), None);
        assert!(tag_text_problem("", 1, 128).unwrap().contains("empty"));
        assert!(tag_text_problem("a#b", 0, 256).unwrap().contains('#'));
        assert!(tag_text_problem(&"x".repeat(257), 0, 256).is_some());
    }

    #[test]
    fn project_name_suggestions_are_valid() {
        for name in ["Support Desk", "9lives", "a_b", "--x--"] {
            let s = suggest_project_name(name);
            assert!(ProjectName::new(s.clone()).is_ok(), "{name} -> {s}");
        }
    }
}
