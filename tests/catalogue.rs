//! The diagnostic catalogue's promises, checked through the `agentc` binary:
//!
//! - every code `agentc explain --list` prints is triggered by at least one golden case
//!   (`golden/*/diagnostics.json`), except the few listed in [`NOT_IN_GOLDEN`] with the reason;
//! - every golden case whose spec starts with `// expect: agentc::…` reports that code and no
//!   other;
//! - the `## Example` of every code's explanation is a complete spec that `agentc check` flags
//!   with exactly that code (except the codes in [`NO_SPEC_EXAMPLE`]);
//! - the `io::*` codes, which no spec file can carry, are triggered here with temporary files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Codes no golden case triggers, each with the reason and where it is covered instead.
const NOT_IN_GOLDEN: &[(&str, &str)] = &[
    // A golden case is a spec file that exists and reads; these need a file that does not.
    (
        "agentc::io::unreadable",
        "a missing path: `io_unreadable_is_exit_2` below",
    ),
    (
        "agentc::io::not-utf8",
        "invalid UTF-8 bytes: `io_not_utf8_is_a_finding` below",
    ),
    (
        "agentc::io::too-large",
        "a 2 MB file: `io_too_large_is_a_finding` below",
    ),
    // Depends on the target, so `agentc check` never reports it; today every backend answers
    // with it from `agentc compile` because none is built yet.
    (
        "agentc::target::unsupported",
        "reported by `compile`, not `check`",
    ),
    // Lowering and decoding report their own failures with it; no spec is known to reach one.
    (
        "agentc::internal::bug",
        "not triggerable: no known spec reaches it",
    ),
];

/// Codes whose explanation cannot show a failing spec: the example is a shell session instead.
const NO_SPEC_EXAMPLE: &[&str] = &[
    "agentc::io::unreadable",
    "agentc::io::not-utf8",
    "agentc::io::too-large",
    "agentc::target::unsupported",
    "agentc::internal::bug",
];

fn agentc() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_agentc"));
    c.current_dir(repo_root())
        .env("COLUMNS", "80")
        .env("NO_COLOR", "1")
        .env_remove("AGENTC_TARGET");
    c
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh folder under the system's temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("agentc-catalogue-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        Self(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every code and its severity (`error` or `warning`), from `agentc explain --list`.
fn listed() -> Vec<(String, String)> {
    let out = agentc()
        .args(["explain", "--list"])
        .output()
        .expect("run agentc");
    assert!(
        out.status.success(),
        "explain --list failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let codes: Vec<(String, String)> = String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            Some((words.next()?.to_owned(), words.next()?.to_owned()))
        })
        .collect();
    assert!(
        codes.len() > 40,
        "explain --list printed only {} codes",
        codes.len()
    );
    assert!(
        codes.iter().all(|(c, _)| c.starts_with("agentc::")),
        "{codes:?}"
    );
    codes
}

/// Every code, from `agentc explain --list`.
fn listed_codes() -> Vec<String> {
    listed().into_iter().map(|(code, _)| code).collect()
}

