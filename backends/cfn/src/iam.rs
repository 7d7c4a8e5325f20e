//! The execution role: `{A}Role` (trusted by AgentCore only, from this account and region) and
//! `{A}RolePolicy` with exactly the IR's statements. Each statement whose resource holds a `*`
//! and that the IR gives a reason for is listed in the policy's `Metadata.agentc.wildcards`.

use agentc_ir::{Agent, Condition, Part, Statement, Template as IrTemplate};

use crate::intrinsics::{one_or_many, reference, render};
use crate::model::{Json, Object, Resource, Template, arr, obj};
use crate::stack::Stack;
use crate::suppress::{self, Concern};

/// AgentCore sessions run up to 8 hours; the role's sessions may last as long.
const MAX_SESSION_SECONDS: u32 = 28_800;

/// The distinct items of `items`, in the order they first appear.
fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// A `Condition` block: `{operator: {key: value(s)}}`, operators and keys in the order they
/// first appear; the values of a repeated operator and key are merged.
pub(crate) fn condition_block(conditions: &[Condition]) -> Object {
    let mut block = Object::new();
    for op in distinct(conditions.iter().map(|c| c.operator.as_str())) {
        let of_op: Vec<&Condition> = conditions.iter().filter(|c| c.operator == op).collect();
        let mut inner = Object::new();
        for key in distinct(of_op.iter().map(|c| c.key.as_str())) {
            let values = of_op
                .iter()
                .filter(|c| c.key == key)
                .flat_map(|c| c.values.iter().map(render))
                .collect();
            inner.insert(key, one_or_many(values));
        }
        block.insert(op, inner);
    }
    block
}

/// `{A}Role`: assumed by `bedrock-agentcore.amazonaws.com` under the IR's trust conditions.
pub(crate) fn role(stack: &Stack<'_>, agent: &Agent, t: &mut Template) {
    let mut trust = obj! {
        "Sid" => "BedrockAgentCoreAssumeRole",
        "Effect" => "Allow",
        "Principal" => obj! { "Service" => "bedrock-agentcore.amazonaws.com" },
        "Action" => "sts:AssumeRole",
    };
    if !agent.trust_conditions.is_empty() {
        trust.insert("Condition", condition_block(&agent.trust_conditions));
    }
    let properties = obj! {
        "Description" => stack.describe(&format!("execution role of the AgentCore runtime {}", agent.runtime_name)),
        "AssumeRolePolicyDocument" => obj! { "Version" => "2012-10-17", "Statement" => arr![trust] },
        "MaxSessionDuration" => MAX_SESSION_SECONDS,
        "Tags" => stack.tags(),
    };
    t.add(
        agent.ids.role.as_str(),
        Resource::new("AWS::IAM::Role", properties),
    );
}

fn statement(s: &Statement) -> Json {
    let mut o = obj! {
        "Sid" => s.sid.as_str(),
        "Effect" => "Allow",
        "Action" => one_or_many(s.actions.iter().map(Json::from).collect()),
        "Resource" => one_or_many(s.resources.iter().map(render).collect()),
    };
    if !s.conditions.is_empty() {
        o.insert("Condition", condition_block(&s.conditions));
    }
    o.into()
}

/// A resource as the wildcard list shows it: the text after its last hole (so
/// `arn:{partition}:logs:{region}:{account}:log-group:*` reads `log-group:*`).
fn short_resource(resource: &IrTemplate) -> String {
    let last_hole = resource.0.iter().rposition(|p| !matches!(p, Part::Text(_)));
    let tail = &resource.0[last_hole.map_or(0, |i| i + 1)..];
    let text: String = tail
        .iter()
        .filter_map(|p| {
            if let Part::Text(t) = p {
                Some(t.as_str())
            } else {
                None
            }
        })
        .collect();
    text.trim_start_matches(':').to_owned()
}

fn contains_star(resource: &IrTemplate) -> bool {
    resource
        .0
        .iter()
        .any(|p| matches!(p, Part::Text(t) if t.contains('*')))
}

