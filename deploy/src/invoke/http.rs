//! The data-plane call: one POST over HTTPS (rustls + ring) or plain HTTP on loopback, with
//! bounded retries. Retried: 429 and 503 (refused before the agent ran) and connections that
//! fail or close before an answer — each with exponential backoff and jitter, honouring
//! `Retry-After` up to a ceiling; every attempt is re-signed. Each retry is printed.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

use super::auth::{Method, authorize};
use crate::error::{Failure, Result, chain};
use crate::ui;

/// The largest answer read (AgentCore's payload limit).
const MAX_BODY: usize = 100 * 1024 * 1024;
/// The longest wait between attempts.
const MAX_DELAY: Duration = Duration::from_secs(20);

/// An HTTP answer.
#[derive(Debug)]
pub(crate) struct Answer {
    /// Status code.
    pub status: u16,
    /// `x-amzn-errortype`, if any.
    pub error_type: Option<String>,
    /// Content type.
    pub content_type: String,
    /// The body.
    pub body: Bytes,
}

/// One attempt's result.
enum Attempt {
    Answered(Answer, Option<Duration>),
    Transport(String),
}

/// What to send.
pub(crate) struct Call<'a> {
    /// The full URL.
    pub url: &'a str,
    /// The JSON body.
    pub body: Bytes,
    /// The runtime session id.
    pub session_id: &'a str,
    /// How to authenticate.
    pub method: &'a Method,
    /// Attempts, at least 1.
    pub max_attempts: u32,
    /// Longest wait per attempt.
    pub timeout: Duration,
}

fn build_request(call: &Call<'_>) -> Result<http::Request<Bytes>> {
    let uri: http::Uri = call
        .url
        .parse()
        .map_err(|e| Failure::could_not_run(format!("`{}` is not a URL: {e}", call.url)))?;
    let host = uri
        .authority()
        .map(|a| a.as_str().to_owned())
        .unwrap_or_default();
    let mut request = http::Request::post(uri)
        .header(http::header::HOST, host)
        .header(http::header::CONTENT_TYPE, "application/json")
        .header(http::header::ACCEPT, "application/json, text/event-stream")
        .header(
            "x-amzn-bedrock-agentcore-runtime-session-id",
            call.session_id,
        )
        .body(call.body.clone())
        .map_err(|e| Failure::could_not_run(format!("cannot build the request: {e}")))?;
    authorize(call.method, &mut request)?;
    Ok(request)
}

async fn attempt(
    client: &Client<
        hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
        Full<Bytes>,
    >,
    call: &Call<'_>,
) -> Result<Attempt> {
    let request = build_request(call)?.map(Full::new);
    let exchange = async {
        let response = client.request(request).await.map_err(|e| chain(&e))?;
        let (parts, body) = response.into_parts();
        let body = Limited::new(body, MAX_BODY)
            .collect()
            .await
            .map_err(|e| format!("the answer broke off: {e}"))?
            .to_bytes();
        Ok::<_, String>((parts, body))
    };
    Ok(match tokio::time::timeout(call.timeout, exchange).await {
        Err(_) => Attempt::Transport(format!("no answer within {}", ui::elapsed(call.timeout))),
        Ok(Err(e)) => Attempt::Transport(e),
        Ok(Ok((parts, body))) => {
            let header = |name: &str| {
                parts
                    .headers
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned)
            };
            let retry_after = header("retry-after")
                .and_then(|v| v.parse::<u64>().ok())
                .map(Duration::from_secs);
            Attempt::Answered(
                Answer {
                    status: parts.status.as_u16(),
                    error_type: header("x-amzn-errortype")
                        .map(|t| t.split(':').next().unwrap_or_default().to_owned()),
                    content_type: header("content-type").unwrap_or_default(),
                    body,
                },
                retry_after,
            )
        }
    })
}

/// The delay before attempt `n + 1` (n ≥ 1): 400 ms · 2^(n-1) with ±25 % jitter, at most 8 s,
/// or what `Retry-After` asks (at most 20 s).
pub(crate) fn delay(n: u32, retry_after: Option<Duration>, jitter: f64) -> Duration {
    if let Some(d) = retry_after {
        return d.min(MAX_DELAY);
    }
    let base = 0.4 * f64::from(2u32.saturating_pow(n.saturating_sub(1).min(10)));
    Duration::from_secs_f64((base * (0.75 + 0.5 * jitter.clamp(0.0, 1.0))).min(8.0))
}

fn jitter() -> f64 {
    use std::hash::{BuildHasher, RandomState};
    (RandomState::new().hash_one(0u8) % 1000) as f64 / 1000.0
}

/// Send `call`, retrying what is safe to retry; the final answer, or why there was none.
pub(crate) async fn send(call: &Call<'_>) -> Result<Answer> {
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_native_roots(rustls::crypto::ring::default_provider())
        .map_err(|e| {
            Failure::could_not_run(format!("cannot load the system's root certificates: {e}"))
        })?
        .https_or_http()
        .enable_http1()
        .build();
    // No pooled connections: a retry after a dropped connection starts afresh.
    let client = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(0)
        .build(connector);
    let attempts = call.max_attempts.max(1);
    for n in 1..=attempts {
        let (why, retry_after) = match attempt(&client, call).await? {
            Attempt::Answered(answer, retry_after) if matches!(answer.status, 429 | 503) => {
                let kind = answer.error_type.clone().unwrap_or_else(|| {
                    if answer.status == 429 {
                        "Throttled".into()
                    } else {
                        "Unavailable".into()
                    }
                });
                if n == attempts {
                    return Ok(answer);
                }
                (format!("{} {kind}", answer.status), retry_after)
            }
            Attempt::Answered(answer, _) => return Ok(answer),
            Attempt::Transport(e) => {
                if n == attempts {
                    return Err(Failure::could_not_run(format!(
                        "no answer from {} after {attempts} attempts: {e}",
                        call.url.split("/runtimes/").next().unwrap_or(call.url)
                    ))
                    .next("check the network and --data-plane-url / --endpoint-url; if the runtime is new, wait a minute and invoke again"));
                }
                (e, None)
            }
        };
        let wait = delay(n, retry_after, jitter());
        ui::detail(&format!(
            "attempt {n} of {attempts}: {why}; retrying in {:.1}s",
            wait.as_secs_f64()
        ));
        tokio::time::sleep(wait).await;
    }
    Err(Failure::failed("no attempt was made"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_and_stay_bounded() {
        assert_eq!(delay(1, None, 0.5), Duration::from_millis(400));
        assert_eq!(delay(2, None, 0.5), Duration::from_millis(800));
        assert_eq!(delay(9, None, 1.0), Duration::from_secs(8));
        assert_eq!(delay(1, Some(Duration::from_secs(99)), 0.5), MAX_DELAY);
        assert!(delay(1, None, 0.0) >= Duration::from_millis(300));
    }
}
