//! The `agentc` binary as users and CI run it: exit codes, output formats, folder walking,
//! `explain`, `--help`, completions, `compile` refusing a spec with errors, and the pre-commit
//! hook definition.
//!
//! Every test runs the real binary with the repository root as its working directory and
//! writes only into its own folder under the system temp dir, removed when the test ends.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from the repository root with a fixed width and no ambient settings.
fn agentc() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_agentc"));
    c.current_dir(repo_root())
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env_remove("AGENTC_TARGET")
        .env_remove("RUST_BACKTRACE");
    c
}

fn run(args: &[&str]) -> Output {
    agentc().args(args).output().expect("run agentc")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Everything a failed assertion needs to be understood.
fn show(o: &Output) -> String {
    format!(
        "exit: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        o.status.code(),
        stdout(o),
        stderr(o)
    )
}

#[track_caller]
fn assert_exit(o: &Output, code: i32) {
    assert!(
        !stderr(o).contains("panicked"),
        "agentc panicked\n{}",
        show(o)
    );
    assert_eq!(
        o.status.code(),
        Some(code),
        "unexpected exit code\n{}",
        show(o)
    );
}

fn json_of(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{}", show(o)))
}

/// A folder under the system temp dir, unique to one test, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path = std::env::temp_dir().join(format!(
            "agentc-cli-{}-{name}-{n}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path).expect("create temp dir");
        Self(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    /// Write `text` to `relative` (creating folders) and return the full path.
    fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).expect("create parent");
        std::fs::write(&path, text).expect("write file");
        path
    }

    /// The files a spec's agent is built from: `agent/app.py`, its requirements and the
    /// Dockerfile beside it (their content does not matter to `check`).
    fn agent_files(&self) {
        self.write("agent/app.py", "print('hello')\n");
        self.write("agent/requirements.txt", "strands-agents\n");
        self.write("agent/Dockerfile", "FROM python:3.12-slim\n");
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn s(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

/// A spec that checks clean next to [`TempDir::agent_files`].
const CLEAN: &str = r#"project "demo" {
    owner "platform-team"
    cost-center "CC-0001"
    region "us-east-1"
}

agent "demo_agent" {
    entrypoint "agent/app.py"
    requirements "agent/requirements.txt"
    model "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
}

environment "dev"
"#;

/// Only a warning: `Owner` is a tag agentc derives (agentc::tags::derived-key).
const WARNING_ONLY: &str = r#"project "demo" {
    owner "platform-team"
    cost-center "CC-0001"
    region "us-east-1"
    tags Owner="someone-else"
}

agent "demo_agent" {
    entrypoint "agent/app.py"
    model "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
}

environment "dev"
"#;

/// One error: logs kept 7 days (agentc::logs::retention-too-short) at line 12, column 24.
const ONE_ERROR: &str = r#"project "demo" {
    owner "platform-team"
    cost-center "CC-0001"
    region "us-east-1"
}

agent "demo_agent" {
    entrypoint "agent/app.py"
    model "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
}

observability { log-retention-days 7 }

environment "dev"
environment "staging"
"#;

// ---------------------------------------------------------------------------------------
// check: exit codes
// ---------------------------------------------------------------------------------------

#[test]
fn the_example_specs_check_clean() {
    let o = run(&["check", "specs/"]);
    assert_exit(&o, 0);
    assert!(
        stderr(&o).contains("checked 2 specs: 0 error(s), 0 warning(s)"),
        "{}",
        show(&o)
    );
    for spec in ["specs/minimal.kdl", "specs/support-desk.kdl"] {
        assert_exit(&run(&["check", spec]), 0);
    }
}

#[test]
fn every_environment_of_the_example_specs_checks_clean_one_by_one() {
    for (spec, envs) in [
        ("specs/minimal.kdl", &["dev"][..]),
        (
            "specs/support-desk.kdl",
            &["dev", "staging", "production"][..],
        ),
    ] {
        for env in envs {
            assert_exit(&run(&["check", spec, "--env", env]), 0);
        }
    }
}

