//! `agentc invoke`: find the agent's runtime (stack outputs, else the control plane), build the
//! data-plane URL (`/runtimes/{encoded ARN}/invocations?qualifier=…`), authenticate (bearer
//! or SigV4), send `{"prompt": …}` with a session id, print the answer, and explain refusals.

mod auth;
mod http;
pub mod session;

use bytes::Bytes;

use crate::aws;
use crate::error::{Failure, Result};
use crate::runtime::{self, data_plane_base, invocation_url};
use crate::{InvokeOptions, Outcome, stack, ui};
use agentc_ir::Deployment;

pub(crate) async fn run(deployment: &Deployment, options: &InvokeOptions) -> Outcome {
    match invoke(deployment, options).await {
        Ok(()) => Outcome::Success,
        Err(failure) => failure.print(),
    }
}

/// The data plane's base URL: `--data-plane-url`, the per-service or general endpoint override,
/// else AWS's.
fn base_url(options: &InvokeOptions, region: &str) -> String {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    options
        .data_plane_url
        .clone()
        .or_else(|| env("AWS_ENDPOINT_URL_BEDROCK_AGENTCORE"))
        .or_else(|| options.connection.endpoint_url.clone())
        .or_else(|| env("AWS_ENDPOINT_URL"))
        .unwrap_or_else(|| data_plane_base(region))
}

fn request_body(options: &InvokeOptions) -> Result<Bytes> {
    match (&options.payload, &options.prompt) {
        (Some(payload), _) => {
            serde_json::from_str::<serde_json::Value>(payload)
                .map_err(|e| Failure::could_not_run(format!("--payload is not JSON: {e}")))?;
            Ok(Bytes::from(payload.clone()))
        }
        (None, Some(prompt)) => Ok(Bytes::from(
            serde_json::json!({ "prompt": prompt }).to_string(),
        )),
        (None, None) => Err(Failure::could_not_run("nothing to send")
            .next("pass --prompt TEXT (or --payload JSON)")),
    }
}

async fn invoke(deployment: &Deployment, options: &InvokeOptions) -> Result<()> {
    let agent = match &options.agent {
        Some(name) => deployment
            .agents
            .iter()
            .find(|a| &a.name == name)
            .ok_or_else(|| {
                let known: Vec<&str> = deployment.agents.iter().map(|a| a.name.as_str()).collect();
                Failure::could_not_run(format!(
                    "no agent `{name}` in this spec (agents: {})",
                    known.join(", ")
                ))
            })?,
        None => match deployment.agents.as_slice() {
            [one] => one,
            _ => {
                return Err(Failure::could_not_run(
                    "this spec has several agents: choose one with --agent NAME",
                ));
            }
        },
    };
    let session_id = match &options.session_id {
        Some(id) => {
            session::check_session_id(id).map_err(Failure::could_not_run)?;
            id.clone()
        }
        None => session::new_session_id(),
    };
    let body = request_body(options)?;
    let args = &options.connection.command_args;
    let aws_ = aws::connect(&options.connection, deployment).await?;
    let Some(stack) = stack::describe(&aws_, &deployment.stack_name).await? else {
        return Err(
            Failure::failed(format!("{} is not deployed", deployment.stack_name))
                .next(format!("run `agentc deploy {args}` first")),
        );
    };
    let outputs = stack::outputs_of(&stack);
    let arn = match outputs.get(&format!("{}RuntimeArn", agent.ids.prefix)) {
        Some(arn) => arn.clone(),
        None => match runtime::find(&aws_, agent, &outputs).await? {
            Some(rt) => {
                if rt.status != "READY" {
                    ui::warn(&format!("runtime {} is {}, not READY", rt.name, rt.status));
                }
                rt.arn
            }
            None => {
                return Err(Failure::failed(format!(
                    "{} has no runtime yet (no image was deployed)",
                    agent.runtime_name
                ))
                .next(format!(
                    "run `agentc deploy {args}` to build the image and create the runtime"
                )));
            }
        },
    };
    let qualifier = options.qualifier.as_deref().unwrap_or("DEFAULT");
    let url = invocation_url(&base_url(options, &aws_.region), &arn, qualifier);
    let method = auth::method(&aws_, deployment, options, &outputs).await?;
    ui::step(&format!(
        "invoking {} ({qualifier}) with {}; session {session_id}",
        agent.runtime_name,
        method.label()
    ));
    let call = http::Call {
        url: &url,
        body,
        session_id: &session_id,
        method: &method,
        max_attempts: options.max_attempts,
        timeout: std::time::Duration::from_secs(options.timeout_secs.max(1)),
    };
    let answer = http::send(&call).await?;
    if (200..300).contains(&answer.status) {
        print_answer(&answer, options.raw);
        eprintln!(
            "session: {session_id} (pass --session-id {session_id} to continue this conversation)"
        );
        return Ok(());
    }
    let mut failure = explain(&answer, &method, agent.runtime_name.as_str(), args);
    let general_override = options.data_plane_url.is_none()
        && std::env::var_os("AWS_ENDPOINT_URL_BEDROCK_AGENTCORE").is_none()
        && url != invocation_url(&data_plane_base(&aws_.region), &arn, qualifier);
    if general_override && answer.status >= 500 {
        failure.next = Some(format!(
            "{} (the data plane here is the general endpoint override; a stand-in such as moto does not serve \
             invoke: name the data plane with --data-plane-url)",
            failure.next.unwrap_or_default()
        ));
    }
    Err(failure)
}

