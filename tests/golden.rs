//! Golden cases: `golden/<case>/spec.kdl` and the expected outputs beside it.
//!
//! Which files a case holds decides what is asserted:
//! - `diagnostics.txt` and `diagnostics.json`: `agentc check` must print exactly these (human
//!   report at width 80 without colour, and `--format json`), and exit 1 (or 0 for a case
//!   whose findings are all warnings).
//! - otherwise the case must check clean, and `<target>/<env>/…` must be exactly what
//!   `agentc compile --target <target> --env <env>` writes, for every environment of the spec
//!   and every target in [`TARGETS`]. Extra or missing files fail.
//!
//! `AGENTC_BLESS=1 cargo test --test golden` rewrites the expected files. Without it, a missing
//! expected file is a failure, never a silent create.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The targets whose outputs are compared.
const TARGETS: &[&str] = &["cfn", "cdk", "terraform"];

fn agentc() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_agentc"));
    c.current_dir(repo_root())
        .env("COLUMNS", "80")
        .env_remove("NO_COLOR")
        .env_remove("AGENTC_TARGET");
    c
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bless() -> bool {
    std::env::var_os("AGENTC_BLESS").is_some_and(|v| v == "1")
}

/// The environments a spec declares, read the way a user reads them: from `--format json` of
/// an unknown environment, which lists them.
fn environments(spec: &str) -> Vec<String> {
    let out = agentc()
        .args([
            "check",
            spec,
            // `=`: clap takes a value starting with `-` only in this form.
            "--env=--list-environments--",
            "--format",
            "json",
        ])
        .output()
        .expect("run agentc");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let message = json["diagnostics"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    message
        .split_once("the spec declares: ")
        .map(|(_, list)| list.split(", ").map(str::to_owned).collect())
        .unwrap_or_default()
}

fn read_tree(dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return files;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(
                rel,
                std::fs::read_to_string(entry.path())
                    .unwrap_or_else(|e| panic!("{}: {e}", entry.path().display())),
            );
        }
    }
    files
}

fn diff(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .context_radius(3)
        .header("expected", "actual")
        .to_string()
}

/// Compare `actual` with the file at `path`, or write it when blessing.
fn expect_file(path: &Path, actual: &str, failures: &mut Vec<String>) {
    if bless() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    match std::fs::read_to_string(path) {
        Ok(expected) if expected == actual => {}
        Ok(expected) => failures.push(format!(
            "{} differs:\n{}",
            path.display(),
            diff(&expected, actual)
        )),
        Err(_) => failures.push(format!(
            "{} is missing (run with AGENTC_BLESS=1 to create it)",
            path.display()
        )),
    }
}

fn expect_tree(dir: &Path, actual: &BTreeMap<String, String>, failures: &mut Vec<String>) {
    if bless() {
        let _ = std::fs::remove_dir_all(dir);
    }
    let expected = read_tree(dir);
    for (rel, text) in actual {
        expect_file(&dir.join(rel), text, failures);
    }
    if !bless() {
        for rel in expected.keys().filter(|k| !actual.contains_key(*k)) {
            failures.push(format!(
                "{} is expected but agentc no longer writes it",
                dir.join(rel).display()
            ));
        }
    }
}

fn run_case(case: &Path, failures: &mut Vec<String>) {
    let name = case.file_name().unwrap().to_string_lossy().to_string();
    let spec = format!("golden/{name}/spec.kdl");
    let has_diagnostics =
        case.join("diagnostics.txt").exists() || case.join("diagnostics.json").exists();
    let human = agentc()
        .args(["check", &spec, "--color", "never"])
        .output()
        .expect("run agentc");
    let json = agentc()
        .args(["check", &spec, "--format", "json"])
        .output()
        .expect("run agentc");
    let stderr = String::from_utf8_lossy(&human.stderr).to_string();
    let code = human.status.code();
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap_or_default();
    let findings = parsed["diagnostics"]
        .as_array()
        .is_some_and(|d| !d.is_empty());
    // A case with findings (errors or warnings) is a diagnostics case; a clean one compiles.
    if has_diagnostics || findings || code != Some(0) {
        expect_file(&case.join("diagnostics.txt"), &stderr, failures);
        expect_file(
            &case.join("diagnostics.json"),
            &String::from_utf8_lossy(&json.stdout),
            failures,
        );
        let errors = parsed["summary"]["errors"].as_u64().unwrap_or(0);
        let want = if errors > 0 { Some(1) } else { Some(0) };
        if code != want {
            failures.push(format!("{name}: exit code {code:?}, expected {want:?}"));
        }
        return;
    }
    for env in environments(&spec) {
        for target in TARGETS {
            // Beside the expected tree, at its depth: what an output locates relative to its
            // folder (the spec's folder, as `EmitOptions::spec_dir`) must come out as if it
            // had been compiled into `golden/<case>/<target>/<env>`, on any machine.
            let out = case
                .join(target)
                .join(format!(".{env}.actual-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&out);
            let status = agentc()
                .args(["compile", &spec, "--target", target, "--env", &env, "-o"])
                .arg(&out)
                .output()
                .expect("run agentc");
            if !status.status.success() {
                failures.push(format!(
                    "{name}: compile --target {target} --env {env} failed:\n{}",
                    String::from_utf8_lossy(&status.stderr)
                ));
                continue;
            }
            expect_tree(&case.join(target).join(&env), &read_tree(&out), failures);
            let _ = std::fs::remove_dir_all(&out);
        }
    }
}

#[test]
fn golden_cases() {
    let root = repo_root().join("golden");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("golden/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("spec.kdl").exists())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no golden cases found");
    let mut failures = Vec::new();
    for case in &cases {
        run_case(case, &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} golden failure(s) in {} cases:\n\n{}\n\nrerun with AGENTC_BLESS=1 to accept",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