#[test]
fn a_clean_spec_exits_0_and_a_spec_with_an_error_exits_1() {
    let dir = TempDir::new("exit01");
    dir.agent_files();
    let clean = dir.write("clean.kdl", CLEAN);
    let broken = dir.write("broken.kdl", ONE_ERROR);
    assert_exit(&run(&["check", s(&clean)]), 0);
    let o = run(&["check", s(&broken)]);
    assert_exit(&o, 1);
    let err = stderr(&o);
    assert!(
        err.contains("agentc::logs::retention-too-short"),
        "{}",
        show(&o)
    );
    assert!(
        err.contains("checked 1 spec: 1 error(s), 0 warning(s)"),
        "{}",
        show(&o)
    );
    // One clean and one broken spec together: the worst wins.
    assert_exit(&run(&["check", s(&clean), s(&broken)]), 1);
}

#[test]
fn an_unreadable_file_exits_2() {
    let o = run(&["check", "specs/does-not-exist.kdl"]);
    assert_exit(&o, 2);
    assert!(
        stderr(&o).contains("agentc::io::unreadable"),
        "{}",
        show(&o)
    );
    assert!(stderr(&o).contains("does-not-exist.kdl"), "{}", show(&o));
    // Even beside a clean spec.
    assert_exit(
        &run(&["check", "specs/minimal.kdl", "specs/does-not-exist.kdl"]),
        2,
    );
}

#[test]
fn a_folder_without_specs_exits_2() {
    let dir = TempDir::new("nospecs");
    dir.write("README.md", "# nothing to check\n");
    let o = run(&["check", s(dir.path())]);
    assert_exit(&o, 2);
    assert!(stderr(&o).contains("no `*.kdl` spec found"), "{}", show(&o));
}

#[test]
fn bad_flags_exit_2() {
    for args in [
        &["check", "specs/", "--no-such-flag"][..],
        &["check", "specs/", "--format", "xml"],
        &["check", "specs/", "--color", "sometimes"],
        &["compile", "specs/minimal.kdl"],
        &["compile", "specs/minimal.kdl", "--target", "pulumi"],
        &["no-such-command"],
        &["completions", "tcsh"],
        &[],
    ] {
        let o = run(args);
        assert_exit(&o, 2);
        assert!(
            !stderr(&o).is_empty(),
            "{args:?} says nothing\n{}",
            show(&o)
        );
    }
}

#[test]
fn an_unknown_environment_exits_2_and_lists_the_declared_ones() {
    let o = run(&["check", "specs/support-desk.kdl", "--env", "prod"]);
    assert_exit(&o, 2);
    let err = stderr(&o);
    assert!(err.contains("agentc::env::unknown"), "{}", show(&o));
    assert!(err.contains("dev, staging, production"), "{}", show(&o));

    let o = run(&[
        "check",
        "specs/support-desk.kdl",
        "--env",
        "qa",
        "--format",
        "json",
    ]);
    assert_exit(&o, 2);
    let json = json_of(&o);
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "agentc::env::unknown");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("dev, staging, production"),
        "{json:#}"
    );
}

#[test]
fn version_and_help_exit_0() {
    let o = run(&["--version"]);
    assert_exit(&o, 0);
    assert!(stdout(&o).starts_with("agentc "), "{}", show(&o));
    let o = run(&["--help"]);
    assert_exit(&o, 0);
    assert!(
        stdout(&o).contains("Exit codes: 0 clean, 1 findings, 2 could not run"),
        "{}",
        show(&o)
    );
}

// ---------------------------------------------------------------------------------------
// check: formats
// ---------------------------------------------------------------------------------------

