//! The AgentCore control plane: find each agent's runtime (the stack output `{A}RuntimeId`,
//! else by name), wait for it to be READY (bounded, with backoff), list its endpoints, and
//! build the data-plane invocation URL.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use aws_sdk_bedrockagentcorecontrol::types::AgentRuntimeStatus;
use serde::Serialize;

use crate::aws::Aws;
use crate::error::{Failure, Result, aws, code_of};
use crate::ui::{self, Backoff, Cancel};
use agentc_ir::Agent;

/// A runtime as the control plane reports it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Runtime {
    /// Its id.
    pub id: String,
    /// Its ARN.
    pub arn: String,
    /// Its name.
    pub name: String,
    /// `READY`, `CREATING`, …
    pub status: String,
    /// The latest version.
    pub version: String,
    /// Why it failed, when it did.
    pub failure_reason: Option<String>,
    /// When it last changed (RFC 3339).
    pub last_updated: String,
    /// Its endpoints.
    pub endpoints: Vec<Endpoint>,
}

/// A runtime endpoint (qualifier).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Endpoint {
    /// `DEFAULT` or a named endpoint.
    pub name: String,
    /// Its status.
    pub status: String,
    /// The version it serves.
    pub live_version: Option<String>,
}

fn iso(t: &aws_smithy_types::DateTime) -> String {
    t.fmt(aws_smithy_types::date_time::Format::DateTime)
        .unwrap_or_default()
}

/// Get a runtime by id; `None` when it does not exist.
pub(crate) async fn get(aws_: &Aws, id: &str) -> Result<Option<Runtime>> {
    let out = match aws_
        .control
        .get_agent_runtime()
        .agent_runtime_id(id)
        .send()
        .await
    {
        Ok(out) => out,
        Err(e) if code_of(&e) == Some("ResourceNotFoundException") => return Ok(None),
        Err(e) => {
            return Err(aws(
                "bedrock-agentcore-control:GetAgentRuntime",
                &aws_.endpoint,
                e,
            ));
        }
    };
    let endpoints = match aws_
        .control
        .list_agent_runtime_endpoints()
        .agent_runtime_id(id)
        .send()
        .await
    {
        Ok(list) => list
            .runtime_endpoints()
            .iter()
            .map(|e| Endpoint {
                name: e.name.clone(),
                status: e.status.as_str().to_owned(),
                live_version: e.live_version.clone(),
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    Ok(Some(Runtime {
        id: out.agent_runtime_id,
        arn: out.agent_runtime_arn,
        name: out.agent_runtime_name,
        status: out.status.as_str().to_owned(),
        version: out.agent_runtime_version,
        failure_reason: out.failure_reason,
        last_updated: iso(&out.last_updated_at),
        endpoints,
    }))
}

/// Find `agent`'s runtime: by the stack output `{A}RuntimeId`, else by name.
pub(crate) async fn find(
    aws_: &Aws,
    agent: &Agent,
    outputs: &BTreeMap<String, String>,
) -> Result<Option<Runtime>> {
    let by_output = match outputs.get(&format!("{}RuntimeId", agent.ids.prefix)) {
        Some(id) => get(aws_, id).await?,
        None => None,
    };
    if by_output.is_some() {
        return Ok(by_output);
    }
    let mut token = None;
    for _ in 0..50 {
        let out = aws_
            .control
            .list_agent_runtimes()
            .set_next_token(token.take())
            .send()
            .await
            .map_err(|e| {
                aws(
                    "bedrock-agentcore-control:ListAgentRuntimes",
                    &aws_.endpoint,
                    e,
                )
            })?;
        if let Some(rt) = out
            .agent_runtimes()
            .iter()
            .find(|r| r.agent_runtime_name == agent.runtime_name.as_str())
        {
            return get(aws_, &rt.agent_runtime_id).await;
        }
        match out.next_token() {
            Some(t) => token = Some(t.to_owned()),
            None => break,
        }
    }
    Ok(None)
}

fn settled(status: &str) -> bool {
    !matches!(status, "CREATING" | "UPDATING" | "DELETING")
}

/// Wait until `agent`'s runtime is READY; fail on a failed state, a missing runtime or the
/// time limit.
pub(crate) async fn wait_ready(
    aws_: &Aws,
    agent: &Agent,
    outputs: &BTreeMap<String, String>,
    limit: Duration,
    cancel: &Cancel,
    args: &str,
) -> Result<Runtime> {
    let start = Instant::now();
    let mut backoff = Backoff::new(Duration::from_secs(1), Duration::from_secs(10));
    let mut shown = String::new();
    loop {
        let Some(rt) = find(aws_, agent, outputs).await? else {
            return Err(Failure::failed(format!(
                "the stack is deployed, but the control plane has no runtime named `{}`",
                agent.runtime_name
            ))
            .next(format!("see `agentc status {args}`; if the stack lists the runtime, it may still be appearing: deploy again")));
        };
        if rt.status != shown {
            ui::detail(&format!(
                "{}: {} (version {})",
                rt.name, rt.status, rt.version
            ));
            shown.clone_from(&rt.status);
        }
        if rt.status == AgentRuntimeStatus::Ready.as_str() {
            return Ok(rt);
        }
        if settled(&rt.status) {
            let reason = rt
                .failure_reason
                .clone()
                .unwrap_or_else(|| "no reason given".to_owned());
            return Err(Failure::failed(format!("runtime `{}` is {}: {reason}", rt.name, rt.status)).next(format!(
                "fix the cause (often the image: it must be linux/arm64 and answer GET /ping on 8080 within 30 s), \
                 then deploy again; logs: `aws logs tail /aws/bedrock-agentcore/runtimes/{}-DEFAULT`",
                rt.id
            )));
        }
        if start.elapsed() >= limit {
            return Err(Failure::failed(format!(
                "runtime `{}` is still {} after {}",
                rt.name,
                rt.status,
                ui::elapsed(limit)
            ))
            .next(format!(
                "it may still become READY: follow it with `agentc status {args}`"
            )));
        }
        if !cancel.sleep(backoff.next_delay()).await {
            return Err(Failure::failed(format!(
                "interrupted while runtime `{}` was {}",
                rt.name, rt.status
            ))
            .next(format!(
                "the stack is deployed; follow the runtime with `agentc status {args}`"
            )));
        }
    }
}

/// Percent-encode everything but unreserved characters (Python's `quote(s, safe="")`).
pub(crate) fn encode_component(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `{base}/runtimes/{encoded ARN}/invocations?qualifier={q}`.
pub(crate) fn invocation_url(base: &str, arn: &str, qualifier: &str) -> String {
    format!(
        "{}/runtimes/{}/invocations?qualifier={}",
        base.trim_end_matches('/'),
        encode_component(arn),
        encode_component(qualifier)
    )
}

/// The data plane's public base URL in `region`.
pub(crate) fn data_plane_base(region: &str) -> String {
    format!("https://bedrock-agentcore.{region}.amazonaws.com")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invocation_urls_encode_the_arn() {
        let arn = "arn:aws:bedrock-agentcore:us-west-2:776504808937:runtime/abc";
        assert_eq!(
            invocation_url(
                "https://bedrock-agentcore.us-west-2.amazonaws.com/",
                arn,
                "DEFAULT"
            ),
            "https://bedrock-agentcore.us-west-2.amazonaws.com/runtimes/arn%3Aaws%3Abedrock-agentcore%3Aus-west-2%3A776504808937%3Aruntime%2Fabc/invocations?qualifier=DEFAULT"
        );
        assert!(settled("READY") && settled("CREATE_FAILED") && !settled("UPDATING"));
    }
}
