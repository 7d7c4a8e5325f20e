//! The Terraform backend: one [`Deployment`] in, one Terraform root module out.
//!
//! The module follows docs/infrastructure.md, like the CloudFormation backend, for the
//! hashicorp/aws provider 6.x: `versions.tf`, `providers.tf` (`default_tags`),
//! `variables.tf` (region and one image reference per agent), `main.tf` (the IR's names), one
//! file per concern (`ecr.tf`, `iam.tf`, `runtime.tf`, `network.tf`, `auth.tf`, `logs.tf`,
//! `alarms.tf`, `audit.tf`, each only when it has content), `outputs.tf`, a `README.md` and
//! `deploy.sh`, the one command that creates the repositories, pushes the arm64 images and
//! applies with their digests.
//!
//! Pipeline: [`build`] turns the IR into a [`view::Module`] (plain data, booleans for every
//! conditional); [`render`] runs the embedded handlebars templates with typed escaping helpers
//! ([`hcl`]); [`format`] lays the `.tf` files out exactly as `terraform fmt` would. Depends on
//! `agentc-ir` and `agentc-diagnostics` only; knows nothing of KDL.

mod agent;
mod build;
mod format;
pub mod hcl;
mod names;
mod render;
pub mod view;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use agentc_diagnostics::{Code, Diagnostic};
use agentc_ir::{Artifact, Deployment, EmitOptions};

/// Render `deployment` as a Terraform root module. A setting Terraform cannot express is an
/// `agentc::target::unsupported` diagnostic pointing at the agent it belongs to; a failure of
/// agentc itself is `agentc::internal::bug`.
pub fn emit(deployment: &Deployment, options: &EmitOptions) -> Result<Artifact, Vec<Diagnostic>> {
    let unsupported = unsupported(deployment);
    if !unsupported.is_empty() {
        return Err(unsupported);
    }
    let bug = |why: String| {
        vec![
            Diagnostic::new(
                Code::InternalBug,
                format!("the Terraform backend failed: {why}"),
            )
            .help("please report this with the spec attached"),
        ]
    };
    let module = build::module(deployment, &options.spec_dir).map_err(bug)?;
    let files = files(&module).map_err(bug)?;
    Ok(Artifact { files })
}

/// Render every file `module` has.
pub fn files(module: &view::Module) -> Result<BTreeMap<String, String>, String> {
    let hb = render::registry()?;
    let mut files = BTreeMap::new();
    for (name, _) in render::TEMPLATES {
        let wanted = match *name {
            "network.tf" => module.network.creates_security_group,
            "auth.tf" => module.cognito,
            "alarms.tf" => module.has_alarms,
            "audit.tf" => module.has_audit,
            _ => true,
        };
        if !wanted {
            continue;
        }
        let text = hb
            .render(name, module)
            .map_err(|e| format!("{name}: {e}"))?;
        let text = if name.ends_with(".tf") {
            format::format(&text).map_err(|e| format!("{name}: {e}"))?
        } else {
            text
        };
        files.insert((*name).to_owned(), text);
    }
    Ok(files)
}

/// Settings valid in the IR that a Terraform module cannot hold. HCL has no literal for a
/// non-finite number, so an alarm threshold of NaN or infinity is one; every other IR field
/// has a hashicorp/aws 6.25 argument.
fn unsupported(deployment: &Deployment) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for agent in &deployment.agents {
        for alarm in agent.alarms.iter().filter(|a| !a.threshold.is_finite()) {
            out.push(
                Diagnostic::new(
                    Code::TargetUnsupported,
                    format!(
                        "alarm `{}` of agent `{}` has threshold {}, which HCL cannot write (it has no NaN or infinity)",
                        alarm.alarm_name, agent.name, alarm.threshold
                    ),
                )
                .at(agent.origin, "in this agent")
                .help("give the alarm a finite threshold"),
            );
        }
    }
    out
}