#[test]
fn json_output_is_versioned_with_one_based_positions() {
    let dir = TempDir::new("json");
    dir.agent_files();
    let spec = dir.write("broken.kdl", ONE_ERROR);
    let o = run(&["check", s(&spec), "--format", "json"]);
    assert_exit(&o, 1);
    assert!(
        stderr(&o).is_empty(),
        "JSON mode writes nothing to stderr\n{}",
        show(&o)
    );
    let json = json_of(&o);
    assert_eq!(json["version"], 1);
    assert_eq!(json["summary"]["errors"], 1);
    assert_eq!(json["summary"]["warnings"], 0);
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics array");
    assert_eq!(diagnostics.len(), 1, "{json:#}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "agentc::logs::retention-too-short");
    assert_eq!(d["severity"], "error");
    assert!(
        d["message"].as_str().is_some_and(|m| m.contains('7')),
        "{d:#}"
    );
    assert!(d["help"].as_str().is_some_and(|h| !h.is_empty()), "{d:#}");
    assert!(
        d["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("broken.kdl")),
        "{d:#}"
    );
    // `observability { log-retention-days 7 }` is line 12; the `7` is column 36.
    let (line, column) = position_of(ONE_ERROR, "log-retention-days 7", "7");
    assert_eq!((line, column), (12, 36), "the fixture moved");
    assert_eq!(d["start"]["line"], line as u64, "{d:#}");
    assert_eq!(d["start"]["column"], column as u64, "{d:#}");
    assert_eq!(d["end"]["line"], line as u64, "{d:#}");
    assert_eq!(d["end"]["column"], column as u64 + 1, "{d:#}");
    assert_eq!(d["labels"][0]["primary"], true, "{d:#}");
}

#[test]
fn json_of_a_clean_run_has_no_diagnostics() {
    let o = run(&["check", "specs/", "--format", "json"]);
    assert_exit(&o, 0);
    let json = json_of(&o);
    assert_eq!(json["version"], 1);
    assert_eq!(json["summary"]["errors"], 0);
    assert_eq!(json["diagnostics"].as_array().map(Vec::len), Some(0));
}

/// The 1-based line and column of `needle` inside the first line holding `line_marker`.
fn position_of(text: &str, line_marker: &str, needle: &str) -> (usize, usize) {
    let (index, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(line_marker))
        .expect("marker in text");
    let at = line.find(line_marker).unwrap() + line_marker.rfind(needle).unwrap();
    (index + 1, line[..at].chars().count() + 1)
}

#[test]
fn sarif_output_has_the_2_1_0_shape() {
    let dir = TempDir::new("sarif");
    dir.agent_files();
    let broken = dir.write("broken.kdl", ONE_ERROR);
    let warned = dir.write("warned.kdl", WARNING_ONLY);
    let o = run(&["check", s(&broken), s(&warned), "--format", "sarif"]);
    assert_exit(&o, 1);
    let sarif = json_of(&o);
    assert_eq!(sarif["version"], "2.1.0");
    assert!(
        sarif["$schema"]
            .as_str()
            .is_some_and(|s| s.contains("sarif")),
        "{sarif:#}"
    );
    let run0 = &sarif["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "agentc");
    let rules = run0["tool"]["driver"]["rules"].as_array().expect("rules");
    let rule_ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let results = run0["results"].as_array().expect("results");
    assert_eq!(results.len(), 2, "{sarif:#}");
    for r in results {
        let id = r["ruleId"].as_str().expect("ruleId");
        assert!(
            rule_ids.contains(&id),
            "{id} missing from the driver's rules"
        );
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rule_ids[index], id, "ruleIndex points at another rule");
        assert!(
            matches!(r["level"].as_str(), Some("error" | "warning")),
            "{r:#}"
        );
        assert!(
            r["message"]["text"].as_str().is_some_and(|t| !t.is_empty()),
            "{r:#}"
        );
        let location = &r["locations"][0]["physicalLocation"];
        assert!(
            location["artifactLocation"]["uri"]
                .as_str()
                .is_some_and(|u| u.ends_with(".kdl")),
            "{r:#}"
        );
        assert!(
            location["region"]["startLine"]
                .as_u64()
                .is_some_and(|l| l >= 1),
            "{r:#}"
        );
        assert!(
            location["region"]["startColumn"]
                .as_u64()
                .is_some_and(|c| c >= 1),
            "{r:#}"
        );
    }
    let by_rule: BTreeSet<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(
        by_rule,
        BTreeSet::from([
            "agentc::logs::retention-too-short",
            "agentc::tags::derived-key"
        ])
    );
    let error = results.iter().find(|r| r["level"] == "error").unwrap();
    assert_eq!(
        error["locations"][0]["physicalLocation"]["region"]["startLine"],
        12
    );
}

#[test]
fn human_output_goes_to_stderr_and_names_file_line_and_code() {
    let dir = TempDir::new("human");
    dir.agent_files();
    let spec = dir.write("broken.kdl", ONE_ERROR);
    let o = run(&["check", s(&spec), "--color", "never"]);
    assert_exit(&o, 1);
    assert!(
        stdout(&o).is_empty(),
        "human mode writes nothing to stdout\n{}",
        show(&o)
    );
    let err = stderr(&o);
    assert!(
        err.contains("agentc::logs::retention-too-short"),
        "{}",
        show(&o)
    );
    assert!(err.contains("broken.kdl:12:36"), "{}", show(&o));
    assert!(
        !err.contains('\u{1b}'),
        "--color never still coloured\n{}",
        show(&o)
    );
}

#[test]
fn deny_warnings_turns_a_warning_only_spec_into_exit_1() {
    let dir = TempDir::new("denywarn");
    dir.agent_files();
    let spec = dir.write("warned.kdl", WARNING_ONLY);
    let o = run(&["check", s(&spec)]);
    assert_exit(&o, 0);
    assert!(
        stderr(&o).contains("agentc::tags::derived-key"),
        "{}",
        show(&o)
    );
    assert!(
        stderr(&o).contains("0 error(s), 1 warning(s)"),
        "{}",
        show(&o)
    );
    assert_exit(&run(&["check", s(&spec), "--deny-warnings"]), 1);
    let o = run(&["check", s(&spec), "--deny-warnings", "--format", "json"]);
    assert_exit(&o, 1);
    let json = json_of(&o);
    assert_eq!(json["summary"]["errors"], 0);
    assert_eq!(json["summary"]["warnings"], 1);
    assert_eq!(json["diagnostics"][0]["severity"], "warning");
    // A clean spec stays clean under --deny-warnings.
    assert_exit(&run(&["check", "specs/", "--deny-warnings"]), 0);
}

// ---------------------------------------------------------------------------------------
// check: folders
// ---------------------------------------------------------------------------------------

#[test]
fn a_folder_is_walked_for_kdl_files_skipping_hidden_and_tool_folders() {
    let dir = TempDir::new("walk");
    dir.agent_files();
    // Visible specs, each with one error so each shows up in the report.
    dir.write("a.kdl", ONE_ERROR);
    dir.write(
        "nested/deeper/b.kdl",
        &ONE_ERROR.replace("agent/app.py", "../../agent/app.py"),
    );
    // Never looked at: not *.kdl, or inside a hidden or tool folder.
    dir.write("notes.txt", "not a spec {");
    dir.write("spec.kdl.bak", "not a spec {");
    for skipped in [
        ".hidden/c.kdl",
        ".git/d.kdl",
        "node_modules/pkg/e.kdl",
        "nested/node_modules/f.kdl",
    ] {
        dir.write(skipped, "this is { not valid");
    }
    let o = run(&["check", s(dir.path()), "--format", "json"]);
    assert_exit(&o, 1);
    let json = json_of(&o);
    let files: BTreeSet<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap().replace('\\', "/"))
        .collect();
    let root = s(dir.path()).replace('\\', "/");
    let expected = BTreeSet::from([
        format!("{root}/a.kdl"),
        format!("{root}/nested/deeper/b.kdl"),
    ]);
    assert_eq!(files, expected, "{json:#}");
    let codes: BTreeSet<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        BTreeSet::from(["agentc::logs::retention-too-short"]),
        "only the planted error: {json:#}"
    );

    let o = run(&["check", s(dir.path())]);
    assert!(stderr(&o).contains("checked 2 specs"), "{}", show(&o));
}

