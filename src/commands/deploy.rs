//! `agentc deploy SPEC --env ENV`: check, compile to CloudFormation, then hand the deployment
//! and its template to `agentc-deploy`. Also the front half the other AWS commands share:
//! spec + environment → deployment, flags → connection, outcome → exit status.

use std::path::{Path, PathBuf};

use agentc_deploy::{Connection, DeployOptions, ImageSource, Outcome, Tool};
use agentc_ir::{Deployment, EmitOptions};
use agentc_sema::EnvSelection;

use super::Exit;
use crate::cli::{DeployArgs, ReportArgs, Target, TargetArgs};
use crate::pipeline::{check_file, print_reports};

/// A checked deployment and how to reach AWS for it.
pub(super) struct Loaded {
    /// The environment's deployment.
    pub deployment: Deployment,
    /// The spec file's folder.
    pub spec_dir: PathBuf,
    /// The connection flags.
    pub connection: Connection,
}

/// Check `target.spec` for its environment. Findings are printed (to stderr) in full with
/// `all_findings` (deploy), otherwise only when they stop the command.
pub(super) fn load(target: &TargetArgs, all_findings: bool) -> Result<Loaded, Exit> {
    let human = ReportArgs {
        format: crate::cli::Format::Human,
        color: crate::cli::Color::Auto,
    };
    let report_args = &human;
    let first = check_file(
        &target.spec,
        target
            .env
            .as_deref()
            .map_or(EnvSelection::All, EnvSelection::One),
    );
    let env = match (&target.env, first.analysis.environments.as_slice()) {
        (Some(env), _) => env.clone(),
        (None, [only]) => only.clone(),
        (None, []) => String::new(),
        (None, many) => {
            print_reports(std::slice::from_ref(&first.report), report_args);
            eprintln!(
                "error: the spec declares several environments ({}); choose one with --env",
                many.join(", ")
            );
            return Err(Exit::Failure);
        }
    };
    let checked = if target.env.is_some() || env.is_empty() {
        first
    } else {
        check_file(&target.spec, EnvSelection::One(&env))
    };
    let stops = checked.could_not_run || checked.analysis.deployments.is_empty();
    if all_findings || stops {
        print_reports(std::slice::from_ref(&checked.report), report_args);
    }
    if checked.could_not_run {
        return Err(Exit::Failure);
    }
    let Some(deployment) = checked.analysis.deployments.into_iter().next() else {
        eprintln!(
            "error: `{}` has errors; fix them first (`agentc check`)",
            checked.report.file.name()
        );
        return Err(Exit::Findings);
    };
    let spec_dir = target
        .spec
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let mut args = format!(
        "{} --env {}",
        crate::pipeline::display_name(&target.spec),
        deployment.environment
    );
    for (flag, value) in [
        ("--endpoint-url", &target.aws.endpoint_url),
        ("--profile", &target.aws.profile),
        ("--region", &target.aws.region),
    ] {
        if let Some(v) = value {
            args.push_str(&format!(" {flag} {v}"));
        }
    }
    let connection = Connection {
        endpoint_url: target.aws.endpoint_url.clone(),
        profile: target.aws.profile.clone(),
        region: target.aws.region.clone(),
        command_args: args,
    };
    Ok(Loaded {
        deployment,
        spec_dir,
        connection,
    })
}

/// 0 done, 1 failed, 2 could not run.
pub(super) fn exit_of(outcome: Outcome) -> Exit {
    match outcome {
        Outcome::Success => Exit::Clean,
        Outcome::Failed => Exit::Findings,
        Outcome::CouldNotRun => Exit::Failure,
    }
}

/// `[AGENT=]VALUE` → (agent, value).
fn split_agent(value: &str) -> (Option<String>, String) {
    match value.split_once('=') {
        Some((agent, rest)) if !agent.contains('/') && !agent.contains(':') => {
            (Some(agent.to_owned()), rest.to_owned())
        }
        _ => (None, value.to_owned()),
    }
}

pub(super) fn run(args: &DeployArgs) -> Exit {
    let loaded = match load(&args.target, true) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    let options = EmitOptions {
        spec_dir: ".".to_owned(),
    };
    let artifact = match crate::backends::emit(Target::Cfn, &loaded.deployment, &options) {
        Ok(artifact) => artifact,
        Err(diagnostics) => {
            for d in &diagnostics {
                eprintln!("error: {}", d.message);
            }
            eprintln!(
                "error: the CloudFormation backend cannot express this spec; nothing was deployed"
            );
            return Exit::Findings;
        }
    };
    let Some(template) = artifact
        .files
        .get("template.json")
        .or_else(|| artifact.files.values().next())
    else {
        eprintln!("error: the CloudFormation backend wrote no template");
        return Exit::Failure;
    };
    let mut images: Vec<(Option<String>, ImageSource)> = Vec::new();
    if let Some(tool) = &args.builder {
        images.push((
            None,
            ImageSource::Build {
                tool: Tool::parse(tool),
            },
        ));
    }
    for uri in &args.image_uri {
        let (agent, uri) = split_agent(uri);
        images.push((agent, ImageSource::Uri(uri)));
    }
    for digest in &args.image_digest {
        let (agent, digest) = split_agent(digest);
        images.push((agent, ImageSource::Digest(digest)));
    }
    let options = DeployOptions {
        connection: loaded.connection,
        template: template.clone(),
        spec_dir: loaded.spec_dir,
        images,
        yes: args.yes,
        stack_timeout_secs: args.timeout.saturating_mul(60),
        runtime_timeout_secs: 15 * 60,
    };
    exit_of(agentc_deploy::deploy(&loaded.deployment, &options))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agent_prefixes_are_split_off_images() {
        assert_eq!(
            split_agent("a=sha256:1"),
            (Some("a".into()), "sha256:1".into())
        );
        let uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/p/dev/a:v1";
        assert_eq!(split_agent(uri), (None, uri.into()));
        assert_eq!(
            split_agent(&format!("a={uri}")),
            (Some("a".into()), uri.into())
        );
    }
}
