//! Properties of the whole front end, over generated specs (proptest):
//!
//! - every diagnostic points inside its file (start ≤ end ≤ length, on character boundaries),
//!   for any text and for specs built from the spec grammar (`agentc_bench::grammar`, the
//!   generator the `front_end_grammar` fuzz target uses);
//! - no generated spec makes the front end, a backend or a renderer panic;
//! - compiling is deterministic: the same spec compiled twice, by two processes, gives the
//!   same bytes for every backend `agentc compile` has wired (targets that answer "not built
//!   yet" are skipped), and the same findings when it does not compile.
//!
//! Case counts are modest so `cargo test` stays quick; `PROPTEST_CASES=2000 cargo test --release
//! --test properties spans` runs the in-process properties longer. Crashes found by fuzzing
//! (fuzz/) are pinned at the end.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use agentc_bench::arbitrary::Unstructured;
use agentc_diagnostics::render::{
    FileReport, HumanOptions, render_human, render_json, render_sarif,
};
use agentc_diagnostics::{Diagnostics, SourceFile};
use agentc_ir::EmitOptions;
use agentc_sema::EnvSelection;
use proptest::prelude::*;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "agentc-properties-{}-{name}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create a temp dir");
        Self(path)
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

/// The folder generated specs are analysed in: it holds every file the grammar names. It
/// lives in cargo's scratch folder for integration tests and is reused by every run.
fn fixture_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let spec_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("properties-fixture/spec");
        for file in agentc_bench::grammar::FIXTURE_FILES {
            let path = spec_dir.join(file);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
            std::fs::write(&path, "").expect("write a fixture file");
        }
        spec_dir
    })
}

/// The repository's specs, which the grammar edits.
fn seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(repo_root().join("specs"))
            .expect("specs/")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "kdl"))
            .collect();
        paths.extend(
            std::fs::read_dir(repo_root().join("golden"))
                .expect("golden/")
                .flatten()
                .map(|e| e.path().join("spec.kdl"))
                .filter(|p| p.is_file()),
        );
        paths.sort();
        paths
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("read a seed"))
            .collect()
    })
}

/// A spec text built by the grammar from `bytes`.
fn grammar_spec(bytes: &[u8]) -> String {
    agentc_bench::grammar::spec(&mut Unstructured::new(bytes), seeds())
        .expect("the grammar never runs out of bytes")
}

/// Every label of every finding lies inside `text`; returns the findings for more checks.
fn assert_spans_inside(text: &str, diags: Diagnostics) -> Vec<agentc_diagnostics::Diagnostic> {
    let diagnostics = diags.into_sorted();
    for d in &diagnostics {
        for label in d.primary.iter().chain(&d.secondary) {
            let s = label.span;
            assert!(
                s.start <= s.end && s.end <= text.len(),
                "{:?} points outside the {}-byte file at {s:?}: {:?}\n--- spec:\n{text}",
                d.code,
                text.len(),
                d.message
            );
            assert!(
                text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                "{:?} splits a character at {s:?}: {:?}\n--- spec:\n{text}",
                d.code,
                d.message
            );
        }
    }
    diagnostics
}

/// The whole front end on `text`, in-process: parse, analyse every environment and each one
/// alone, emit every analysed deployment with every backend, render the findings.
fn front_end(text: &str) {
    let file = SourceFile::new("spec.kdl", text);
    let mut diags = Diagnostics::new();
    if let Some(spec) = agentc_syntax::parse(&file, &mut diags) {
        let analysis = agentc_sema::analyze(&spec, fixture_dir(), EnvSelection::All, &mut diags);
        let options = EmitOptions {
            spec_dir: ".".to_owned(),
        };
        for deployment in &analysis.deployments {
            let _ = agentc_backend_cfn::emit(deployment, &options);
            let _ = agentc_backend_cdk::emit(deployment, &options);
            let _ = agentc_backend_terraform::emit(deployment, &options);
        }
        for env in &analysis.environments {
            let mut one = Diagnostics::new();
            let _ = agentc_sema::analyze(&spec, fixture_dir(), EnvSelection::One(env), &mut one);
            assert_spans_inside(text, one);
        }
    }
    let diagnostics = assert_spans_inside(text, diags);
    let reports = [FileReport { file, diagnostics }];
    let _ = render_json(&reports);
    let _ = render_sarif(&reports, "0.0.0");
    if reports[0].diagnostics.len() <= 64 {
        let _ = render_human(&reports, HumanOptions::default());
    }
}

// ---------------------------------------------------------------------------------------
// Spans and panics
// ---------------------------------------------------------------------------------------

/// Text that looks like KDL often enough to get past the parser now and then.
fn kdl_ish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("project".to_owned()),
        Just("agent".to_owned()),
        Just("environment".to_owned()),
        Just("network".to_owned()),
        Just("observability".to_owned()),
        Just("alarm".to_owned()),
        Just(" ".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just(";".to_owned()),
        Just("=".to_owned()),
        Just("\"".to_owned()),
        Just("#\"".to_owned()),
        Just("/-".to_owned()),
        Just("/*".to_owned()),
        Just("*/".to_owned()),
        Just("//".to_owned()),
        Just("#true".to_owned()),
        Just("(t)".to_owned()),
        "[a-z-]{1,8}",
        "\"[^\"\\\\]{0,12}\"",
        "[0-9.e_-]{1,6}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(token, 0..80).prop_map(|t| t.concat())
}