#[test]
fn a_hidden_folder_given_by_name_is_checked() {
    let dir = TempDir::new("hiddenarg");
    dir.write(".config/x.kdl", "this is { not valid");
    let o = run(&["check", s(&dir.path().join(".config"))]);
    assert_exit(&o, 1);
    assert!(stderr(&o).contains("agentc::syntax::kdl"), "{}", show(&o));
}

#[test]
fn check_with_no_path_walks_the_current_folder() {
    let dir = TempDir::new("cwd");
    dir.agent_files();
    dir.write("specs/clean.kdl", &CLEAN.replace("agent/", "../agent/"));
    let o = Command::new(env!("CARGO_BIN_EXE_agentc"))
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["check"])
        .output()
        .expect("run agentc");
    assert_exit(&o, 0);
    assert!(stderr(&o).contains("checked 1 spec:"), "{}", show(&o));
}

// ---------------------------------------------------------------------------------------
// explain
// ---------------------------------------------------------------------------------------

/// Every code of the catalogue, read from its source so this test notices a new code.
fn catalogue() -> Vec<String> {
    let source = std::fs::read_to_string(repo_root().join("compiler/diagnostics/src/codes.rs"))
        .expect("read codes.rs");
    let codes: Vec<String> = source
        .lines()
        .filter_map(|line| {
            let (_, rest) = line.split_once("=> \"")?;
            let (area, rest) = rest.split_once('"')?;
            let (_, rest) = rest.split_once('"')?;
            let (problem, _) = rest.split_once('"')?;
            Some(format!("agentc::{area}::{problem}"))
        })
        .collect();
    assert!(codes.len() > 40, "could not read the catalogue: {codes:?}");
    codes
}