/// `agentc check PATH --format json`: the exit code and the codes reported, in order.
fn check_json(path: &Path) -> (Option<i32>, Vec<String>, Output) {
    let out = agentc()
        .arg("check")
        .arg(path)
        .args(["--format", "json"])
        .output()
        .expect("run agentc");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "check {} printed no JSON ({e}):\nstdout: {}\nstderr: {}",
            path.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let codes = json["diagnostics"]
        .as_array()
        .map(|ds| {
            ds.iter()
                .filter_map(|d| d["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    (out.status.code(), codes, out)
}

/// The golden case folders: `golden/<case>/spec.kdl`.
fn golden_cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(repo_root().join("golden"))
        .expect("golden/ exists")
        .map(|e| e.expect("read golden/").path())
        .filter(|p| p.join("spec.kdl").is_file())
        .collect();
    cases.sort();
    cases
}

/// The codes of a case's expected `diagnostics.json` (none for a compile case).
fn golden_codes(case: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(case.join("diagnostics.json")) else {
        return Vec::new();
    };
    let json: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: {e}", case.join("diagnostics.json").display()));
    json["diagnostics"]
        .as_array()
        .map(|ds| {
            ds.iter()
                .filter_map(|d| d["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The code a case's first line promises: `// expect: agentc::area::problem — why`.
fn expected_code(spec: &Path) -> Option<String> {
    let text = std::fs::read_to_string(spec).ok()?;
    let rest = text
        .lines()
        .next()?
        .strip_prefix("// expect:")?
        .trim_start();
    rest.split_whitespace().next().map(str::to_owned)
}

#[test]
fn every_code_has_a_golden_case() {
    let mut covered: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for case in golden_cases() {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        for code in golden_codes(&case) {
            covered.entry(code).or_default().push(name.clone());
        }
    }
    let listed = listed_codes();
    let exempt: BTreeSet<&str> = NOT_IN_GOLDEN.iter().map(|(c, _)| *c).collect();
    for code in &exempt {
        assert!(
            listed.iter().any(|c| c == code),
            "NOT_IN_GOLDEN names `{code}`, which agentc does not have"
        );
    }
    let uncovered: Vec<&String> = listed
        .iter()
        .filter(|c| !covered.contains_key(*c) && !exempt.contains(c.as_str()))
        .collect();
    assert!(
        uncovered.is_empty(),
        "codes no golden/*/diagnostics.json reports (add a case, or list them in NOT_IN_GOLDEN with the reason): {uncovered:?}"
    );
    let stale: Vec<&&str> = exempt
        .iter()
        .filter(|c| covered.contains_key(**c))
        .collect();
    assert!(
        stale.is_empty(),
        "codes in NOT_IN_GOLDEN that a golden case now covers: {stale:?}"
    );
}

#[test]
fn golden_cases_report_the_code_they_expect() {
    let listed = listed_codes();
    let mut failures = Vec::new();
    for case in golden_cases() {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let Some(expected) = expected_code(&case.join("spec.kdl")) else {
            continue;
        };
        if !listed.contains(&expected) {
            failures.push(format!(
                "{name}: expects `{expected}`, which agentc does not have"
            ));
            continue;
        }
        let codes = golden_codes(&case);
        if !codes.contains(&expected) {
            failures.push(format!(
                "{name}: expects `{expected}` but diagnostics.json has {codes:?}"
            ));
        }
        let others: BTreeSet<&String> = codes.iter().filter(|c| **c != expected).collect();
        if !others.is_empty() {
            failures.push(format!(
                "{name}: expects only `{expected}` but diagnostics.json also has {others:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The first ```kdl block of the `## Example` section, if any.
fn example_spec(doc: &str) -> Option<String> {
    let section = doc.split_once("\n## Example")?.1;
    let section = section.split("\n## ").next().unwrap_or(section);
    let body = section.split_once("```kdl\n")?.1;
    Some(body.split_once("```")?.0.to_owned())
}

#[test]
fn every_example_triggers_its_code() {
    let mut failures = Vec::new();
    for (code, severity) in listed() {
        let out = agentc()
            .args(["explain", &code])
            .output()
            .expect("run agentc");
        assert!(out.status.success(), "explain {code} failed");
        let doc = String::from_utf8(out.stdout).expect("utf-8");
        let Some(spec) = example_spec(&doc) else {
            if !NO_SPEC_EXAMPLE.contains(&code.as_str()) {
                failures.push(format!("{code}: its `## Example` has no ```kdl block"));
            }
            continue;
        };
        if NO_SPEC_EXAMPLE.contains(&code.as_str()) {
            failures.push(format!(
                "{code}: has a ```kdl example now; remove it from NO_SPEC_EXAMPLE"
            ));
        }
        let dir = TempDir::new(&code.replace("::", "-"));
        let path = dir.path().join("spec.kdl");
        std::fs::write(&path, &spec).unwrap();
        // Examples build the agent from `entrypoint "app.py"` with the Dockerfile beside it.
        std::fs::write(dir.path().join("app.py"), "").unwrap();
        std::fs::write(dir.path().join("Dockerfile"), "").unwrap();
        let (status, codes, _) = check_json(&path);
        if !codes.contains(&code) {
            failures.push(format!(
                "{code}: the example reports {codes:?}, not this code:\n{spec}"
            ));
        } else if codes.iter().any(|c| *c != code) {
            failures.push(format!(
                "{code}: the example also reports {codes:?}:\n{spec}"
            ));
        }
        // Exit 1 on an error; a spec whose only finding is a warning checks clean.
        let want = if severity == "warning" {
            Some(0)
        } else {
            Some(1)
        };
        if status != want {
            failures.push(format!(
                "{code}: the example exits {status:?}, expected {want:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn io_unreadable_is_exit_2() {
    let dir = TempDir::new("unreadable");
    let missing = dir.path().join("no-such-spec.kdl");
    let (status, codes, _) = check_json(&missing);
    assert_eq!(codes, ["agentc::io::unreadable"]);
    assert_eq!(
        status,
        Some(2),
        "a spec that cannot be read means agentc could not run"
    );
    // The human report names the file and says how to fix it.
    let human = agentc()
        .arg("check")
        .arg(&missing)
        .args(["--color", "never"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&human.stderr);
    assert!(stderr.contains("agentc::io::unreadable"), "{stderr}");
    assert!(stderr.contains("no-such-spec.kdl"), "{stderr}");
    assert_eq!(human.status.code(), Some(2));
}

#[test]
fn io_not_utf8_is_a_finding() {
    let dir = TempDir::new("not-utf8");
    let path = dir.path().join("spec.kdl");
    // `é` in Latin-1: byte 0xE9 at offset 12, not followed by UTF-8 continuation bytes.
    std::fs::write(
        &path,
        b"project \"caf\xe9\" {\n    region \"us-east-1\"\n}\n",
    )
    .unwrap();
    let (status, codes, out) = check_json(&path);
    assert_eq!(codes, ["agentc::io::not-utf8"]);
    assert_eq!(status, Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let message = json["diagnostics"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(
        message.contains("offset 12"),
        "the message gives the first invalid byte: {message}"
    );
}

#[test]
fn io_too_large_is_a_finding() {
    let dir = TempDir::new("too-large");
    let path = dir.path().join("spec.kdl");
    // 2 MB of valid KDL (comments): only the size is wrong.
    let line = format!("// {}\n", "x".repeat(96));
    std::fs::write(&path, line.repeat(2 * 1024 * 1024 / line.len() + 1)).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() > 2 * 1000 * 1000);
    let (status, codes, _) = check_json(&path);
    assert_eq!(codes, ["agentc::io::too-large"]);
    assert_eq!(status, Some(1));
}