/// `cases` cases (or `PROPTEST_CASES`, for longer runs). Failing cases are saved beside this
/// file (`properties.proptest-regressions`) and replayed first on the next run.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(cases),
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn spans_of_any_text_lie_inside_it(text in kdl_ish()) {
        front_end(&text);
    }

    #[test]
    fn spans_of_grammar_specs_lie_inside_them(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        front_end(&grammar_spec(&bytes));
    }
}

#[test]
fn the_grammar_reaches_every_backend() {
    // The generator is only useful if many of its specs get through the rules.
    let mut lowered = 0;
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..300 {
        let bytes: Vec<u8> = (0..2048)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (state >> 33) as u8
            })
            .collect();
        let text = grammar_spec(&bytes);
        let file = SourceFile::new("spec.kdl", text.as_str());
        let mut diags = Diagnostics::new();
        if let Some(spec) = agentc_syntax::parse(&file, &mut diags) {
            let analysis =
                agentc_sema::analyze(&spec, fixture_dir(), EnvSelection::All, &mut diags);
            lowered += usize::from(!analysis.deployments.is_empty());
        }
    }
    assert!(lowered >= 10, "only {lowered} of 300 grammar specs lowered");
}

// ---------------------------------------------------------------------------------------
// Determinism, through the CLI (two processes: no shared state, different hash seeds)
// ---------------------------------------------------------------------------------------

const TARGETS: &[&str] = &["cfn", "cdk", "terraform"];

fn compile(spec: &Path, target: &str, env: &str, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agentc"))
        .args([
            "compile", "--color", "never", "--target", target, "--env", env, "-o",
        ])
        .arg(out)
        .arg(spec)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("run agentc")
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.expect("walk");
            if entry.file_type().is_file() {
                let relative = entry.path().strip_prefix(dir).expect("inside");
                files.insert(
                    relative.to_string_lossy().into_owned(),
                    std::fs::read(entry.path()).expect("read"),
                );
            }
        }
    }
    files
}

/// Compile `spec` for `env` with every wired target twice; the bytes must match. Returns the
/// targets that compiled.
fn assert_deterministic(spec: &Path, env: &str) -> Vec<&'static str> {
    let scratch = TempDir::new("out");
    let mut compiled = Vec::new();
    for target in TARGETS {
        let (a, b) = (
            scratch.path().join(format!("{target}-a")),
            scratch.path().join(format!("{target}-b")),
        );
        let first = compile(spec, target, env, &a);
        // The only difference allowed: the output folder's name in "wrote N file(s) to …".
        let stderr = String::from_utf8_lossy(&first.stderr).replace(&*a.to_string_lossy(), "OUT");
        if stderr.contains("not built yet") {
            continue;
        }
        let second = compile(spec, target, env, &b);
        assert_eq!(
            first.status.code(),
            second.status.code(),
            "{target}: exit codes differ for {}",
            spec.display()
        );
        assert_eq!(
            stderr,
            String::from_utf8_lossy(&second.stderr).replace(&*b.to_string_lossy(), "OUT"),
            "{target}: findings differ between two runs on {}",
            spec.display()
        );
        let (ta, tb) = (tree(&a), tree(&b));
        assert_eq!(
            ta.keys().collect::<Vec<_>>(),
            tb.keys().collect::<Vec<_>>(),
            "{target}: different files"
        );
        for (path, bytes) in &ta {
            assert!(
                bytes == &tb[path],
                "{target}: `{path}` differs between two compiles of {} --env {env}",
                spec.display()
            );
        }
        if first.status.success() {
            assert!(!ta.is_empty(), "{target}: compiled but wrote nothing");
            compiled.push(*target);
        }
    }
    compiled
}

#[test]
fn the_examples_compile_deterministically() {
    let mut specs: Vec<PathBuf> = std::fs::read_dir(repo_root().join("golden"))
        .expect("golden/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("ok-"))
        })
        .map(|p| p.join("spec.kdl"))
        .collect();
    specs.sort();
    specs.push(repo_root().join("specs/support-desk.kdl"));
    let mut any = false;
    for spec in &specs {
        let text = std::fs::read_to_string(spec).expect("read spec");
        for env in ["dev", "staging", "production"] {
            if text.contains(&format!("environment \"{env}\"")) {
                any |= assert_deterministic(spec, env).contains(&"cfn");
            }
        }
    }
    assert!(any, "no example compiled");
}