#[test]
fn explain_prints_a_code_with_or_without_its_prefix() {
    let full = run(&["explain", "agentc::logs::retention-too-short"]);
    assert_exit(&full, 0);
    assert!(
        stdout(&full).starts_with("# agentc::logs::retention-too-short\n"),
        "{}",
        show(&full)
    );
    let short = run(&["explain", "logs::retention-too-short"]);
    assert_exit(&short, 0);
    assert_eq!(stdout(&full), stdout(&short));
}

#[test]
fn explain_list_names_every_code_once() {
    let o = run(&["explain", "--list"]);
    assert_exit(&o, 0);
    let listed: Vec<String> = stdout(&o)
        .lines()
        .map(|l| l.split_whitespace().next().unwrap_or_default().to_owned())
        .collect();
    let unique: BTreeSet<&String> = listed.iter().collect();
    assert_eq!(
        unique.len(),
        listed.len(),
        "a code is listed twice: {listed:?}"
    );
    assert_eq!(listed, catalogue(), "the list differs from the catalogue");
    for line in stdout(&o).lines() {
        let mut words = line.split_whitespace();
        let _code = words.next();
        assert!(
            matches!(words.next(), Some("error" | "warning")),
            "no severity: {line}"
        );
        assert!(words.next().is_some(), "no summary: {line}");
    }
}

#[test]
fn every_listed_code_can_be_explained() {
    for code in catalogue() {
        let o = run(&["explain", &code]);
        assert_exit(&o, 0);
        assert!(
            stdout(&o).starts_with(&format!("# {code}\n")),
            "{}",
            show(&o)
        );
    }
}

#[test]
fn explain_of_an_unknown_code_exits_2_with_a_suggestion() {
    let o = run(&["explain", "agentc::logs::retention-to-short"]);
    assert_exit(&o, 2);
    assert!(stdout(&o).is_empty(), "{}", show(&o));
    assert!(
        stderr(&o).contains("did you mean `agentc::logs::retention-too-short`?"),
        "{}",
        show(&o)
    );
    let o = run(&["explain", "tags::mising"]);
    assert_exit(&o, 2);
    assert!(
        stderr(&o).contains("did you mean `agentc::tags::missing`?"),
        "{}",
        show(&o)
    );
    // No argument at all is a usage error.
    assert_exit(&run(&["explain"]), 2);
}

#[test]
fn explain_of_a_stranger_points_at_the_list_instead_of_a_random_code() {
    let o = run(&["explain", "zzz"]);
    assert_exit(&o, 2);
    assert!(stderr(&o).contains("agentc explain --list"), "{}", show(&o));
}

// ---------------------------------------------------------------------------------------
// help and completions
// ---------------------------------------------------------------------------------------

fn assert_help_has_examples(command: &[&str]) {
    let mut args = command.to_vec();
    args.push("--help");
    let o = run(&args);
    assert_exit(&o, 0);
    let out = stdout(&o);
    assert!(
        out.contains("Examples:"),
        "`agentc {}` --help shows no examples\n{out}",
        command.join(" ")
    );
    assert!(out.contains("agentc "), "{out}");
}

#[test]
fn help_of_agentc_check_and_compile_shows_examples() {
    assert_help_has_examples(&[]);
    assert_help_has_examples(&["check"]);
    assert_help_has_examples(&["compile"]);
}

#[test]
fn help_of_explain_and_completions_shows_examples() {
    assert_help_has_examples(&["explain"]);
    assert_help_has_examples(&["completions"]);
}

#[test]
fn completions_print_a_script_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete"),
        ("zsh", "#compdef agentc"),
        ("fish", "complete -c agentc"),
    ] {
        let o = run(&["completions", shell]);
        assert_exit(&o, 0);
        let script = stdout(&o);
        assert!(
            script.len() > 200,
            "{shell}: script too short\n{}",
            show(&o)
        );
        assert!(script.contains(marker), "{shell}: no `{marker}`\n{script}");
        // fish spells long options `-l deny-warnings`, the others `--deny-warnings`.
        for word in ["check", "compile", "explain", "deny-warnings"] {
            assert!(script.contains(word), "{shell}: `{word}` is not completed");
        }
    }
}

