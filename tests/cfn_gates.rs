//! The CloudFormation gates on every golden template: `tests/tools/run_cfn_gates.py` runs
//! cfn-lint (no error, no warning) and checkov (no failed check, every skip justified) on all
//! `golden/*/cfn/*/template.json` at once — one cfn-lint and one checkov process in all.
//!
//! The tools are the pinned venvs `scripts/setup/python-tools.sh` builds under
//! `${AGENTC_TOOLS_DIR:-$HOME/.cache/agentc/tools}`. This test does not install them: when they
//! are missing it fails and says how to install them. It never skips.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn tools_dir() -> PathBuf {
    match std::env::var_os("AGENTC_TOOLS_DIR").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => {
            let home = std::env::var_os("HOME").expect("HOME is set (or set AGENTC_TOOLS_DIR)");
            Path::new(&home).join(".cache/agentc/tools")
        }
    }
}

/// Every golden CloudFormation template, relative to the repository root, sorted.
fn golden_templates() -> Vec<String> {
    let mut out = Vec::new();
    for case in std::fs::read_dir(repo_root().join("golden")).expect("golden/ exists") {
        let cfn = case.expect("dir entry").path().join("cfn");
        let Ok(envs) = std::fs::read_dir(&cfn) else {
            continue;
        };
        for env in envs {
            let template = env.expect("dir entry").path().join("template.json");
            if template.is_file() {
                let relative = template
                    .strip_prefix(repo_root())
                    .expect("under the repository");
                out.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn golden_templates_pass_cfn_lint_and_checkov() {
    let tools = tools_dir();
    let missing: Vec<PathBuf> = [("venv-cfnlint", "cfn-lint"), ("venv-checkov", "checkov")]
        .iter()
        .map(|(venv, exe)| tools.join(venv).join("bin").join(exe))
        .filter(|p| !p.is_file())
        .collect();
    assert!(
        missing.is_empty(),
        "the CloudFormation gate tools are not installed ({} missing): run scripts/setup/python-tools.sh",
        missing
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );

    let templates = golden_templates();
    assert!(
        templates.len() >= 10,
        "expected the golden CloudFormation templates, found {}: run AGENTC_BLESS=1 cargo test --test golden",
        templates.len()
    );

    let started = Instant::now();
    let out = Command::new("python3")
        .current_dir(repo_root())
        .env("AGENTC_TOOLS_DIR", &tools)
        .arg("tests/tools/run_cfn_gates.py")
        .arg("--verbose")
        .args(&templates)
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 tests/tools/run_cfn_gates.py: {e}"));
    let elapsed = started.elapsed();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The summaries and each justified skip, visible with --nocapture.
    eprintln!("{stderr}");
    eprintln!(
        "cfn gates: {} template(s) in {:.1} s",
        templates.len(),
        elapsed.as_secs_f64()
    );
    match out.status.code() {
        Some(0) => assert!(
            stdout.trim().is_empty(),
            "the gates exited 0 but reported:\n{stdout}"
        ),
        Some(1) => panic!(
            "the golden templates have findings (cfn-lint error/warning or failed checkov check):\n{stdout}"
        ),
        Some(2) => panic!(
            "the gates could not run (run scripts/setup/python-tools.sh if a tool is missing):\n{stderr}"
        ),
        other => panic!("run_cfn_gates.py ended with {other:?}:\n{stdout}\n{stderr}"),
    }
}
