//! `agentc status`: the stack (status, reason, last deployment), and per agent the runtime as
//! the control plane reports it (status, version, endpoints), its image, invocation URL,
//! repository and log group. Text for people, `--format json` (versioned) for scripts. The
//! same report ends a successful deploy.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use aws_sdk_cloudformation::types::Stack;
use serde::Serialize;

use crate::aws::{self, Aws};
use crate::error::Result;
use crate::runtime::{self, Runtime};
use crate::{Outcome, StatusOptions, stack};
use agentc_ir::Deployment;

/// The report's JSON format version.
const FORMAT_VERSION: u32 = 1;

/// What `status` reports.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Report {
    /// Format version.
    pub version: u32,
    /// The stack's name.
    pub stack: String,
    /// Its region and account.
    pub region: String,
    /// The caller's account.
    pub account: String,
    /// Whether the stack exists.
    pub deployed: bool,
    /// Its status (`UPDATE_COMPLETE`, …).
    pub status: Option<String>,
    /// CloudFormation's reason for it.
    pub status_reason: Option<String>,
    /// When it was last created or updated (RFC 3339).
    pub last_deployed: Option<String>,
    /// Per agent.
    pub agents: Vec<AgentReport>,
    /// Stack-wide outputs (user pool, client, alarm topic).
    pub outputs: BTreeMap<String, String>,
}

/// One agent in the report.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AgentReport {
    /// The agent's name.
    pub name: String,
    /// The runtime's name.
    pub runtime_name: String,
    /// The runtime, if the control plane has it.
    pub runtime: Option<Runtime>,
    /// `REPOSITORY_URI@sha256:…`, if one is deployed.
    pub image: Option<String>,
    /// The data-plane URL of the DEFAULT endpoint.
    pub invocation_url: Option<String>,
    /// The ECR repository URI.
    pub repository: Option<String>,
    /// The log group the runtime's logs are delivered to.
    pub log_group: Option<String>,
}

/// Gather the report for `deployment` (`stack` when already described).
pub(crate) async fn gather(
    aws_: &Aws,
    deployment: &Deployment,
    stack: Option<Stack>,
) -> Result<Report> {
    let stack = match stack {
        Some(s) => Some(s),
        None => stack::describe(aws_, &deployment.stack_name).await?,
    };
    let outputs = stack.as_ref().map(stack::outputs_of).unwrap_or_default();
    let parameters = stack.as_ref().map(stack::parameters_of).unwrap_or_default();
    let mut agents = Vec::new();
    let mut per_agent_keys = Vec::new();
    for agent in &deployment.agents {
        let p = agent.ids.prefix.as_str();
        let key = |suffix: &str| format!("{p}{suffix}");
        per_agent_keys.extend(
            [
                "RuntimeArn",
                "RuntimeId",
                "InvocationUrl",
                "RepositoryUri",
                "LogGroupName",
            ]
            .map(key),
        );
        let runtime = if stack.is_some() {
            runtime::find(aws_, agent, &outputs).await?
        } else {
            None
        };
        let repository = outputs.get(&key("RepositoryUri")).cloned();
        let image = parameters
            .get(agent.ids.image_ref.as_str())
            .filter(|r| !r.is_empty())
            .map(|r| match &repository {
                Some(repo) if r.starts_with("sha256:") => format!("{repo}@{r}"),
                Some(repo) => format!("{repo}:{r}"),
                None => r.clone(),
            });
        let invocation_url = outputs.get(&key("InvocationUrl")).cloned().or_else(|| {
            runtime.as_ref().map(|rt| {
                runtime::invocation_url(&runtime::data_plane_base(&aws_.region), &rt.arn, "DEFAULT")
            })
        });
        agents.push(AgentReport {
            name: agent.name.clone(),
            runtime_name: agent.runtime_name.to_string(),
            runtime,
            image,
            invocation_url,
            repository,
            log_group: outputs
                .get(&key("LogGroupName"))
                .cloned()
                .or_else(|| stack.as_ref().map(|_| agent.log_group_name.clone())),
        });
    }
    let last = stack
        .as_ref()
        .and_then(|s| s.last_updated_time().or(s.creation_time()));
    Ok(Report {
        version: FORMAT_VERSION,
        stack: deployment.stack_name.clone(),
        region: aws_.region.clone(),
        account: aws_.account.clone(),
        deployed: stack.is_some(),
        status: stack.as_ref().map(stack::status_of),
        status_reason: stack
            .as_ref()
            .and_then(|s| s.stack_status_reason())
            .map(str::to_owned),
        last_deployed: last.and_then(|t| t.fmt(aws_smithy_types::date_time::Format::DateTime).ok()),
        agents,
        outputs: outputs
            .into_iter()
            .filter(|(k, _)| !per_agent_keys.contains(k))
            .collect(),
    })
}

/// The report as text.
pub(crate) fn text(r: &Report) -> String {
    let mut out = String::new();
    if !r.deployed {
        let _ = writeln!(
            out,
            "{}: not deployed (account {}, {})",
            r.stack, r.account, r.region
        );
        return out;
    }
    let _ = writeln!(
        out,
        "stack          {}  {}",
        r.stack,
        r.status.as_deref().unwrap_or("?")
    );
    if let Some(reason) = &r.status_reason {
        let _ = writeln!(out, "  reason       {reason}");
    }
    if r.status.as_deref() == Some("REVIEW_IN_PROGRESS") {
        let _ = writeln!(
            out,
            "  note         the first deploy never ran (its change set was not executed); deploy again"
        );
    }
    let _ = writeln!(out, "  account      {}, {}", r.account, r.region);
    if let Some(t) = &r.last_deployed {
        let _ = writeln!(out, "  deployed at  {t}");
    }
    for a in &r.agents {
        let _ = writeln!(out, "agent          {}", a.name);
        match &a.runtime {
            Some(rt) => {
                let _ = writeln!(
                    out,
                    "  runtime      {}  {} (version {})",
                    rt.name, rt.status, rt.version
                );
                if let Some(why) = &rt.failure_reason {
                    let _ = writeln!(out, "  failure      {why}");
                }
                let _ = writeln!(out, "  runtime ARN  {}", rt.arn);
                for e in &rt.endpoints {
                    let live = e
                        .live_version
                        .as_deref()
                        .map(|v| format!(", serving version {v}"))
                        .unwrap_or_default();
                    let _ = writeln!(out, "  endpoint     {}  {}{live}", e.name, e.status);
                }
            }
            None => {
                let _ = writeln!(
                    out,
                    "  runtime      {}  not created (no image deployed yet)",
                    a.runtime_name
                );
            }
        }
        for (label, value) in [
            ("invoke URL", &a.invocation_url),
            ("image", &a.image),
            ("repository", &a.repository),
            ("log group", &a.log_group),
        ] {
            if let Some(v) = value {
                let _ = writeln!(out, "  {label:<12} {v}");
            }
        }
    }
    for (k, v) in &r.outputs {
        let _ = writeln!(out, "output         {k} = {v}");
    }
    out
}

pub(crate) async fn run(deployment: &Deployment, options: &StatusOptions) -> Outcome {
    let result = async {
        let aws = aws::connect(&options.connection, deployment).await?;
        gather(&aws, deployment, None).await
    }
    .await;
    match result {
        Ok(report) if options.json => {
            println!(
                "{}",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            );
            Outcome::Success
        }
        Ok(report) => {
            print!("{}", text(&report));
            Outcome::Success
        }
        Err(failure) => failure.print(),
    }
}