// ---------------------------------------------------------------------------------------
// compile: nothing is written while an error stands
// ---------------------------------------------------------------------------------------

#[test]
fn compile_of_a_spec_with_an_error_exits_1_and_writes_nothing() {
    let dir = TempDir::new("compile-error");
    dir.agent_files();
    let spec = dir.write("broken.kdl", ONE_ERROR);
    for target in ["cfn", "cdk", "terraform"] {
        let out = dir.path().join(format!("out-{target}"));
        let o = run(&[
            "compile",
            s(&spec),
            "--target",
            target,
            "--env",
            "dev",
            "-o",
            s(&out),
        ]);
        assert_exit(&o, 1);
        let err = stderr(&o);
        assert!(
            err.contains("agentc::logs::retention-too-short"),
            "{}",
            show(&o)
        );
        assert!(err.contains("nothing was written"), "{}", show(&o));
        // The spec error stops compile before any backend runs.
        assert!(
            !err.contains("agentc::target::"),
            "a backend ran\n{}",
            show(&o)
        );
        assert!(!out.exists(), "{target}: {} was created", out.display());
    }
}

#[test]
fn compile_reports_spec_errors_in_json_before_any_backend_runs() {
    let dir = TempDir::new("compile-json");
    dir.agent_files();
    let spec = dir.write("broken.kdl", ONE_ERROR);
    let out = dir.path().join("out");
    let o = run(&[
        "compile",
        s(&spec),
        "--target",
        "cfn",
        "--env",
        "staging",
        "-o",
        s(&out),
        "--format",
        "json",
    ]);
    assert_exit(&o, 1);
    let json = json_of(&o);
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["agentc::logs::retention-too-short"], "{json:#}");
    assert!(!out.exists());
}

#[test]
fn compile_to_stdout_prints_no_template_for_a_spec_with_an_error() {
    let dir = TempDir::new("compile-stdout");
    dir.agent_files();
    let spec = dir.write("broken.kdl", ONE_ERROR);
    let o = run(&["compile", s(&spec), "--target", "cfn", "--env", "dev"]);
    assert_exit(&o, 1);
    assert!(stdout(&o).is_empty(), "{}", show(&o));
}

#[test]
fn compile_of_a_syntax_error_writes_nothing() {
    let dir = TempDir::new("compile-syntax");
    let spec = dir.write("broken.kdl", "project \"demo\" {\n    owner \"x\"\n");
    let out = dir.path().join("out");
    let o = run(&["compile", s(&spec), "--target", "terraform", "-o", s(&out)]);
    assert_exit(&o, 1);
    assert!(stderr(&o).contains("agentc::syntax::kdl"), "{}", show(&o));
    assert!(!out.exists());
}

#[test]
fn compile_of_an_unknown_environment_or_file_exits_2() {
    let dir = TempDir::new("compile-env");
    let out = dir.path().join("out");
    let o = run(&[
        "compile",
        "specs/support-desk.kdl",
        "--target",
        "cfn",
        "--env",
        "qa",
        "-o",
        s(&out),
    ]);
    assert_exit(&o, 2);
    assert!(
        stderr(&o).contains("dev, staging, production"),
        "{}",
        show(&o)
    );
    assert!(!out.exists());
    let o = run(&[
        "compile",
        "specs/nope.kdl",
        "--target",
        "cfn",
        "-o",
        s(&out),
    ]);
    assert_exit(&o, 2);
    assert!(
        stderr(&o).contains("agentc::io::unreadable"),
        "{}",
        show(&o)
    );
    assert!(!out.exists());
}

#[test]
fn compile_of_a_spec_with_several_environments_needs_env() {
    let dir = TempDir::new("compile-noenv");
    let out = dir.path().join("out");
    let o = run(&[
        "compile",
        "specs/support-desk.kdl",
        "--target",
        "cfn",
        "-o",
        s(&out),
    ]);
    assert_exit(&o, 2);
    let err = stderr(&o);
    assert!(
        err.contains("several environments (dev, staging, production)"),
        "{}",
        show(&o)
    );
    assert!(err.contains("--env"), "{}", show(&o));
    assert!(!out.exists());
}

