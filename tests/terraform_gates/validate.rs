//! `terraform validate`, offline, of every golden tree at once: each tree becomes a child
//! module of one root, changed as `backends/terraform/reference/validate-offline.sh` changes a
//! module for the local hashicorp/aws 5.100 mirror (which predates the AgentCore runtime):
//! `runtime.tf` is replaced by a `terraform_data` stub defining the same locals (unknown
//! strings, so every use is still type-checked), the XRAY delivery destination's type becomes
//! a placeholder destination block (5.100 requires one), and an override file pins aws to the
//! mirrored version. One `terraform init` and one `validate` cover every tree.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{run, terraform, tf_files, trees};

/// The CLI config `scripts/setup/terraform.sh` writes (filesystem mirror only) and the
/// hashicorp/aws version in that mirror.
fn mirror() -> (PathBuf, String) {
    let env = run(
        Command::new(super::repo().join("scripts/setup/terraform.sh")).arg("--env"),
        "scripts/setup/terraform.sh --env (run scripts/setup.sh)",
    );
    let config = env
        .lines()
        .find_map(|l| l.strip_prefix("export TF_CLI_CONFIG_FILE="))
        .map(|p| PathBuf::from(p.trim_matches('\'')))
        .expect("TF_CLI_CONFIG_FILE from scripts/setup/terraform.sh");
    let text = std::fs::read_to_string(&config).expect("CLI config");
    let path = text
        .lines()
        .find_map(|l| {
            l.trim().strip_prefix("path").map(|r| {
                r.trim()
                    .trim_start_matches('=')
                    .trim()
                    .trim_matches('"')
                    .to_owned()
            })
        })
        .expect("mirror path");
    let aws = Path::new(&path).join("registry.terraform.io/hashicorp/aws");
    let mut versions: Vec<String> = std::fs::read_dir(&aws)
        .expect("aws in the mirror")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    versions.sort();
    (
        config,
        versions.pop().expect("an aws version in the mirror"),
    )
}

/// The locals `runtime.tf` defines (terraform fmt layout: two-space names in `locals {}`).
fn runtime_locals(runtime: &str) -> Vec<String> {
    let body = hcl::parse(runtime).expect("runtime.tf parses");
    body.blocks()
        .filter(|b| b.identifier() == "locals")
        .flat_map(|b| {
            b.body()
                .attributes()
                .map(|a| a.key().to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

fn stub(dir: &Path, tree: &Path, aws_version: &str) {
    std::fs::create_dir_all(dir).expect("module dir");
    for file in tf_files(tree) {
        let name = file
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&file).expect("read");
        if name == "runtime.tf" {
            let mut s = String::from(
                "resource \"terraform_data\" \"offline_validate_runtime_stub\" {\n  input = \"arn:aws:bedrock-agentcore:us-east-1:000000000000:runtime/stub-0000000000\"\n}\n\nlocals {\n",
            );
            for local in runtime_locals(&text) {
                s.push_str(&format!(
                    "  {local} = terraform_data.offline_validate_runtime_stub.output\n"
                ));
            }
            s.push_str("}\n");
            std::fs::write(dir.join("offline_runtime_stub.tf"), s).expect("write");
            continue;
        }
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            !code.contains("aws_bedrockagentcore_"),
            "{}: refers to aws_bedrockagentcore_* outside runtime.tf",
            file.display()
        );
        let text = text.replace(
            "delivery_destination_type = \"XRAY\"",
            "delivery_destination_configuration {\n    destination_resource_arn = \"arn:aws:logs:us-east-1:000000000000:log-group:offline-validate-placeholder\"\n  }",
        );
        std::fs::write(dir.join(&name), text).expect("write");
    }
    std::fs::write(
        dir.join("offline_override.tf"),
        format!("terraform {{\n  required_providers {{\n    aws = {{\n      source  = \"hashicorp/aws\"\n      version = \"{aws_version}\"\n    }}\n  }}\n}}\n"),
    )
    .expect("write override");
}

#[test]
fn terraform_validate_offline_with_the_runtime_stubbed() {
    let (config, aws_version) = mirror();
    let work = std::env::temp_dir().join(format!("agentc-tf-validate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).expect("work dir");
    let mut root = String::new();
    for (i, tree) in trees().iter().enumerate() {
        stub(&work.join(format!("m{i}")), tree, &aws_version);
        root.push_str(&format!(
            "# {}\nmodule \"m{i}\" {{\n  source = \"./m{i}\"\n}}\n\n",
            tree.display()
        ));
    }
    std::fs::write(work.join("main.tf"), root).expect("root module");
    let tf = |args: &[&str]| {
        let mut c = terraform();
        c.arg(format!("-chdir={}", work.display()))
            .args(args)
            .env("TF_CLI_CONFIG_FILE", &config);
        c
    };
    run(
        &mut tf(&["init", "-input=false", "-backend=false", "-no-color"]),
        "terraform init (offline, local mirror)",
    );
    let out = run(&mut tf(&["validate", "-no-color"]), "terraform validate");
    assert!(
        out.contains("Success! The configuration is valid."),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&work);
}
