//! The CDK gate, with the real toolkit, on every golden CDK app (`golden/<case>/cdk/<env>/`):
//!
//! 1. the app is copied to a temporary folder at the same depth below a copy of its case (so
//!    the agent's build context, `../..`, is there) and its `node_modules` is a symlink to the
//!    pinned toolchain (`scripts/setup/cdk.sh`, from `backends/cdk/npm/package-lock.json`);
//! 2. `tsc --noEmit`;
//! 3. `cdk synth -c env=<env>` offline (`node_modules/.bin/cdk`, `--no-notices`, telemetry and
//!    update checks off, no AWS credentials or instance metadata), with cdk-nag's AwsSolutions
//!    checks: it must succeed and print no warning or error, so every finding is acknowledged;
//!    the agent images must be built for linux/arm64 and pushed to each agent's own repository
//!    under the tag its runtime pulls (`<stack>.images.json`);
//! 4. `cfn-lint` (the pinned `venv-cfnlint`) with no error on every synthesized template;
//! 5. fidelity: each synthesized template describes the same infrastructure as the
//!    CloudFormation backend's golden template of that case and environment
//!    ([`fidelity`] lists what is compared and how CDK-specific forms are normalized), and a
//!    copy without scan-on-push does not.
//!
//! An app compiled from a spec full of quotes, backslashes, `${`, backticks and newlines goes
//! through the same gate and must carry those values unchanged into the template.
//!
//! Every app is gated, none is sampled: type-check and synth run two apps at a time, cfn-lint
//! in two batches. On an idle 2-core machine the 19 apps take about 85 s (tsc ~1.5 s and synth
//! ~6 s per app, cfn-lint 12 s); on one shared with other builds, up to 3.5 minutes. The tools
//! are installed beforehand by `scripts/setup.sh`; a missing tool fails the test with what to
//! run, it never skips.

#[path = "cdk_gates/app.rs"]
mod app;
#[path = "cdk_gates/fidelity.rs"]
mod fidelity;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use serde_json::Value;

use crate::app::{HOSTILE_VALUE, app_region, failed, gate_app, golden_apps, hostile_app, run};

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

/// The toolchain, or a failure saying how to install it.
fn tools() -> (PathBuf, PathBuf) {
    let tools = tools_dir();
    let node_modules = tools.join("cdk/node_modules");
    let cfn_lint = tools.join("venv-cfnlint/bin/cfn-lint");
    let missing: Vec<String> = [
        node_modules.join(".bin/tsc"),
        node_modules.join(".bin/cdk"),
        node_modules.join(".bin/tsx"),
        node_modules.join("aws-cdk-lib/package.json"),
        node_modules.join("cdk-nag/package.json"),
        cfn_lint.clone(),
    ]
    .into_iter()
    .filter(|p| !p.exists())
    .map(|p| p.display().to_string())
    .collect();
    assert!(
        missing.is_empty(),
        "the CDK gate's tools are not installed ({}): run scripts/setup.sh",
        missing.join(", ")
    );
    let node = Command::new("node").arg("--version").output();
    assert!(
        node.is_ok_and(|o| o.status.success()),
        "`node` (20 or later) is not on PATH: install Node.js, then run scripts/setup.sh"
    );
    (node_modules, cfn_lint)
}

/// What the gate found for one app.
struct Gated {
    name: String,
    case: PathBuf,
    env: String,
    /// The synthesized template, or what went wrong.
    template: Result<Value, String>,
    /// Seconds spent in `tsc` and in `cdk synth`.
    seconds: (f64, f64),
}

/// The gate's results, computed once for every test of this file.
struct Gate {
    apps: Vec<Gated>,
    hostile: Gated,
    lint: Result<(), String>,
    seconds: f64,
}

fn gate() -> &'static Gate {
    static GATE: OnceLock<Gate> = OnceLock::new();
    GATE.get_or_init(|| {
        let (node_modules, cfn_lint) = tools();
        let started = Instant::now();
        let work = std::env::temp_dir().join(format!("agentc-cdk-gate-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&work);
        let mut apps = golden_apps(&work);
        assert!(
            apps.len() >= 10,
            "expected the golden CDK apps, found {}: run AGENTC_BLESS=1 cargo test --test golden",
            apps.len()
        );
        apps.push(hostile_app(&work));
        let queue = Mutex::new(apps.into_iter().collect::<Vec<_>>());
        let done = Mutex::new(Vec::new());
        std::thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| {
                    loop {
                        // Taken in its own statement: a `while let` would hold the lock for
                        // the whole body and run the apps one at a time.
                        let next = queue.lock().unwrap().pop();
                        let Some(app) = next else { break };
                        let mut seconds = (0.0, 0.0);
                        let template = gate_app(&app, &node_modules, &mut seconds);
                        done.lock().unwrap().push(Gated {
                            name: app.name,
                            case: app.case,
                            env: app.env,
                            template,
                            seconds,
                        });
                    }
                });
            }
        });
        let mut gated = done.into_inner().unwrap();
        gated.sort_by(|a, b| a.name.cmp(&b.name));
        let hostile_at = gated.iter().position(|g| g.name == "hostile/dev").unwrap();
        let hostile = gated.remove(hostile_at);
        let built = started.elapsed().as_secs_f64();
        let lint = lint(&cfn_lint, &work, &gated);
        let _ = std::fs::remove_dir_all(&work);
        let gate = Gate {
            apps: gated,
            hostile,
            lint,
            seconds: started.elapsed().as_secs_f64(),
        };
        let (tsc, synth) = gate
            .apps
            .iter()
            .chain([&gate.hostile])
            .fold((0.0, 0.0), |(t, s), g| (t + g.seconds.0, s + g.seconds.1));
        eprintln!(
            "cdk gate: {} apps in {:.0} s: tsc {tsc:.0} s and synth {synth:.0} s summed, {built:.0} s on 2 workers; cfn-lint {:.0} s",
            gate.apps.len() + 1,
            gate.seconds,
            gate.seconds - built
        );
        gate
    })
}