// ---------------------------------------------------------------------------------------
// pre-commit
// ---------------------------------------------------------------------------------------

/// The hooks of `.pre-commit-hooks.yaml`, read line by line (no YAML crate): each `- id:` item
/// becomes a map of its `key: value` lines, with quotes removed.
fn pre_commit_hooks() -> Vec<std::collections::BTreeMap<String, String>> {
    let text = std::fs::read_to_string(repo_root().join(".pre-commit-hooks.yaml"))
        .expect(".pre-commit-hooks.yaml at the repository root");
    let mut hooks = Vec::new();
    let mut current: Option<std::collections::BTreeMap<String, String>> = None;
    for raw in text.lines() {
        let line = raw.split(" #").next().unwrap_or_default().trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let trimmed = line.trim_start();
        let item = trimmed.strip_prefix("- ");
        if item.is_some() {
            if let Some(hook) = current.take() {
                hooks.push(hook);
            }
            current = Some(Default::default());
        }
        let pair = item.unwrap_or(trimmed);
        let (key, value) = pair
            .split_once(':')
            .unwrap_or_else(|| panic!("not `key: value`: {raw}"));
        let value = value.trim();
        let unquoted = value
            .strip_prefix('\'')
            .and_then(|v| v.strip_suffix('\''))
            .or_else(|| value.strip_prefix('"').and_then(|v| v.strip_suffix('"')))
            .unwrap_or(value);
        current
            .as_mut()
            .unwrap_or_else(|| panic!("a key outside a `- id:` item: {raw}"))
            .insert(key.trim().to_owned(), unquoted.to_owned());
    }
    hooks.extend(current);
    hooks
}

#[test]
fn the_pre_commit_hook_is_declared_and_its_entry_checks_the_example_specs() {
    let hooks = pre_commit_hooks();
    let hook = hooks
        .iter()
        .find(|h| h.get("id").map(String::as_str) == Some("agentc-check"))
        .unwrap_or_else(|| panic!("no hook `agentc-check` in {hooks:?}"));
    for key in ["id", "name", "entry", "language", "files", "pass_filenames"] {
        assert!(hook.contains_key(key), "hook lacks `{key}`: {hook:?}");
    }
    assert_eq!(hook["entry"], "agentc check");
    assert_eq!(hook["language"], "rust");
    assert_eq!(hook["files"], r"\.kdl$");
    assert_eq!(hook["pass_filenames"], "true");

    // The `files` pattern, read as the regex it is: an escaped dot, then `kdl` at the end.
    let suffix = hook["files"]
        .strip_prefix(r"\.")
        .and_then(|s| s.strip_suffix('$'))
        .expect("\\.<ext>$");
    let mut specs: Vec<String> = std::fs::read_dir(repo_root().join("specs"))
        .unwrap()
        .map(|e| format!("specs/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|name| name.ends_with(&format!(".{suffix}")))
        .collect();
    specs.sort();
    assert!(specs.len() >= 2, "{specs:?}");

    // Run the entry as pre-commit does: its words, then the matching file names.
    let mut words = hook["entry"].split_whitespace();
    assert_eq!(
        words.next(),
        Some("agentc"),
        "the entry runs the agentc binary"
    );
    let o = Command::new(env!("CARGO_BIN_EXE_agentc"))
        .current_dir(repo_root())
        .env("NO_COLOR", "1")
        .args(words)
        .args(&specs)
        .output()
        .expect("run the hook's entry");
    assert_exit(&o, 0);
    assert!(
        stderr(&o).contains(&format!("checked {} specs", specs.len())),
        "{}",
        show(&o)
    );
}

#[test]
fn the_pre_commit_entry_fails_the_commit_on_a_broken_spec() {
    let hooks = pre_commit_hooks();
    let hook = hooks
        .iter()
        .find(|h| h.get("id").map(String::as_str) == Some("agentc-check"))
        .unwrap();
    let dir = TempDir::new("precommit");
    dir.agent_files();
    let broken = dir.write("broken.kdl", ONE_ERROR);
    let mut words = hook["entry"].split_whitespace();
    words.next();
    let o = Command::new(env!("CARGO_BIN_EXE_agentc"))
        .current_dir(repo_root())
        .env("NO_COLOR", "1")
        .args(words)
        .arg("specs/minimal.kdl")
        .arg(&broken)
        .output()
        .expect("run the hook's entry");
    assert_exit(&o, 1);
}

#[test]
fn docs_pre_commit_shows_the_config_snippet_for_the_hook() {
    let doc = std::fs::read_to_string(repo_root().join("docs/pre-commit.md"))
        .expect("docs/pre-commit.md");
    for needle in [
        "repos:",
        "- repo:",
        "rev:",
        "hooks:",
        "- id: agentc-check",
        ".pre-commit-config.yaml",
    ] {
        assert!(doc.contains(needle), "docs/pre-commit.md lacks `{needle}`");
    }
}

// ---------------------------------------------------------------------------------------
// docs/spec.md stays true to the code
// ---------------------------------------------------------------------------------------

fn spec_doc() -> String {
    std::fs::read_to_string(repo_root().join("docs/spec.md")).expect("docs/spec.md")
}

/// The bodies of the ```kdl blocks of a Markdown text.
fn kdl_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line.trim_end() == "```kdl" => current = Some(String::new()),
            None => {}
            Some(_) if line.trim_end() == "```" => blocks.push(current.take().unwrap()),
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    blocks
}

#[test]
fn docs_spec_quotes_the_example_specs_verbatim() {
    let blocks = kdl_blocks(&spec_doc());
    for spec in ["specs/minimal.kdl", "specs/support-desk.kdl"] {
        let text = std::fs::read_to_string(repo_root().join(spec)).unwrap();
        assert!(
            blocks.contains(&text),
            "docs/spec.md does not quote {spec} as it is now"
        );
    }
}

#[test]
fn every_kdl_example_in_docs_spec_is_valid_kdl() {
    let dir = TempDir::new("docblocks");
    let blocks = kdl_blocks(&spec_doc());
    assert!(blocks.len() > 10, "found only {} kdl blocks", blocks.len());
    for (i, block) in blocks.iter().enumerate() {
        let path = dir.write(&format!("block-{i:02}.kdl"), block);
        let o = run(&["check", s(&path), "--format", "json"]);
        let json = json_of(&o);
        let syntax: Vec<&Value> = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "agentc::syntax::kdl")
            .collect();
        assert!(
            syntax.is_empty(),
            "kdl block {i} of docs/spec.md is not KDL 2.0:\n{block}\n{syntax:#?}"
        );
    }
}