/// A valid spec, varied: what users write once the checks pass.
fn valid_spec() -> impl Strategy<Value = String> {
    let agent = (
        prop::sample::select(vec!["strands", "langgraph", "crewai", "custom"]),
        prop::sample::select(vec!["http", "mcp", "a2a", "agui"]),
        prop::sample::subsequence(
            vec![
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "anthropic.claude-3-5-haiku-20241022-v1:0",
            ],
            1..=2,
        ),
        prop::collection::btree_map("[A-Z][A-Z0-9_]{0,6}", "[a-zA-Z0-9 ._/-]{0,16}", 0..4),
        any::<bool>(),
        prop::sample::select(vec![("5m", "1h"), ("15m", "8h"), ("60s", "60s")]),
    );
    (
        prop::sample::select(vec!["support-desk", "travel", "hello-agent"]),
        prop::sample::select(vec!["us-east-1", "eu-west-1", "ap-southeast-2"]),
        prop::collection::btree_map("[a-z][a-z-]{0,8}", "[a-z0-9-]{1,8}", 0..3),
        prop::collection::vec(agent, 1..=3),
        prop::sample::select(vec!["public", "vpc"]),
        prop::sample::select(vec!["iam", "cognito", "jwt"]),
        prop::sample::select(vec![30i64, 60, 90, 365]),
        prop::sample::subsequence(
            vec![
                "alarm \"system-errors\" metric=\"SystemErrors\" threshold=1",
                "alarm \"throttles\" metric=\"Throttles\" threshold=5",
                "alarm \"latency\" metric=\"Latency\" threshold=30000 statistic=\"Average\"",
            ],
            0..=3,
        ),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(project, region, tags, agents, network, auth, retention, alarms, audit, allow)| {
                let mut s = format!(
                    "project \"{project}\" {{\n    owner \"team\"\n    cost-center \"CC-1\"\n    region \"{region}\"\n"
                );
                if !tags.is_empty() {
                    s.push_str("    tags");
                    for (k, v) in &tags {
                        s.push_str(&format!(" {k}=\"{v}\""));
                    }
                    s.push('\n');
                }
                s.push_str("}\n");
                for (i, (framework, protocol, models, env, secret, (idle, max))) in
                    agents.iter().enumerate()
                {
                    s.push_str(&format!(
                        "agent \"agent_{i}\" {{\n    entrypoint \"app.py\"\n    framework \"{framework}\"\n    protocol \"{protocol}\"\n    model"
                    ));
                    for m in models {
                        s.push_str(&format!(" \"{m}\""));
                    }
                    s.push('\n');
                    if !env.is_empty() {
                        s.push_str("    env");
                        for (k, v) in env {
                            s.push_str(&format!(" {k}=\"{v}\""));
                        }
                        s.push('\n');
                    }
                    if *secret {
                        s.push_str("    secret \"SEARCH_API_KEY\" secrets-manager=\"app/search\"\n");
                    }
                    s.push_str(&format!(
                        "    lifecycle idle-timeout=\"{idle}\" max-lifetime=\"{max}\"\n}}\n"
                    ));
                }
                match network {
                    "vpc" => s.push_str(
                        "network \"vpc\" {\n    vpc-id \"vpc-0a1b2c3d4e5f67890\"\n    subnets \"subnet-0aaa1111bbbb2222c\" \"subnet-0ddd3333eeee4444f\"\n    ingress-from \"sg-0123456789abcdef0\"\n}\n",
                    ),
                    _ => s.push_str("network \"public\"\n"),
                }
                match auth {
                    "cognito" => s.push_str("auth \"cognito\" { user-pool \"create\"; }\n"),
                    "jwt" => s.push_str(
                        "auth \"jwt\" {\n    discovery-url \"https://issuer.example.com/.well-known/openid-configuration\"\n    allowed-clients \"client-id\"\n}\n",
                    ),
                    _ => s.push_str("auth \"iam\"\n"),
                }
                s.push_str(&format!("observability {{\n    log-retention-days {retention}\n"));
                for alarm in alarms {
                    s.push_str(&format!("    {alarm}\n"));
                }
                s.push_str("}\n");
                if allow {
                    s.push_str("permissions {\n    allow \"dynamodb:GetItem\" on=\"arn:aws:dynamodb:us-east-1:123456789012:table/tickets\"\n}\n");
                }
                if audit {
                    s.push_str("audit { cloudtrail #true; }\n");
                }
                s.push_str("environment \"dev\"\nenvironment \"staging\" { observability { log-retention-days 90; }; }\n");
                s
            },
        )
}

static VALID_COMPILED: AtomicUsize = AtomicUsize::new(0);

proptest! {
    #![proptest_config(config(12))]

    #[test]
    fn compiling_twice_gives_the_same_bytes(text in valid_spec()) {
        let dir = TempDir::new("valid");
        let spec = dir.path().join("spec.kdl");
        std::fs::write(&spec, &text).expect("write spec");
        std::fs::write(dir.path().join("app.py"), "").expect("write app.py");
        std::fs::write(dir.path().join("Dockerfile"), "FROM scratch\n").expect("write Dockerfile");
        for env in ["dev", "staging"] {
            if assert_deterministic(&spec, env).contains(&"cfn") {
                VALID_COMPILED.fetch_add(1, Ordering::Relaxed);
            } else {
                let out = compile(&spec, "cfn", env, &dir.path().join("why"));
                panic!(
                    "a valid spec did not compile:\n{text}\n{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Crashes found by fuzzing (fuzz/), pinned.
// ---------------------------------------------------------------------------------------
