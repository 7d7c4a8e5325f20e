//! The CDK TypeScript backend: one [`Deployment`] in, a complete CDK app out.
//!
//! The app (`package.json` and its lock, `cdk.json`, `tsconfig.json`, `bin/app.ts`,
//! `lib/<stack>-stack.ts`, `lib/agent-image-synthesizer.ts`, `README.md`, `.gitignore`)
//! deploys one environment of the spec with `cdk deploy -c env=<environment>`: the stable
//! `aws-bedrockagentcore` L2 `Runtime`, L2 constructs elsewhere and L1 where the L2 would add
//! what agentc does not set, every resource under agentc's logical ID, cdk-nag's AWS Solutions
//! checks with each acknowledgement's reason. `cdk deploy` builds each agent image for
//! linux/arm64 and pushes it to the agent's own repository.
//!
//! How it is built: [`build`] and [`agent`] turn the IR into the view models of [`view`]
//! (every TypeScript spelling decided there, with the escaping of [`ts`]); [`nag`] decides the
//! acknowledgements; [`render`] holds the handlebars registry (no HTML escaping, strict mode,
//! typed helpers) and the embedded templates. Depends on `agentc-ir` and
//! `agentc-diagnostics` only; knows nothing of KDL.

mod agent;
mod build;
mod nag;
mod readme;
mod render;
pub mod ts;
mod view;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use agentc_diagnostics::{Code, Diagnostic};
use agentc_ir::{Artifact, Deployment, EmitOptions};

use crate::view::AppView;

/// Spec text that the CDK would read as one of its own tokens (`${Token[…]}`, `#{Token[…]}`)
/// and resolve to something else.
const TOKEN_MARKERS: &[&str] = &["${Token[", "#{Token["];

/// Render `deployment` as a CDK app. A setting the app cannot express is an
/// `agentc::target::unsupported` diagnostic pointing at the spec; nothing is written then.
pub fn emit(deployment: &Deployment, options: &EmitOptions) -> Result<Artifact, Vec<Diagnostic>> {
    let view = view_of(deployment, options).map_err(|d| vec![*d])?;
    render_app(&view).map_err(|e| {
        vec![*build::bug(format!(
            "template: {e}; this is a bug in agentc, not in the spec"
        ))]
    })
}

/// The view model of `deployment`.
pub(crate) fn view_of(d: &Deployment, options: &EmitOptions) -> build::Built<AppView> {
    refuse_cdk_tokens(d)?;
    let mut app = build::app(d, &options.spec_dir)?;
    for a in &d.agents {
        app.agents.push(agent::agent(d, a)?);
    }
    let mut acks = Vec::new();
    if let Some(pool) = &app.user_pool {
        acks.push(pool.ack.clone());
    }
    if let Some(vpc) = &app.vpc {
        acks.push(vpc.vpc_ack.clone());
        acks.push(vpc.subnet_ack.clone());
    }
    for a in &app.agents {
        acks.extend(a.policy_acks.iter().cloned());
        acks.push(a.runtime_ack.clone());
    }
    app.acks = acks;
    app.creates_alarm_topic = app.alarm_topic.is_some();
    app.has_notify_topic = app.notify_topic.is_some();
    app.has_user_pool = app.user_pool.is_some();
    app.has_jwt = app.jwt.is_some();
    app.has_vpc = app.vpc.is_some();
    app.has_audit = app.audit.is_some();
    app.readme = readme::readme(d, &app);
    Ok(app)
}

/// Every file of the app rendered from `view`.
pub(crate) fn render_app(view: &AppView) -> Result<Artifact, String> {
    let hb = render::registry()?;
    let mut files = BTreeMap::new();
    for (name, _) in render::TEMPLATES {
        let text = hb.render(name, view).map_err(|e| format!("{name}: {e}"))?;
        let path = match *name {
            "lib/stack.ts" => format!("lib/{}-stack.ts", view.stack_name),
            other => other.to_owned(),
        };
        files.insert(path, text);
    }
    for (path, text) in render::STATIC_FILES {
        files.insert((*path).to_owned(), (*text).to_owned());
    }
    Ok(Artifact { files })
}

/// Refuse spec values the CDK would take for its own token markers.
fn refuse_cdk_tokens(d: &Deployment) -> build::Built<()> {
    let json = serde_json::to_string(d).unwrap_or_default();
    let Some(marker) = TOKEN_MARKERS.iter().find(|m| json.contains(*m)) else {
        return Ok(());
    };
    let mut diag = Diagnostic::new(
        Code::TargetUnsupported,
        format!("a value of the spec contains `{marker}`, which the CDK reads as one of its own tokens"),
    )
    .help("remove the marker from the value; the CloudFormation and Terraform backends take it as text");
    if let Some(agent) = d
        .agents
        .iter()
        .find(|a| serde_json::to_string(a).is_ok_and(|j| j.contains(marker)))
    {
        diag = diag.at(agent.origin, "in this agent");
    }
    Err(Box::new(diag))
}