/// `[{Sid, Resource, Reason}]`: every resource holding a `*` of a statement the IR explains.
/// A `*` the spec left unexplained but suppressed (`agentc::iam::wildcard-resource`) takes the
/// suppression's reason.
pub(crate) fn wildcards(statements: &[Statement], suppressed: Option<&str>) -> Vec<Json> {
    let mut out = Vec::new();
    for s in statements {
        let reason = match (&s.wildcard_reason, suppressed) {
            (Some(reason), _) => reason.as_str(),
            (None, Some(reason)) if s.has_wildcard_resource() => reason,
            _ => continue,
        };
        for r in s.resources.iter().filter(|r| contains_star(r)) {
            out.push(obj! { "Sid" => s.sid.as_str(), "Resource" => short_resource(r), "Reason" => reason }.into());
        }
    }
    out
}

/// checkov's IAM checks that a grant on every resource can fail, by what they look for.
const WILDCARD_CHECKS: &[(&str, &str)] = &[
    ("CKV_AWS_107", "credentials exposure"),
    ("CKV_AWS_108", "data exfiltration"),
    ("CKV_AWS_109", "permissions management"),
    ("CKV_AWS_110", "privilege escalation"),
    ("CKV_AWS_111", "write access"),
];

/// Whether `s` is one of the spec's own `allow` statements (`Spec1`, `Spec2`, …).
fn from_spec(s: &Statement) -> bool {
    s.sid
        .strip_prefix("Spec")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// checkov skips for the spec's grants on every resource, each justified by the spec's
/// reasons. agentc's own statements pass these checks and get no skip.
fn checkov_skips(
    statements: &[Statement],
    suppressed: Option<&str>,
) -> Vec<(&'static str, String)> {
    let grants: Vec<String> = statements
        .iter()
        .filter(|s| from_spec(s) && s.has_wildcard_resource())
        .filter_map(|s| {
            let reason = s.wildcard_reason.as_deref().or(suppressed)?;
            Some(format!(
                "{} allows {} on every resource: {reason}",
                s.sid,
                s.actions.join(", ")
            ))
        })
        .collect();
    if grants.is_empty() {
        return Vec::new();
    }
    let grants = grants.join("; ");
    WILDCARD_CHECKS
        .iter()
        .map(|(id, what)| {
            (
                *id,
                format!("{grants}. The spec grants this on purpose, for that reason; checkov's {what} check may flag it."),
            )
        })
        .collect()
}

/// `{A}RolePolicy`: the IR's statements, attached to `{A}Role`.
pub(crate) fn role_policy(stack: &Stack<'_>, agent: &Agent, t: &mut Template) {
    let suppressed = suppress::reason(stack.d, "agentc::iam::wildcard-resource");
    let wildcards = wildcards(&agent.statements, suppressed.as_deref());
    let mut notes = Object::new();
    if !wildcards.is_empty() {
        notes.insert("wildcards", wildcards);
    }
    let properties = obj! {
        "PolicyName" => agent.names.role_policy.as_str(),
        "Roles" => arr![reference(agent.ids.role.as_str())],
        "PolicyDocument" => obj! {
            "Version" => "2012-10-17",
            "Statement" => Json::Array(agent.statements.iter().map(statement).collect()),
        },
    };
    let skips = checkov_skips(&agent.statements, suppressed.as_deref());
    let metadata = stack.metadata(Concern::RolePolicy, notes, skips);
    t.add(
        agent.ids.role_policy.as_str(),
        Resource::new("AWS::IAM::Policy", properties).metadata(metadata),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_resources_drop_the_arn_head() {
        assert_eq!(short_resource(&IrTemplate::text("*")), "*");
        assert_eq!(
            short_resource(&IrTemplate::parse(
                "arn:{partition}:logs:{region}:{account}:log-group:*"
            )),
            "log-group:*"
        );
        assert_eq!(
            short_resource(&IrTemplate::parse(
                "arn:{partition}:bedrock:*::foundation-model/m"
            )),
            "bedrock:*::foundation-model/m"
        );
    }

    #[test]
    fn conditions_group_by_operator() {
        let c = |op: &str, key: &str, v: &str| Condition {
            operator: op.into(),
            key: key.into(),
            values: vec![IrTemplate::text(v)],
        };
        let block = condition_block(&[
            c("StringEquals", "a", "1"),
            c("ArnLike", "b", "2"),
            c("StringEquals", "a", "3"),
        ]);
        assert_eq!(
            Json::from(block).to_compact(),
            r#"{"StringEquals":{"a":["1","3"]},"ArnLike":{"b":"2"}}"#
        );
    }
}
