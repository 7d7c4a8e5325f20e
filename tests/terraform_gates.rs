//! Gates on every golden Terraform tree (`golden/<case>/terraform/<env>/`):
//!
//! - every `.tf` file parses with hcl-rs;
//! - `terraform fmt -check -recursive`;
//! - checkov `--framework terraform` (one run over all trees): no failed check, and every
//!   `#checkov:skip` carries a reason;
//! - the attribute names of the resources the local provider cannot check, against the
//!   hashicorp/aws 6.25 schema (`backends/terraform/schema/check_attributes.py`, after its
//!   negative fixture proves it catches mistakes);
//! - `terraform validate` offline with the local hashicorp/aws 5.100 mirror, all trees as
//!   child modules of one root (one init), AgentCore runtimes stubbed as
//!   `backends/terraform/reference/validate-offline.sh` does;
//! - the mapping test: the same resources and security-relevant settings as the
//!   CloudFormation golden of the same case and environment, read from both outputs.
//!
//! The tools come from `scripts/setup.sh`; a missing one fails the gate, it never skips.

#[path = "terraform_gates/cfn_facts.rs"]
mod cfn_facts;
#[path = "terraform_gates/mapping.rs"]
mod mapping;
#[path = "terraform_gates/model.rs"]
mod model;
#[path = "terraform_gates/tf_facts.rs"]
mod tf_facts;

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `golden/<case>/terraform/<env>`, sorted.
fn trees() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for case in std::fs::read_dir(repo().join("golden")).expect("golden/") {
        let tf = case.expect("entry").path().join("terraform");
        for env in std::fs::read_dir(&tf).into_iter().flatten() {
            let env = env.expect("entry").path();
            if env.is_dir()
                && !env
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            {
                out.push(env);
            }
        }
    }
    out.sort();
    assert!(
        out.len() >= 10,
        "expected the golden Terraform trees, found {}",
        out.len()
    );
    out
}

fn tools() -> PathBuf {
    std::env::var_os("AGENTC_TOOLS_DIR").map_or_else(
        || PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cache/agentc/tools"),
        PathBuf::from,
    )
}

/// `path`, which scripts/setup.sh installs, or a failure saying so.
fn tool(path: PathBuf, what: &str) -> PathBuf {
    assert!(
        path.exists(),
        "{what} not found at {}: run scripts/setup.sh",
        path.display()
    );
    path
}

fn run(cmd: &mut Command, what: &str) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what} could not start ({e}): run scripts/setup.sh"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{what} failed:\n{text}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn terraform() -> Command {
    let mut c = Command::new("terraform");
    c.env("CHECKPOINT_DISABLE", "1");
    c
}

fn tf_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tree")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "tf"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_file_parses_with_hcl_rs() {
    for tree in trees() {
        for file in tf_files(&tree) {
            let text = std::fs::read_to_string(&file).expect("read");
            hcl::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        }
    }
}

#[test]
fn terraform_fmt_leaves_every_tree_unchanged() {
    let mut cmd = terraform();
    cmd.args(["fmt", "-check", "-recursive", "-diff", "-no-color"])
        .env("TF_CLI_CONFIG_FILE", "/dev/null");
    cmd.args(trees());
    run(&mut cmd, "terraform fmt -check");
}

