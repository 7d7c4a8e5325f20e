//! The AWS connection: the standard config chain (environment, shared config and credentials
//! files, `--profile`, SSO, credential processes, IMDS), the spec's region unless `--region`
//! says otherwise, `--endpoint-url` or `AWS_ENDPOINT_URL[_SERVICE]` for a local stand-in, the
//! SDK's standard retry strategy (bounded) and timeouts, and an HTTPS client on rustls + ring.
//! [`connect`] also proves the credentials work (STS GetCallerIdentity) and that they belong to
//! the account the spec pins, if it pins one.

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::ProvideCredentials;
use aws_smithy_http_client::tls;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::retries::RequestAttempts;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;

use crate::Connection;
use crate::error::{Failure, Result, aws, chain, no_credentials};
use agentc_ir::Deployment;

/// Attempts per AWS call unless `AWS_MAX_ATTEMPTS` says otherwise.
const DEFAULT_ATTEMPTS: u32 = 5;

/// Prints each retry of an AWS call (the SDK's standard strategy retries throttling and
/// transient errors with backoff; this makes them visible).
#[derive(Debug, Clone)]
struct RetryNotice {
    max: u32,
}

impl Intercept for RetryNotice {
    fn name(&self) -> &'static str {
        "agentc-retry-notice"
    }

    fn read_before_attempt(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let attempt = cfg
            .load::<RequestAttempts>()
            .map_or(1, RequestAttempts::attempts);
        if attempt > 1 {
            let operation = cfg
                .load::<Metadata>()
                .map_or_else(String::new, |m| format!("{}:{}", m.service(), m.name()));
            crate::ui::detail(&format!(
                "retrying {operation} (attempt {attempt} of {})",
                self.max
            ));
        }
        Ok(())
    }
}

/// Clients for one region, and who we are.
pub(crate) struct Aws {
    /// The loaded configuration (for clients in another region).
    pub config: SdkConfig,
    /// CloudFormation.
    pub cfn: aws_sdk_cloudformation::Client,
    /// ECR.
    pub ecr: aws_sdk_ecr::Client,
    /// The AgentCore control plane.
    pub control: aws_sdk_bedrockagentcorecontrol::Client,
    /// The region everything goes to.
    pub region: String,
    /// Where requests go, for messages ("http://127.0.0.1:5000" or "AWS (us-east-1)").
    pub endpoint: String,
    /// The caller's account.
    pub account: String,
}

/// The HTTPS client every SDK client shares: rustls with ring (no C build).
pub(crate) fn https_client() -> aws_smithy_runtime_api::client::http::SharedHttpClient {
    aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(
            tls::rustls_provider::CryptoMode::Ring,
        ))
        .build_https()
}

fn attempts() -> u32 {
    std::env::var("AWS_MAX_ATTEMPTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n >= 1)
        .unwrap_or(DEFAULT_ATTEMPTS)
}

/// Where requests go, in words.
pub(crate) fn endpoint_label(connection: &Connection, region: &str) -> String {
    connection
        .endpoint_url
        .clone()
        .or_else(|| {
            std::env::var("AWS_ENDPOINT_URL")
                .ok()
                .filter(|v| !v.is_empty())
        })
        .unwrap_or_else(|| format!("AWS ({region})"))
}

/// Load the configuration for `region` (no network yet).
pub(crate) async fn load(connection: &Connection, region: &str) -> SdkConfig {
    let retry = RetryConfig::standard()
        .with_max_attempts(attempts())
        .with_initial_backoff(Duration::from_millis(500))
        .with_max_backoff(Duration::from_secs(8));
    let timeouts = TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(5))
        .operation_attempt_timeout(Duration::from_secs(30))
        .operation_timeout(Duration::from_secs(120))
        .build();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(region.to_owned()))
        .http_client(https_client())
        .retry_config(retry)
        .timeout_config(timeouts);
    if let Some(profile) = &connection.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(url) = &connection.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    loader.load().await
}

/// The region: `--region`, else the spec's (a warning when they differ).
pub(crate) fn region_for(connection: &Connection, deployment: &Deployment) -> String {
    let spec = deployment.region.as_str();
    match &connection.region {
        Some(r) if r != spec => {
            crate::ui::warn(&format!("--region {r} overrides the spec's region {spec}"));
            r.clone()
        }
        _ => spec.to_owned(),
    }
}

/// Connect for `deployment`: load the config, check the credentials and the account.
pub(crate) async fn connect(connection: &Connection, deployment: &Deployment) -> Result<Aws> {
    let region = region_for(connection, deployment);
    let config = load(connection, &region).await;
    let endpoint = endpoint_label(connection, &region);
    let Some(provider) = config.credentials_provider() else {
        return Err(no_credentials("no credentials provider is configured"));
    };
    if let Err(e) = provider.provide_credentials().await {
        return Err(no_credentials(&chain(&e)));
    }
    let sts = aws_sdk_sts::Client::from_conf(
        aws_sdk_sts::config::Builder::from(&config)
            .interceptor(RetryNotice { max: attempts() })
            .build(),
    );
    let identity = sts
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| aws("sts:GetCallerIdentity", &endpoint, e))?;
    let account = identity.account().unwrap_or_default().to_owned();
    if let Some(pinned) = deployment
        .account
        .as_ref()
        .filter(|p| p.as_str() != account)
    {
        return Err(Failure::could_not_run(format!(
            "these credentials are for account {account}, but the spec deploys `{}` to account {pinned}",
            deployment.stack_name
        ))
        .next(format!("use credentials of account {pinned} (e.g. --profile NAME) and run again")));
    }
    let notice = RetryNotice { max: attempts() };
    Ok(Aws {
        cfn: aws_sdk_cloudformation::Client::from_conf(
            aws_sdk_cloudformation::config::Builder::from(&config)
                .interceptor(notice.clone())
                .build(),
        ),
        ecr: aws_sdk_ecr::Client::from_conf(
            aws_sdk_ecr::config::Builder::from(&config)
                .interceptor(notice.clone())
                .build(),
        ),
        control: aws_sdk_bedrockagentcorecontrol::Client::from_conf(
            aws_sdk_bedrockagentcorecontrol::config::Builder::from(&config)
                .interceptor(notice)
                .build(),
        ),
        config,
        region,
        endpoint,
        account,
    })
}

impl Aws {
    /// A Cognito client for `region` (a user pool may live elsewhere than the stack).
    pub fn cognito(&self, region: &str) -> aws_sdk_cognitoidentityprovider::Client {
        let config = aws_sdk_cognitoidentityprovider::config::Builder::from(&self.config)
            .region(Region::new(region.to_owned()))
            .interceptor(RetryNotice { max: attempts() })
            .build();
        aws_sdk_cognitoidentityprovider::Client::from_conf(config)
    }
}