fn print_answer(answer: &http::Answer, raw: bool) {
    let text = String::from_utf8_lossy(&answer.body);
    let json = (!raw && answer.content_type.starts_with("application/json"))
        .then(|| serde_json::from_str::<serde_json::Value>(&text).ok())
        .flatten();
    if let Some(value) = json {
        match value.get("response").and_then(|r| r.as_str()) {
            Some(response) => println!("{response}"),
            None => println!(
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            ),
        }
        return;
    }
    print!("{text}");
    if !text.ends_with('\n') {
        println!();
    }
}

/// A short excerpt of a body that is not JSON: an HTML page's title, else its first line.
fn excerpt(text: &str) -> String {
    let title = text.find("<title>").and_then(|a| {
        text[a + 7..]
            .find("</title>")
            .map(|b| &text[a + 7..a + 7 + b])
    });
    let line = title.unwrap_or_else(|| {
        text.lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
    });
    line.chars().take(200).collect()
}

/// A refusal, explained.
fn explain(answer: &http::Answer, method: &auth::Method, runtime: &str, args: &str) -> Failure {
    let text = String::from_utf8_lossy(&answer.body);
    let message = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| {
            v.get("message")
                .or_else(|| v.get("Message"))
                .and_then(|m| m.as_str())
                .map(str::to_owned)
        })
        .unwrap_or_else(|| excerpt(&text));
    let kind = answer
        .error_type
        .as_deref()
        .map(|k| format!(" {k}"))
        .unwrap_or_default();
    let head = format!(
        "the runtime {runtime} answered {}{kind}: {message}",
        answer.status
    );
    let next = if message.contains("Authorization method mismatch") {
        match method {
            auth::Method::SigV4(..) => "the runtime expects a JWT bearer token but got SigV4: the deployed runtime has a JWT authorizer \
                 while this spec's environment says `auth \"iam\"` — deploy the spec again, or pass --token",
            auth::Method::Bearer(_) => "the runtime expects SigV4 (IAM) but got a bearer token: the deployed runtime has no JWT \
                 authorizer — leave out --token, or deploy the spec's `auth` again",
        }
        .to_owned()
    } else {
        match (answer.status, method) {
            (401, _) | (403, auth::Method::Bearer(_)) => "the token was refused: it may be expired, from another user pool, an ID token \
                 instead of an access token, or its client id is not among the runtime's allowed clients"
                .to_owned(),
            (403, auth::Method::SigV4(..)) => "your AWS identity may not call bedrock-agentcore:InvokeAgentRuntime on this runtime: \
                 grant it, or use another --profile"
                .to_owned(),
            (404, _) => format!("no runtime or endpoint at this ARN and qualifier: check `agentc status {args}`"),
            (424, _) => "the runtime could not reach a dependency (its container failed to start or answer): see its logs".to_owned(),
            (429 | 503, _) => "AgentCore kept refusing after the retries: wait and invoke again (--max-attempts raises them)".to_owned(),
            (s, _) if s >= 500 => format!("the agent failed on this request: see its logs (`agentc status {args}` names the log group)"),
            _ => "the request was refused; check the payload the agent expects".to_owned(),
        }
    };
    Failure::failed(head).next(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, kind: &str, message: &str) -> http::Answer {
        http::Answer {
            status,
            error_type: Some(kind.into()),
            content_type: "application/json".into(),
            body: Bytes::from(serde_json::json!({ "message": message }).to_string()),
        }
    }

    #[test]
    fn refusals_are_explained() {
        let sigv4 = auth::Method::SigV4(
            aws_credential_types::Credentials::new("a", "b", None, None, "t"),
            "us-east-1".into(),
        );
        let bearer = auth::Method::Bearer("t".into());
        let mismatch = answer(
            403,
            "AccessDeniedException",
            "Authorization method mismatch. The agent is configured for a different authorization method",
        );
        assert!(
            explain(&mismatch, &sigv4, "r", "")
                .next
                .unwrap()
                .contains("expects a JWT bearer token")
        );
        assert!(
            explain(&mismatch, &bearer, "r", "")
                .next
                .unwrap()
                .contains("expects SigV4")
        );
        assert!(
            explain(
                &answer(401, "UnauthorizedException", "expired"),
                &bearer,
                "r",
                ""
            )
            .next
            .unwrap()
            .contains("expired")
        );
        assert!(
            explain(&answer(403, "AccessDeniedException", "no"), &sigv4, "r", "")
                .next
                .unwrap()
                .contains("InvokeAgentRuntime")
        );
        let f = explain(
            &answer(404, "ResourceNotFoundException", "gone"),
            &sigv4,
            "r",
            "x.kdl",
        );
        assert!(f.message.contains("404 ResourceNotFoundException: gone"));
    }

    #[test]
    fn non_json_bodies_are_cut_short() {
        assert_eq!(
            excerpt("<!doctype html>\n<title>500 Internal Server Error</title><p>long"),
            "500 Internal Server Error"
        );
        assert_eq!(
            excerpt("\n  upstream timed out\nmore"),
            "upstream timed out"
        );
        assert_eq!(excerpt(&"x".repeat(300)).len(), 200);
    }

    #[test]
    fn bodies() {
        let o = InvokeOptions {
            prompt: Some("hi \"there\"".into()),
            ..Default::default()
        };
        assert_eq!(
            request_body(&o).unwrap(),
            Bytes::from(r#"{"prompt":"hi \"there\""}"#)
        );
        let o = InvokeOptions {
            payload: Some("{bad".into()),
            ..Default::default()
        };
        assert!(request_body(&o).is_err());
    }
}
