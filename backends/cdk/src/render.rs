//! The handlebars registry: templates embedded with `include_str!`, HTML escaping off (the
//! templates are TypeScript, JSON and Markdown), strict mode on, partials kept at their own
//! indentation, and the typed helpers that are the only way a view value reaches the output.

use handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderError,
    RenderErrorReason,
};
use serde_json::Value;

use crate::ts;

/// Every template: (name, text). A `lib/…` partial is registered under its bare name.
pub(crate) const TEMPLATES: &[(&str, &str)] = &[
    (
        "package.json",
        include_str!("../templates/package.json.hbs"),
    ),
    (
        "package-lock.json",
        include_str!("../templates/package-lock.json.hbs"),
    ),
    ("bin/app.ts", include_str!("../templates/bin/app.ts.hbs")),
    (
        "lib/stack.ts",
        include_str!("../templates/lib/stack.ts.hbs"),
    ),
    ("README.md", include_str!("../templates/README.md.hbs")),
];

/// Partials of `lib/stack.ts`.
pub(crate) const PARTIALS: &[(&str, &str)] = &[
    ("shared", include_str!("../templates/lib/shared.ts.hbs")),
    ("audit", include_str!("../templates/lib/audit.ts.hbs")),
    ("agent", include_str!("../templates/lib/agent.ts.hbs")),
];

/// Files every app holds unchanged: (path, text).
pub(crate) const STATIC_FILES: &[(&str, &str)] = &[
    ("cdk.json", include_str!("../templates/cdk.json")),
    ("tsconfig.json", include_str!("../templates/tsconfig.json")),
    (".gitignore", include_str!("../templates/gitignore")),
    (
        "lib/agent-image-synthesizer.ts",
        include_str!("../templates/lib/agent-image-synthesizer.ts"),
    ),
];

/// The names of the typed helpers (the template tests allow no other).
#[cfg(test)]
pub(crate) const HELPERS: &[&str] = &[
    "ts_str",
    "ts_key",
    "ts_ident",
    "ts_num",
    "ts_bool",
    "ts_comment",
    "json_str",
    "md",
    "md_code",
];

fn fail(helper: &str, message: impl Into<String>) -> RenderError {
    RenderErrorReason::Other(format!("{helper}: {}", message.into())).into()
}

/// The single parameter of `h`, which must be present.
fn param<'a>(h: &'a Helper<'_>, name: &str) -> Result<&'a Value, RenderError> {
    if h.params().len() != 1 {
        return Err(fail(name, "takes exactly one parameter"));
    }
    h.param(0)
        .map(|p| p.value())
        .ok_or_else(|| fail(name, "missing parameter"))
}

/// The single string parameter of `h`.
fn string_param<'a>(h: &'a Helper<'_>, name: &str) -> Result<&'a str, RenderError> {
    param(h, name)?
        .as_str()
        .ok_or_else(|| fail(name, format!("expects a string, got {}", param_text(h))))
}

fn param_text(h: &Helper<'_>) -> String {
    h.param(0)
        .map_or_else(|| "nothing".to_owned(), |p| p.value().to_string())
}

/// Markdown text on one line: specials escaped, line breaks made spaces.
pub(crate) fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in ts::comment(text).chars() {
        if "\\`*[]<>|#".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Markdown code span holding `text`: fenced with more backticks than any run inside.
pub(crate) fn markdown_code(text: &str) -> String {
    let text = ts::comment(text).replace('|', "\\|");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

type Apply = fn(&Helper<'_>, &str) -> Result<String, RenderError>;

/// A helper from a function of its one parameter.
fn helper(name: &'static str, apply: Apply) -> Box<dyn handlebars::HelperDef + Send + Sync> {
    Box::new(
        move |h: &Helper<'_>,
              _: &Handlebars<'_>,
              _: &Context,
              _: &mut RenderContext<'_, '_>,
              out: &mut dyn Output|
              -> HelperResult {
            let text = apply(h, name)?;
            out.write(&text)?;
            Ok(())
        },
    )
}

/// The registry with every template, partial and helper.
pub(crate) fn registry() -> Result<Handlebars<'static>, String> {
    let mut hb = Handlebars::new();
    hb.register_escape_fn(handlebars::no_escape);
    hb.set_strict_mode(true);
    hb.set_prevent_indent(true);
    let helpers: [(&'static str, Apply); 9] = [
        ("ts_str", |h, n| Ok(ts::string(string_param(h, n)?))),
        ("json_str", |h, n| Ok(ts::string(string_param(h, n)?))),
        ("ts_key", |h, n| Ok(ts::key(string_param(h, n)?))),
        ("ts_ident", |h, n| {
            ts::ident(string_param(h, n)?)
                .map(str::to_owned)
                .map_err(|e| fail(n, e))
        }),
        ("ts_num", |h, n| match param(h, n)? {
            Value::Number(x) => Ok(x.to_string()),
            _ => Err(fail(n, format!("expects a number, got {}", param_text(h)))),
        }),
        ("ts_bool", |h, n| match param(h, n)? {
            Value::Bool(b) => Ok(b.to_string()),
            _ => Err(fail(n, format!("expects a boolean, got {}", param_text(h)))),
        }),
        ("ts_comment", |h, n| Ok(ts::comment(string_param(h, n)?))),
        ("md", |h, n| Ok(markdown(string_param(h, n)?))),
        ("md_code", |h, n| Ok(markdown_code(string_param(h, n)?))),
    ];
    for (name, apply) in helpers {
        hb.register_helper(name, helper(name, apply));
    }
    for (name, text) in PARTIALS {
        hb.register_partial(name, *text)
            .map_err(|e| format!("partial {name}: {e}"))?;
    }
    for (name, text) in TEMPLATES {
        hb.register_template_string(name, *text)
            .map_err(|e| format!("template {name}: {e}"))?;
    }
    Ok(hb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_and_partial_parses() {
        registry().unwrap();
        assert_eq!(HELPERS.len(), 9);
    }

    #[test]
    fn markdown_escapes_and_fences() {
        assert_eq!(markdown("a|b *c*\nd_e"), "a\\|b \\*c\\* d_e");
        assert_eq!(markdown_code("Resource::*"), "`Resource::*`");
        assert_eq!(markdown_code("a`b"), "``a`b``");
        assert_eq!(markdown_code("`x"), "`` `x ``");
    }
}
