//! The stack as CloudFormation has it: whether it exists, its status in words, whether agentc
//! owns it, and whether the compiled template and parameters differ from the deployed ones
//! (moto cannot say "no changes", and comparing first is faster on AWS too).

use std::collections::BTreeMap;

use aws_sdk_cloudformation::types::{Stack, StackStatus};

use crate::aws::Aws;
use crate::error::{Failure, Result, aws, code_of, message_of};

/// The stack tag that marks a stack as agentc's; its value is `{project}/{environment}`.
pub(crate) const OWNER_TAG: &str = "agentc:deployment";

/// Describe `name`; `None` when it does not exist (or was deleted).
pub(crate) async fn describe(aws_: &Aws, name: &str) -> Result<Option<Stack>> {
    match aws_.cfn.describe_stacks().stack_name(name).send().await {
        Ok(out) => Ok(out
            .stacks
            .unwrap_or_default()
            .into_iter()
            .find(|s| s.stack_status != Some(StackStatus::DeleteComplete))),
        Err(e)
            if code_of(&e) == Some("ValidationError")
                && message_of(&e).contains("does not exist") =>
        {
            Ok(None)
        }
        Err(e) => Err(aws("cloudformation:DescribeStacks", &aws_.endpoint, e)),
    }
}

/// The stack's status as text (`UPDATE_COMPLETE`).
pub(crate) fn status_of(stack: &Stack) -> String {
    stack
        .stack_status
        .as_ref()
        .map_or_else(|| "UNKNOWN".to_owned(), |s| s.as_str().to_owned())
}

/// Whether a status is final (no operation in progress).
pub(crate) fn is_settled(status: &str) -> bool {
    !status.ends_with("_IN_PROGRESS") || status == "REVIEW_IN_PROGRESS"
}

/// Whether the stack carries agentc's owner tag for `expected` (`{project}/{environment}`).
pub(crate) fn owner_of(stack: &Stack) -> Option<&str> {
    stack
        .tags()
        .iter()
        .find(|t| t.key() == Some(OWNER_TAG))
        .and_then(|t| t.value())
}

/// Refuse to touch a stack agentc did not create for this spec and environment.
pub(crate) fn check_owned(stack: &Stack, stack_name: &str, expected: &str) -> Result<()> {
    match owner_of(stack) {
        Some(owner) if owner == expected => Ok(()),
        Some(owner) => Err(Failure::failed(format!(
            "stack `{stack_name}` belongs to agentc deployment `{owner}`, not `{expected}`; agentc will not change it"
        ))
        .next("check the project and environment names in the spec")),
        None => Err(Failure::failed(format!(
            "stack `{stack_name}` exists but was not created by agentc (it has no `{OWNER_TAG}` tag); agentc will not change it"
        ))
        .next("rename the project or environment in the spec, or remove that stack yourself if it is really unused")),
    }
}

/// What a status means for a deploy, when it blocks one: the message and the next step.
pub(crate) fn blocking(status: &str, stack_name: &str, args: &str) -> Option<Failure> {
    let failure = match status {
        s if s.ends_with("_IN_PROGRESS") && s != "REVIEW_IN_PROGRESS" => Failure::failed(format!(
            "stack `{stack_name}` is busy ({status}): another operation is running"
        ))
        .next(format!("wait for it to finish (`agentc status {args}`), then deploy again")),
        "UPDATE_ROLLBACK_FAILED" => Failure::failed(format!(
            "stack `{stack_name}` is in UPDATE_ROLLBACK_FAILED: an update failed and so did its rollback"
        ))
        .next(format!(
            "fix what blocked the rollback (see `agentc status {args}`), then run `aws cloudformation \
             continue-update-rollback --stack-name {stack_name}` (add `--resources-to-skip ID` for resources \
             that cannot roll back), and deploy again"
        )),
        "ROLLBACK_FAILED" | "DELETE_FAILED" => Failure::failed(format!(
            "stack `{stack_name}` is in {status}: CloudFormation could not clean it up"
        ))
        .next(format!(
            "see the failed resources with `agentc status {args}`, remove what blocks them, then `agentc destroy {args}` \
             and deploy again"
        )),
        _ => return None,
    };
    Some(failure)
}

/// The stack's parameters.
pub(crate) fn parameters_of(stack: &Stack) -> BTreeMap<String, String> {
    stack
        .parameters()
        .iter()
        .filter_map(|p| {
            Some((
                p.parameter_key()?.to_owned(),
                p.parameter_value().unwrap_or_default().to_owned(),
            ))
        })
        .collect()
}

/// The stack's outputs.
pub(crate) fn outputs_of(stack: &Stack) -> BTreeMap<String, String> {
    stack
        .outputs()
        .iter()
        .filter_map(|o| {
            Some((
                o.output_key()?.to_owned(),
                o.output_value().unwrap_or_default().to_owned(),
            ))
        })
        .collect()
}

/// The deployed template body, parsed (`None` if it is not JSON).
pub(crate) async fn deployed_template(aws_: &Aws, name: &str) -> Result<Option<serde_json::Value>> {
    let out = aws_
        .cfn
        .get_template()
        .stack_name(name)
        .template_stage(aws_sdk_cloudformation::types::TemplateStage::Original)
        .send()
        .await
        .map_err(|e| aws("cloudformation:GetTemplate", &aws_.endpoint, e))?;
    Ok(out
        .template_body()
        .and_then(|body| serde_json::from_str(body).ok()))
}