#[test]
fn checkov_finds_nothing_and_every_skip_has_a_reason() {
    let checkov = std::env::var_os("AGENTC_CHECKOV")
        .map_or_else(|| tools().join("venv-checkov/bin/checkov"), PathBuf::from);
    let checkov = tool(checkov, "checkov (scripts/setup/python-tools.sh)");
    let mut cmd = Command::new(checkov);
    cmd.args([
        "--framework",
        "terraform",
        "--skip-download",
        "--compact",
        "--quiet",
        "-o",
        "json",
    ])
    .env("BC_SKIP_MAPPING", "TRUE")
    .env("CKV_SKIP_PACKAGE_UPDATE_CHECK", "true");
    for tree in trees() {
        cmd.arg("-d").arg(tree);
    }
    let out = cmd.output().expect("checkov runs");
    // One JSON document per folder (or a list of them).
    let mut reports = Vec::new();
    for doc in serde_json::Deserializer::from_slice(&out.stdout).into_iter::<serde_json::Value>() {
        match doc.unwrap_or_else(|e| {
            panic!(
                "checkov output is not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stderr)
            )
        }) {
            serde_json::Value::Array(items) => reports.extend(items),
            one => reports.push(one),
        }
    }
    assert_eq!(
        reports.len(),
        trees().len(),
        "checkov reported on {} folders",
        reports.len()
    );
    let mut failed = Vec::new();
    let mut passed = 0;
    for report in &reports {
        passed += report["summary"]["passed"].as_u64().unwrap_or(0);
        assert_eq!(
            report["summary"]["parsing_errors"].as_u64(),
            Some(0),
            "checkov could not parse a file"
        );
        for f in report["results"]["failed_checks"]
            .as_array()
            .into_iter()
            .flatten()
        {
            failed.push(format!(
                "{} {} {}",
                f["check_id"], f["file_path"], f["resource"]
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "checkov failed checks:\n{}",
        failed.join("\n")
    );
    assert!(
        passed > 100,
        "checkov passed only {passed} checks: did it scan the trees?"
    );
    for tree in trees() {
        for file in tf_files(&tree) {
            for line in std::fs::read_to_string(&file)
                .expect("read")
                .lines()
                .filter(|l| l.contains("checkov:skip"))
            {
                let rest = line
                    .trim()
                    .strip_prefix("#checkov:skip=")
                    .unwrap_or_else(|| panic!("{}: malformed skip: {line}", file.display()));
                let (id, reason) = rest.split_once(':').unwrap_or_else(|| {
                    panic!("{}: a skip without a reason: {line}", file.display())
                });
                assert!(
                    id.starts_with("CKV") && reason.trim().len() >= 20,
                    "{}: a skip without a real reason: {line}",
                    file.display()
                );
            }
        }
    }
}

#[test]
fn attribute_names_match_hashicorp_aws_6_25() {
    let schema = repo().join("backends/terraform/schema");
    let node_modules = tool(
        tools().join("node-hcl2json/node_modules"),
        "@cdktf/hcl2json (scripts/setup/hcl-tools.sh)",
    );
    tool(
        node_modules.join("@cdktf/hcl2json/package.json"),
        "@cdktf/hcl2json (scripts/setup/hcl-tools.sh)",
    );
    let python = tool(
        tools().join("venv-python-hcl2/bin/python"),
        "python-hcl2 (scripts/setup/hcl-tools.sh)",
    );
    let work = std::env::temp_dir().join(format!("agentc-tf-attributes-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("work dir");
    let parse = |dir: &Path, out: &Path| {
        let json = run(
            Command::new("node")
                .env("NODE_PATH", &node_modules)
                .arg(schema.join("hcl2json.js"))
                .arg(dir),
            "hcl2json.js",
        );
        std::fs::write(out, json).expect("write");
    };
    // The checker must catch the nine mistakes of its negative fixture.
    let bad = work.join("bad.json");
    parse(&schema.join("testdata/bad_runtime.tf"), &bad);
    let out = Command::new(&python)
        .arg(schema.join("check_attributes.py"))
        .args(["--kinds", "require", "-q"])
        .arg(&bad)
        .output()
        .expect("python runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !out.status.success() && text.matches("  ERROR").count() == 9,
        "the checker missed mistakes of its fixture:\n{text}"
    );
    for tree in trees() {
        let parsed = work.join("tree.json");
        parse(&tree, &parsed);
        let text = run(
            Command::new(&python)
                .arg(schema.join("check_attributes.py"))
                .args(["--kinds", "require", "-q"])
                .arg(&parsed),
            &format!("check_attributes.py on {}", tree.display()),
        );
        assert!(
            text.contains(" 0 finding(s)") && text.contains("verified with python-hcl2"),
            "{}:\n{text}",
            tree.display()
        );
    }
    let _ = std::fs::remove_dir_all(&work);
}

#[path = "terraform_gates/validate.rs"]
mod validate;

#[path = "terraform_gates/mapping_tests.rs"]
mod mapping_tests;
