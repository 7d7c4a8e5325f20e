//! Preparing and gating one app: the golden apps copied below a work folder (each at its depth
//! below a copy of its case, so the build context `../..` is there), the app compiled from a
//! hostile spec, and `tsc` + `cdk synth` of one app with the checks on what it synthesized.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use serde_json::Value;

use crate::repo_root;

/// One app to gate.
pub struct App {
    /// `case/env`.
    pub name: String,
    /// The golden case folder.
    pub case: PathBuf,
    pub env: String,
    /// Where the app is copied (`<tmp>/<case>/cdk/<env>`).
    pub dir: PathBuf,
}

pub fn copy_tree(from: &Path, to: &Path, skip_top: &[&str]) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if skip_top.contains(&name.as_str()) || name == "node_modules" || name == "cdk.out" {
            continue;
        }
        let path = entry.path();
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&path, &to.join(&name), &[]);
        } else {
            std::fs::copy(&path, to.join(&name)).expect("copy file");
        }
    }
}

/// Every golden CDK app, copied below `work`.
pub fn golden_apps(work: &Path) -> Vec<App> {
    let mut apps = Vec::new();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(repo_root().join("golden"))
        .expect("golden/ exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.join("cdk").is_dir())
        .collect();
    cases.sort();
    for case in cases {
        let case_name = case.file_name().unwrap().to_string_lossy().into_owned();
        let mut envs: Vec<String> = std::fs::read_dir(case.join("cdk"))
            .expect("read cdk/")
            .map(|e| {
                e.expect("dir entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|e| case.join("cdk").join(e).join("package.json").is_file())
            .collect();
        envs.sort();
        let copy = work.join(&case_name);
        copy_tree(&case, &copy, &["cfn", "cdk", "terraform"]);
        for env in envs {
            let dir = copy.join("cdk").join(&env);
            copy_tree(&case.join("cdk").join(&env), &dir, &[]);
            apps.push(App {
                name: format!("{case_name}/{env}"),
                case: case.clone(),
                env,
                dir,
            });
        }
    }
    apps
}

/// A spec whose values hold everything that could end a literal or open an interpolation,
/// compiled with agentc into `work/hostile/cdk/dev`.
pub fn hostile_app(work: &Path) -> App {
    let case = work.join("hostile");
    std::fs::create_dir_all(&case).unwrap();
    for file in ["app.py", "Dockerfile"] {
        std::fs::copy(
            repo_root().join("golden/ok-minimal").join(file),
            case.join(file),
        )
        .unwrap();
    }
    std::fs::write(case.join("spec.kdl"), HOSTILE_SPEC).unwrap();
    let dir = case.join("cdk/dev");
    let out = Command::new(env!("CARGO_BIN_EXE_agentc"))
        .args([
            "compile", "spec.kdl", "--target", "cdk", "--env", "dev", "-o", "cdk/dev",
        ])
        .current_dir(&case)
        .output()
        .expect("run agentc");
    assert!(
        out.status.success(),
        "compile: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    App {
        name: "hostile/dev".into(),
        case,
        env: "dev".into(),
        dir,
    }
}

/// The hostile value (KDL escapes: a quote, a backslash, a newline).
pub const HOSTILE_VALUE: &str =
    "quote\" apostrophe' back\\slash ${process.exit(1)} `tick` */ end\nnext line";

pub const HOSTILE_SPEC: &str = r#"project "hostile" {
    owner "platform-team"
    cost-center "CC-0001"
    region "us-east-1"
}

agent "hostile_agent" {
    description "quote\" apostrophe' back\\slash ${process.exit(1)} `tick` */ end\nnext line"
    entrypoint "app.py"
    model "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
    env GREETING="quote\" apostrophe' back\\slash ${process.exit(1)} `tick` */ end\nnext line"
}

network "public"
auth "iam"

permissions {
    allow "cloudwatch:GetMetricData" on="*" because="quote\" apostrophe' back\\slash ${process.exit(1)} `tick` */ end\nnext line"
}

environment "dev"
"#;

pub fn run(cmd: &mut Command) -> Output {
    cmd.output().unwrap_or_else(|e| panic!("run {cmd:?}: {e}"))
}

pub fn failed(what: &str, out: &Output) -> String {
    format!(
        "{what} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The region the app's `bin/app.ts` insists on (the CLI must target it).
pub fn app_region(dir: &Path) -> String {
    let app = std::fs::read_to_string(dir.join("bin/app.ts")).expect("bin/app.ts");
    app.lines()
        .find_map(|l| l.strip_prefix("const REGION = \"")?.strip_suffix("\";"))
        .expect("const REGION in bin/app.ts")
        .to_owned()
}

/// `tsc --noEmit` then `cdk synth` of one app; the synthesized template.
pub fn gate_app(app: &App, node_modules: &Path, seconds: &mut (f64, f64)) -> Result<Value, String> {
    let started = Instant::now();
    std::os::unix::fs::symlink(node_modules, app.dir.join("node_modules"))
        .map_err(|e| format!("symlink node_modules: {e}"))?;
    let tsc = run(Command::new(app.dir.join("node_modules/.bin/tsc"))
        .args(["--noEmit", "-p", "."])
        .current_dir(&app.dir));
    seconds.0 = started.elapsed().as_secs_f64();
    if !tsc.status.success() {
        return Err(failed("tsc --noEmit", &tsc));
    }
    let started = Instant::now();
    let out_dir = app.dir.join("cdk.out");
    let synth = run(Command::new(app.dir.join("node_modules/.bin/cdk"))
        .args([
            "synth",
            "-c",
            &format!("env={}", app.env),
            "--no-notices",
            "-q",
            "-o",
        ])
        .arg(&out_dir)
        .current_dir(&app.dir)
        .env("CDK_DISABLE_CLI_TELEMETRY", "true")
        .env("npm_config_update_notifier", "false")
        .env("AWS_REGION", app_region(&app.dir))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env_remove("AWS_SESSION_TOKEN")
        .env_remove("CDK_DEFAULT_ACCOUNT")
        .env_remove("CDK_DEFAULT_REGION"));
    seconds.1 = started.elapsed().as_secs_f64();
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&synth.stdout),
        String::from_utf8_lossy(&synth.stderr)
    );
    if !synth.status.success() || printed.contains("ERROR") || printed.contains("WARNING") {
        return Err(failed(
            "cdk synth (unacknowledged findings fail it)",
            &synth,
        ));
    }
    let template = std::fs::read_dir(&out_dir)
        .map_err(|e| format!("{}: {e}", out_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().ends_with(".template.json"))
        .ok_or("cdk synth wrote no template")?;
    let text = std::fs::read_to_string(&template).map_err(|e| e.to_string())?;
    let template: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", template.display()))?;
    check_images(&out_dir, &template)?;
    Ok(template)
}

/// FR-026: `cdk deploy` builds every agent image for linux/arm64 and pushes it to the agent's
/// own repository, under the tag the runtime pulls.
pub fn check_images(out_dir: &Path, template: &Value) -> Result<(), String> {
    let manifest = std::fs::read_dir(out_dir)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().ends_with(".images.json"))
        .ok_or("no <stack>.images.json: the agent images would not be built")?;
    let manifest: Value = serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap())
        .map_err(|e| e.to_string())?;
    let resources = template["Resources"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let repositories: Vec<&Value> = resources
        .values()
        .filter(|r| r["Type"] == "AWS::ECR::Repository")
        .map(|r| &r["Properties"]["RepositoryName"])
        .collect();
    let uris = template.to_string();
    let images = manifest["dockerImages"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    if images.len() != repositories.len() {
        return Err(format!(
            "{} images for {} repositories",
            images.len(),
            repositories.len()
        ));
    }
    for (name, image) in &images {
        let destination = image["destinations"]["current_account-current_region"].clone();
        let ok = image["source"]["platform"] == "linux/arm64"
            && repositories.contains(&&destination["repositoryName"])
            && destination["imageTag"]
                .as_str()
                .is_some_and(|tag| uris.contains(&format!(":{tag}\"")));
        if !ok {
            return Err(format!(
                "image {name} is not linux/arm64 into the agent's repository under the runtime's tag: {image}"
            ));
        }
    }
    Ok(())
}
