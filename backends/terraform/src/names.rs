//! Terraform's spelling of what the IR refers to: the ARN of each logical ID, the names of
//! the stack-wide resources, IAM conditions, and small text helpers (one-line comments,
//! length-limited prefixes, paths relative to the module folder).

use std::collections::BTreeMap;

use agentc_ir::{Condition, Deployment, Part, Template};

use crate::hcl::{self, Piece, Value};
use crate::view::{ConditionView, StackNames};

/// How each logical ID's ARN is spelled in Terraform.
pub(crate) struct Arns(BTreeMap<String, String>);

impl Arns {
    pub(crate) fn new(d: &Deployment, tf: &StackNames) -> Self {
        let mut m = BTreeMap::new();
        let ids = &d.ids;
        for (id, expr) in [
            (&ids.log_key, format!("aws_kms_key.{}.arn", tf.log_key)),
            (&ids.alarm_key, format!("aws_kms_key.{}.arn", tf.alarm_key)),
            (
                &ids.alarm_topic,
                format!("aws_sns_topic.{}.arn", tf.alarm_topic),
            ),
            (
                &ids.user_pool,
                format!("aws_cognito_user_pool.{}.arn", tf.user_pool),
            ),
            (
                &ids.runtime_security_group,
                format!("aws_security_group.{}.arn", tf.runtime_security_group),
            ),
            (&ids.audit_key, format!("aws_kms_key.{}.arn", tf.audit_key)),
            (
                &ids.audit_bucket,
                format!("aws_s3_bucket.{}.arn", tf.audit_bucket),
            ),
            (
                &ids.audit_log_bucket,
                format!("aws_s3_bucket.{}.arn", tf.audit_log_bucket),
            ),
            (
                &ids.audit_trail,
                format!("aws_cloudtrail.{}.arn", tf.audit_trail),
            ),
        ] {
            m.insert(id.to_string(), expr);
        }
        for a in &d.agents {
            let s = |id: &agentc_ir::LogicalId| hcl::snake_case(id.as_str());
            let i = &a.ids;
            m.insert(
                i.repository.to_string(),
                format!("aws_ecr_repository.{}.arn", s(&i.repository)),
            );
            m.insert(
                i.role.to_string(),
                format!("aws_iam_role.{}.arn", s(&i.role)),
            );
            m.insert(
                i.log_group.to_string(),
                format!("aws_cloudwatch_log_group.{}.arn", s(&i.log_group)),
            );
            m.insert(
                i.runtime.to_string(),
                format!("local.{}_runtime_arn", s(&i.prefix)),
            );
        }
        Self(m)
    }

    /// `template` as an HCL string value.
    pub(crate) fn value(&self, template: &Template) -> Result<Value, String> {
        template
            .0
            .iter()
            .map(|part| {
                Ok(match part {
                    Part::Text(t) => Piece::Text(t.clone()),
                    Part::Partition => Piece::Ref("local.partition".into()),
                    Part::Region => Piece::Ref("local.region".into()),
                    Part::Account => Piece::Ref("local.account_id".into()),
                    Part::ArnOf(id) => Piece::Ref(
                        self.0
                            .get(id.as_str())
                            .cloned()
                            .ok_or_else(|| format!("no Terraform ARN for `{id}`"))?,
                    ),
                })
            })
            .collect::<Result<Vec<_>, String>>()
            .map(Value)
    }
}

pub(crate) fn stack_names(d: &Deployment) -> StackNames {
    let s = |id: &agentc_ir::LogicalId| hcl::snake_case(id.as_str());
    let ids = &d.ids;
    StackNames {
        log_key: s(&ids.log_key),
        alarm_key: s(&ids.alarm_key),
        alarm_topic: s(&ids.alarm_topic),
        user_pool: s(&ids.user_pool),
        user_pool_client: s(&ids.user_pool_client),
        runtime_security_group: s(&ids.runtime_security_group),
        audit_key: s(&ids.audit_key),
        audit_bucket: s(&ids.audit_bucket),
        audit_log_bucket: s(&ids.audit_log_bucket),
        audit_bucket_policy: s(&ids.audit_bucket_policy),
        audit_log_bucket_policy: s(&ids.audit_log_bucket_policy),
        audit_trail: s(&ids.audit_trail),
    }
}

/// One line of text: control characters (newlines included) become spaces.
pub(crate) fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The first `max` characters of `text`.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// `base/rel`, `/`-separated, with `.` and `x/..` steps removed.
pub(crate) fn join_path(base: &str, rel: &str) -> String {
    if rel.starts_with('/') {
        return rel.to_owned();
    }
    let mut out: Vec<&str> = Vec::new();
    let absolute = base.starts_with('/');
    for step in base.split('/').chain(rel.split('/')) {
        match step {
            "" | "." => {}
            ".." if out.last().is_some_and(|l| *l != "..") => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    match (absolute, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_owned(),
        (false, false) => joined,
    }
}

pub(crate) fn suppression<'d>(d: &'d Deployment, code: &str) -> Option<&'d str> {
    d.suppressions
        .iter()
        .find(|(c, _)| c == code)
        .map(|(_, r)| r.as_str())
}

pub(crate) fn conditions(
    arns: &Arns,
    conditions: &[Condition],
) -> Result<Vec<ConditionView>, String> {
    conditions
        .iter()
        .map(|c| {
            Ok(ConditionView {
                test: c.operator.clone(),
                variable: c.key.clone(),
                values: c
                    .values
                    .iter()
                    .map(|v| arns.value(v))
                    .collect::<Result<_, String>>()?,
            })
        })
        .collect()
}

/// The view of `d`. Errors are agentc bugs (an ARN the IR asks for that has no Terraform
/// spelling).
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_lexically() {
        assert_eq!(join_path("../..", "."), "../..");
        assert_eq!(join_path("../specs", "../agent"), "../agent");
        assert_eq!(join_path(".", "agent"), "agent");
        assert_eq!(join_path("..", ".."), "../..");
        assert_eq!(
            join_path("/abs/specs", "../agent/Dockerfile"),
            "/abs/agent/Dockerfile"
        );
        assert_eq!(join_path("specs", ".."), ".");
    }

    #[test]
    fn one_line_drops_control_characters() {
        assert_eq!(one_line("a\nb\r\tc"), "a b  c");
    }
}