/// Whether deploying `template` with `parameters` and `tags` would change nothing: same
/// template (as JSON values), same parameters (a parameter left out counts as its default),
/// same tags.
pub(crate) fn unchanged(
    stack: &Stack,
    deployed: Option<&serde_json::Value>,
    template: &serde_json::Value,
    parameters: &BTreeMap<String, String>,
    tags: &BTreeMap<String, String>,
) -> bool {
    if deployed != Some(template) {
        return false;
    }
    let defaults: BTreeMap<String, String> = template
        .get("Parameters")
        .and_then(|p| p.as_object())
        .map(|p| {
            p.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.get("Default")?.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default();
    let mut wanted = defaults;
    wanted.extend(parameters.iter().map(|(k, v)| (k.clone(), v.clone())));
    let deployed_tags: BTreeMap<String, String> = stack
        .tags()
        .iter()
        .filter_map(|t| Some((t.key()?.to_owned(), t.value()?.to_owned())))
        .collect();
    parameters_of(stack) == wanted && &deployed_tags == tags
}

/// The resources a template keeps when they leave the stack: (logical id, type, policy).
pub(crate) fn retained(template: &serde_json::Value) -> Vec<(String, String, String)> {
    let Some(resources) = template.get("Resources").and_then(|r| r.as_object()) else {
        return Vec::new();
    };
    resources
        .iter()
        .filter_map(|(id, r)| {
            let policy = r.get("DeletionPolicy")?.as_str()?;
            matches!(policy, "Retain" | "RetainExceptOnCreate" | "Snapshot").then(|| {
                (
                    id.clone(),
                    r.get("Type")
                        .and_then(|t| t.as_str())
                        .unwrap_or("?")
                        .to_owned(),
                    policy.to_owned(),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_cloudformation::types::{Parameter, Tag};

    fn stack(params: &[(&str, &str)], tags: &[(&str, &str)]) -> Stack {
        let mut b = Stack::builder()
            .stack_name("s")
            .stack_status(StackStatus::UpdateComplete);
        for (k, v) in params {
            b = b.parameters(
                Parameter::builder()
                    .parameter_key(*k)
                    .parameter_value(*v)
                    .build(),
            );
        }
        for (k, v) in tags {
            b = b.tags(Tag::builder().key(*k).value(*v).build());
        }
        b.build()
    }

    #[test]
    fn unchanged_compares_template_parameters_and_tags() {
        let t = serde_json::json!({"Parameters": {"AImageRef": {"Type": "String", "Default": ""}}, "Resources": {}});
        let tags: BTreeMap<_, _> = [(OWNER_TAG.to_owned(), "p/dev".to_owned())].into();
        let s = stack(&[("AImageRef", "sha256:1")], &[(OWNER_TAG, "p/dev")]);
        let p = |v: &str| BTreeMap::from([("AImageRef".to_owned(), v.to_owned())]);
        assert!(unchanged(&s, Some(&t), &t, &p("sha256:1"), &tags));
        assert!(!unchanged(&s, Some(&t), &t, &p("sha256:2"), &tags));
        assert!(!unchanged(&s, None, &t, &p("sha256:1"), &tags));
        let empty = stack(&[("AImageRef", "")], &[(OWNER_TAG, "p/dev")]);
        assert!(
            unchanged(&empty, Some(&t), &t, &BTreeMap::new(), &tags),
            "a default counts"
        );
        assert!(!unchanged(
            &s,
            Some(&t),
            &t,
            &p("sha256:1"),
            &BTreeMap::new()
        ));
    }

    #[test]
    fn ownership_and_blocking_states() {
        let s = stack(&[], &[(OWNER_TAG, "p/dev")]);
        assert!(check_owned(&s, "p-dev", "p/dev").is_ok());
        assert!(check_owned(&s, "p-dev", "p/prod").is_err());
        assert!(
            check_owned(&stack(&[], &[]), "p-dev", "p/dev")
                .unwrap_err()
                .message
                .contains("not created by agentc")
        );
        assert!(
            blocking("UPDATE_ROLLBACK_FAILED", "p-dev", "x.kdl")
                .unwrap()
                .next
                .unwrap()
                .contains("continue-update-rollback")
        );
        assert!(blocking("UPDATE_IN_PROGRESS", "p-dev", "x.kdl").is_some());
        assert!(blocking("UPDATE_ROLLBACK_COMPLETE", "p-dev", "x.kdl").is_none());
        assert!(blocking("REVIEW_IN_PROGRESS", "p-dev", "x.kdl").is_none());
    }

    #[test]
    fn retained_resources_come_from_deletion_policies() {
        let t = serde_json::json!({"Resources": {
            "Repo": {"Type": "AWS::ECR::Repository", "DeletionPolicy": "Retain"},
            "Role": {"Type": "AWS::IAM::Role"},
            "Logs": {"Type": "AWS::Logs::LogGroup", "DeletionPolicy": "Delete"}}});
        assert_eq!(
            retained(&t),
            vec![(
                "Repo".to_owned(),
                "AWS::ECR::Repository".to_owned(),
                "Retain".to_owned()
            )]
        );
    }
}