#[test]
fn docs_spec_names_every_diagnostic_code() {
    let doc = spec_doc();
    let missing: Vec<String> = catalogue()
        .into_iter()
        .filter(|code| !doc.contains(code.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/spec.md never mentions {missing:?}"
    );
}

#[test]
fn docs_spec_states_the_defaults_lowering_applies() {
    let lower = std::fs::read_to_string(repo_root().join("compiler/sema/src/lower.rs"))
        .expect("read lower.rs");
    let constant = |name: &str| -> u64 {
        let line = lower
            .lines()
            .find(|l| l.contains(&format!("const {name}:")))
            .unwrap_or_else(|| panic!("no {name} in lower.rs"));
        line.split('=')
            .nth(1)
            .unwrap()
            .trim()
            .trim_end_matches(';')
            .replace('_', "")
            .parse()
            .unwrap()
    };
    let doc = spec_doc();
    let row = |start: &str| -> &str {
        doc.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("docs/spec.md has no table row starting {start}"))
    };
    let keep_last = constant("DEFAULT_KEEP_LAST");
    assert!(
        row("| `keep-last` |").contains(&format!("| {keep_last} |")),
        "keep-last default"
    );
    let retention = constant("DEFAULT_RETENTION_DAYS");
    assert!(
        row("| `log-retention-days` |").contains(&format!("| {retention} |")),
        "retention default"
    );
    let idle = constant("DEFAULT_IDLE_TIMEOUT");
    assert!(
        row("| `idle-timeout=` |").contains(&format!("| {idle} s")),
        "idle-timeout default"
    );
    let lifetime = constant("DEFAULT_MAX_LIFETIME");
    assert!(
        row("| `max-lifetime=` |").contains(&format!("| {lifetime} s")),
        "max-lifetime default"
    );
    let period = constant("DEFAULT_ALARM_PERIOD");
    assert!(
        row("| `period=` |").contains(&format!("| {period} s")),
        "alarm period default"
    );
}
