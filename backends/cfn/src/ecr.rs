//! `{A}Repository`: the agent's ECR repository — tag mutability, scan on push, KMS encryption
//! (AWS managed key), a lifecycle policy keeping the last `keep-last` images, and Retain in
//! production (elsewhere Delete, emptied first).

use agentc_ir::{Agent, Repository};

use crate::model::{Json, Object, Resource, Retention, Template, obj};
use crate::stack::Stack;
use crate::suppress::{self, Concern};

/// The lifecycle policy document (ECR takes it as JSON text).
fn lifecycle_policy(keep_last: u32) -> String {
    let noun = if keep_last == 1 { "image" } else { "images" };
    let rule = obj! {
        "rulePriority" => 1u32,
        "description" => format!("Keep the last {keep_last} {noun}"),
        "selection" => obj! { "tagStatus" => "any", "countType" => "imageCountMoreThan", "countNumber" => keep_last },
        "action" => obj! { "type" => "expire" },
    };
    Json::from(obj! { "rules" => crate::model::arr![rule] }).to_compact()
}

/// checkov skips the repository needs: a setting the spec chose on purpose, with its reason
/// (the suppression's when production rules flagged it, else why the rule did not apply).
fn checkov_skips(stack: &Stack<'_>, repo: &Repository) -> Vec<(&'static str, String)> {
    let d = stack.d;
    let why = |code: &str, setting: &str| {
        suppress::reason(d, code).unwrap_or_else(|| {
            format!("The spec sets {setting} for environment {}, which is not held to production rules ({code} applies to production only).", d.environment)
        })
    };
    let mut skips = Vec::new();
    if !repo.immutable_tags {
        skips.push((
            "CKV_AWS_51",
            why(
                "agentc::image::mutable-in-production",
                "tag-mutability \"mutable\"",
            ),
        ));
    }
    if !repo.scan_on_push {
        skips.push((
            "CKV_AWS_163",
            why(
                "agentc::image::scan-disabled-in-production",
                "scan-on-push #false",
            ),
        ));
    }
    skips
}

/// `{A}Repository`.
pub(crate) fn repository(stack: &Stack<'_>, agent: &Agent, t: &mut Template) {
    let repo = &agent.repository;
    let mut properties = obj! {
        "RepositoryName" => repo.name.as_str(),
        "ImageTagMutability" => if repo.immutable_tags { "IMMUTABLE" } else { "MUTABLE" },
        "ImageScanningConfiguration" => obj! { "ScanOnPush" => repo.scan_on_push },
        "EncryptionConfiguration" => obj! { "EncryptionType" => "KMS" },
        "LifecyclePolicy" => obj! { "LifecyclePolicyText" => lifecycle_policy(repo.keep_last) },
    };
    if !repo.retain {
        // Delete with the stack even when images remain.
        properties.insert("EmptyOnDelete", true);
    }
    properties.insert("Tags", stack.tags());
    let metadata = stack.metadata(
        Concern::Repository,
        Object::new(),
        checkov_skips(stack, repo),
    );
    let resource = Resource::new("AWS::ECR::Repository", properties)
        .retention(Retention::keep_if(repo.retain))
        .metadata(metadata);
    t.add(agent.ids.repository.as_str(), resource);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifecycle_policy_text_is_compact_json() {
        assert_eq!(
            lifecycle_policy(30),
            r#"{"rules":[{"rulePriority":1,"description":"Keep the last 30 images","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":30},"action":{"type":"expire"}}]}"#
        );
    }
}
