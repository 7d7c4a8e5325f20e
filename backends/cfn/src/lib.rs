//! The CloudFormation backend: one [`Deployment`] in, one `template.json` out.
//!
//! The template is built as typed Rust ([`model::Template`] over [`json::Json`] with
//! insertion-ordered objects), so the same deployment always gives the same bytes. Each module
//! renders one concern of docs/infrastructure.md: KMS key and log groups (`logs`), the alarm
//! topic and alarms (`alarms`), Cognito and the security group (`network_auth`),
//! CloudTrail (`audit`), the ECR repository (`ecr`), the execution role (`iam`), the
//! image parameter and the runtime (`runtime`), and the outputs (`outputs`). Every name,
//! logical ID and IAM statement comes from the IR; this crate only decides how CloudFormation
//! spells them. Depends on `agentc-ir` and `agentc-diagnostics` only; knows nothing of KDL.

mod alarms;
mod audit;
mod ecr;
mod iam;
mod intrinsics;
pub mod json;
mod logs;
pub mod model;
mod network_auth;
mod outputs;
mod runtime;
mod stack;
mod suppress;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use agentc_diagnostics::{Code, Diagnostic};
use agentc_ir::{Artifact, Deployment, EmitOptions};

use crate::model::Template;
use crate::stack::Stack;

/// The file the backend writes.
pub const TEMPLATE_FILE: &str = "template.json";

/// Render `deployment` as a CloudFormation template: one file, [`TEMPLATE_FILE`], JSON
/// indented by two spaces with a trailing newline. A setting CloudFormation cannot express is
/// an `agentc::target::unsupported` diagnostic pointing at the agent it belongs to.
pub fn emit(deployment: &Deployment, options: &EmitOptions) -> Result<Artifact, Vec<Diagnostic>> {
    // The template names no file: the image is built and pushed by `agentc deploy`, which
    // reads the build context from the IR, so `options.spec_dir` has no use here.
    let _ = options;
    let template = build(deployment)?;
    let mut files = BTreeMap::new();
    files.insert(TEMPLATE_FILE.to_owned(), template.to_json().to_pretty());
    Ok(Artifact { files })
}

/// Build the template of `deployment`.
pub fn build(deployment: &Deployment) -> Result<Template, Vec<Diagnostic>> {
    let unsupported = unsupported(deployment);
    if !unsupported.is_empty() {
        return Err(unsupported);
    }
    let stack = Stack::new(deployment);
    let mut t = Template {
        description: stack.template_description(),
        metadata: stack.template_metadata(),
        ..Template::default()
    };
    for agent in &deployment.agents {
        runtime::parameters(agent, &mut t);
    }
    runtime::account_rule(&stack, &mut t);
    logs::key(&stack, &mut t);
    alarms::topic(&stack, &mut t);
    network_auth::user_pool(&stack, &mut t);
    network_auth::security_group(&stack, &mut t);
    audit::trail(&stack, &mut t);
    for agent in &deployment.agents {
        ecr::repository(&stack, agent, &mut t);
        iam::role(&stack, agent, &mut t);
        iam::role_policy(&stack, agent, &mut t);
        runtime::runtime(&stack, agent, &mut t);
        logs::log_group(&stack, agent, &mut t);
        logs::deliveries(&stack, agent, &mut t);
        alarms::alarms(&stack, agent, &mut t);
    }
    outputs::outputs(&stack, &mut t);
    Ok(t)
}

/// Settings valid in the IR that a CloudFormation template cannot hold.
fn unsupported(deployment: &Deployment) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for agent in &deployment.agents {
        for alarm in agent.alarms.iter().filter(|a| !a.threshold.is_finite()) {
            out.push(
                Diagnostic::new(
                    Code::TargetUnsupported,
                    format!(
                        "alarm `{}` of agent `{}` has threshold {}, which a CloudFormation template (JSON) cannot hold",
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
