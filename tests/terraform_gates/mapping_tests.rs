//! The mapping test: for each golden case and environment, the Terraform module has the same
//! resources and security-relevant settings as the CloudFormation template, read from both
//! outputs (never re-derived from the IR). And the proof that it would notice: copies with the
//! log retention, an IAM action or the tags removed must fail it.

use std::path::Path;

use super::mapping::{cfn_facts, diff, tf_facts};
use super::model::{Cfn, Tf};
use super::trees;

fn compare(cfn: &Path, tf: &Path) -> Vec<String> {
    let (c, t) = (cfn_facts(&Cfn::load(cfn)), tf_facts(&Tf::load(tf)));
    assert!(
        c.len() >= 40 && t.len() >= 40,
        "{}: too few facts to compare ({} and {})",
        tf.display(),
        c.len(),
        t.len()
    );
    diff(&c, &t)
}

fn cfn_of(tree: &Path) -> std::path::PathBuf {
    let env = tree.file_name().expect("env");
    tree.parent()
        .and_then(Path::parent)
        .expect("case")
        .join("cfn")
        .join(env)
        .join("template.json")
}

#[test]
fn terraform_has_the_resources_and_settings_of_cloudformation() {
    let mut failures = Vec::new();
    for tree in trees() {
        let cfn = cfn_of(&tree);
        assert!(
            cfn.exists(),
            "{}: no CloudFormation golden to compare with",
            cfn.display()
        );
        let d = compare(&cfn, &tree);
        if !d.is_empty() {
            failures.push(format!("{}:\n  {}", tree.display(), d.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "Terraform and CloudFormation differ:\n{}",
        failures.join("\n")
    );
}

/// Copy `tree` to a scratch folder, apply `edit` to `file`, and return the differences.
fn mutated(tree: &Path, file: &str, edit: impl Fn(&str) -> String) -> Vec<String> {
    let copy = std::env::temp_dir().join(format!("agentc-tf-mutant-{}-{file}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    std::fs::create_dir_all(&copy).expect("scratch");
    for f in super::tf_files(tree) {
        std::fs::copy(&f, copy.join(f.file_name().expect("name"))).expect("copy");
    }
    let path = copy.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    let changed = edit(&text);
    assert_ne!(changed, text, "the mutation of {file} changed nothing");
    std::fs::write(&path, changed).expect("write");
    let d = compare(&cfn_of(tree), &copy);
    let _ = std::fs::remove_dir_all(&copy);
    d
}

#[test]
fn the_mapping_test_fails_when_terraform_loses_a_setting() {
    let tree = super::repo().join("golden/ok-support-desk/terraform/production");
    assert!(
        compare(&cfn_of(&tree), &tree).is_empty(),
        "the unmutated tree must match"
    );
    let no_retention = mutated(&tree, "logs.tf", |t| {
        t.lines()
            .filter(|l| !l.contains("retention_in_days"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    assert!(
        no_retention
            .iter()
            .any(|d| d.starts_with("aws_cloudwatch_log_group.support_agent_log_group retention")),
        "{no_retention:?}"
    );
    let fewer_actions = mutated(&tree, "iam.tf", |t| {
        t.replacen("      \"ecr:BatchCheckLayerAvailability\",\n", "", 1)
    });
    assert!(
        fewer_actions
            .iter()
            .any(|d| d.starts_with("aws_iam_role_policy.support_agent_role_policy policy")),
        "{fewer_actions:?}"
    );
    let public = mutated(&tree, "runtime.tf", |t| {
        t.replace("network_mode = \"VPC\"", "network_mode = \"PUBLIC\"")
    });
    assert!(
        public
            .iter()
            .any(|d| d
                .starts_with("aws_bedrockagentcore_agent_runtime.support_agent_runtime network")),
        "{public:?}"
    );
    let untagged = mutated(&tree, "main.tf", |t| {
        t.replace("\"CostCenter\"", "\"CostCentre\"")
    });
    assert!(
        untagged.iter().any(|d| d.starts_with("tags")),
        "{untagged:?}"
    );
    let mutable = mutated(&tree, "ecr.tf", |t| {
        t.replace("\"IMMUTABLE\"", "\"MUTABLE\"")
    });
    assert!(
        mutable
            .iter()
            .any(|d| d.starts_with("aws_ecr_repository.support_agent_repository mutability")),
        "{mutable:?}"
    );
}