/// cfn-lint, no error, on every synthesized template: the templates of a region in two
/// batches, the batches two at a time.
fn lint(cfn_lint: &Path, work: &Path, gated: &[Gated]) -> Result<(), String> {
    let dir = work.join("templates");
    std::fs::create_dir_all(&dir).unwrap();
    let mut by_region: std::collections::BTreeMap<String, Vec<PathBuf>> = Default::default();
    for g in gated {
        let Ok(template) = &g.template else { continue };
        let path = dir.join(format!("{}.template.json", g.name.replace('/', "-")));
        std::fs::write(&path, template.to_string()).unwrap();
        let region = app_region(&g.case.join("cdk").join(&g.env));
        by_region.entry(region).or_default().push(path);
    }
    let mut batches: Vec<(String, Vec<PathBuf>)> = Vec::new();
    for (region, templates) in by_region {
        for chunk in templates.chunks(templates.len().div_ceil(2)) {
            batches.push((region.clone(), chunk.to_vec()));
        }
    }
    let queue = Mutex::new(batches);
    let errors = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let next = queue.lock().unwrap().pop();
                    let Some((region, templates)) = next else {
                        break;
                    };
                    let out = run(Command::new(cfn_lint)
                        .args(["--regions", &region, "--non-zero-exit-code", "error", "--"])
                        .args(&templates));
                    if !out.status.success() {
                        errors
                            .lock()
                            .unwrap()
                            .push(failed(&format!("cfn-lint ({region})"), &out));
                    }
                }
            });
        }
    });
    let errors = errors.into_inner().unwrap();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

#[test]
fn golden_cdk_apps_type_check_synthesize_clean_and_lint() {
    let gate = gate();
    let failures: Vec<String> = gate
        .apps
        .iter()
        .filter_map(|g| {
            g.template
                .as_ref()
                .err()
                .map(|e| format!("{}: {e}", g.name))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    if let Err(e) = &gate.lint {
        panic!("{e}");
    }
}

#[test]
fn synthesized_templates_describe_the_cloudformation_backend_s_infrastructure() {
    let gate = gate();
    let mut failures = Vec::new();
    for g in &gate.apps {
        let Ok(cdk) = &g.template else { continue };
        let golden = g.case.join("cfn").join(&g.env).join("template.json");
        let cfn: Value = match std::fs::read_to_string(&golden) {
            Ok(text) => serde_json::from_str(&text).expect("golden template is JSON"),
            Err(e) => {
                failures.push(format!("{}: no CloudFormation golden ({e})", g.name));
                continue;
            }
        };
        let diffs = fidelity::differences(cdk, &cfn);
        if !diffs.is_empty() {
            failures.push(format!("{}:\n  {}", g.name, diffs.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "CDK and CloudFormation differ:\n{}",
        failures.join("\n\n")
    );
}

#[test]
fn the_fidelity_check_fails_when_the_cdk_app_drops_scan_on_push() {
    let gate = gate();
    let g = gate
        .apps
        .iter()
        .find(|g| g.name == "ok-support-desk/production")
        .expect("the support-desk production app");
    let mut cdk = g.template.clone().expect("it synthesized");
    let cfn: Value = serde_json::from_str(
        &std::fs::read_to_string(g.case.join("cfn/production/template.json")).unwrap(),
    )
    .unwrap();
    let scanning =
        cdk["Resources"]["SupportAgentRepository"]["Properties"]["ImageScanningConfiguration"]
            .as_object_mut()
            .expect("the synthesized repository scans on push");
    assert!(scanning.remove("ScanOnPush").is_some());
    let diffs = fidelity::differences(&cdk, &cfn);
    assert!(
        diffs
            .iter()
            .any(|d| d.contains("SupportAgentRepository.Properties.ImageScanningConfiguration")),
        "dropping ScanOnPush went unnoticed: {diffs:?}"
    );
}

#[test]
fn hostile_spec_values_compile_synthesize_and_arrive_unchanged() {
    let gate = gate();
    let template = gate
        .hostile
        .template
        .as_ref()
        .unwrap_or_else(|e| panic!("{e}"));
    let runtime = &template["Resources"]["HostileAgentRuntime"]["Properties"];
    assert_eq!(runtime["Description"], HOSTILE_VALUE);
    assert_eq!(runtime["EnvironmentVariables"]["GREETING"], HOSTILE_VALUE);
}
