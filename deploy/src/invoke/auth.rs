//! How an invocation authenticates. A runtime with a JWT authorizer (`auth "cognito"` or
//! `auth "jwt"`) takes `Authorization: Bearer <access token>`: given with `--token`, or
//! obtained from the Cognito user pool with USER_PASSWORD_AUTH. Any other runtime takes SigV4
//! (service `bedrock-agentcore`) with the caller's AWS credentials.

use std::collections::BTreeMap;
use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_credential_types::provider::ProvideCredentials;
use aws_sdk_cognitoidentityprovider::types::AuthFlowType;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;

use crate::InvokeOptions;
use crate::aws::Aws;
use crate::error::{Failure, Result, aws, chain, code_of, message_of, no_credentials};
use agentc_ir::{Auth, Deployment};

/// The signing service of the data plane.
pub(crate) const SERVICE: &str = "bedrock-agentcore";

/// How requests are authenticated.
#[derive(Clone)]
pub(crate) enum Method {
    /// A bearer token.
    Bearer(String),
    /// SigV4 with these credentials, in this region.
    SigV4(Credentials, String),
}

impl Method {
    /// For messages.
    pub fn label(&self) -> &'static str {
        match self {
            Method::Bearer(_) => "bearer token",
            Method::SigV4(..) => "SigV4",
        }
    }
}

/// The region of a Cognito pool: from its id (`us-east-1_abc`) or its discovery URL.
fn pool_region(pool_id: Option<&str>, discovery_url: Option<&str>) -> Option<String> {
    if let Some((region, _)) = pool_id.and_then(|p| p.split_once('_')) {
        return Some(region.to_owned());
    }
    let host = discovery_url?.strip_prefix("https://")?.split('/').next()?;
    host.strip_prefix("cognito-idp.")?
        .strip_suffix(".amazonaws.com")
        .map(str::to_owned)
}

/// Decide the method for `deployment`'s runtimes.
pub(crate) async fn method(
    aws_: &Aws,
    deployment: &Deployment,
    options: &InvokeOptions,
    outputs: &BTreeMap<String, String>,
) -> Result<Method> {
    if let Some(token) = &options.token {
        return Ok(Method::Bearer(token.trim().to_owned()));
    }
    let (client, region) = match &deployment.auth {
        Auth::Iam => {
            let provider = aws_
                .config
                .credentials_provider()
                .ok_or_else(|| no_credentials("no credentials provider"))?;
            let credentials = provider
                .provide_credentials()
                .await
                .map_err(|e| no_credentials(&chain(&e)))?;
            return Ok(Method::SigV4(credentials, aws_.region.clone()));
        }
        Auth::CognitoCreate => (
            outputs.get("UserPoolClientId").cloned(),
            pool_region(outputs.get("UserPoolId").map(String::as_str), None),
        ),
        Auth::Jwt {
            discovery_url,
            allowed_clients,
            ..
        } => (
            allowed_clients.first().cloned(),
            pool_region(None, Some(discovery_url)),
        ),
    };
    let (Some(username), Some(password)) = (&options.username, &options.password) else {
        return Err(Failure::could_not_run(
            "this runtime takes a JWT bearer token (its auth is Cognito/JWT), and none was given",
        )
        .next("pass --token TOKEN, or --username NAME with --password-stdin (or AGENTC_PASSWORD) to get one from the user pool"));
    };
    let Some(client) = options.client_id.clone().or(client) else {
        return Err(
            Failure::could_not_run("cannot tell which Cognito app client to sign in with")
                .next("pass --client-id ID (the stack output UserPoolClientId) or --token TOKEN"),
        );
    };
    let region = region.unwrap_or_else(|| aws_.region.clone());
    let out = aws_
        .cognito(&region)
        .initiate_auth()
        .auth_flow(AuthFlowType::UserPasswordAuth)
        .client_id(&client)
        .auth_parameters("USERNAME", username)
        .auth_parameters("PASSWORD", password)
        .send()
        .await;
    let out = match out {
        Ok(out) => out,
        Err(e) if code_of(&e) == Some("NotAuthorizedException") => {
            return Err(Failure::failed(format!(
                "Cognito refused the sign-in of `{username}`: {}",
                message_of(&e)
            ))
            .next("check the user name and password (and that the user is confirmed)"));
        }
        Err(e)
            if code_of(&e) == Some("InvalidParameterException")
                && message_of(&e).contains("USER_PASSWORD_AUTH") =>
        {
            return Err(Failure::failed(format!("app client {client} does not allow USER_PASSWORD_AUTH"))
                .next("enable ALLOW_USER_PASSWORD_AUTH on the client, or get a token another way and pass --token"));
        }
        Err(e) => return Err(aws("cognito-idp:InitiateAuth", &aws_.endpoint, e)),
    };
    if let Some(challenge) = out.challenge_name() {
        return Err(Failure::failed(format!("Cognito asks `{username}` for {} before it issues tokens", challenge.as_str()))
            .next("finish that step once (e.g. set a permanent password with `aws cognito-idp admin-set-user-password --permanent`)"));
    }
    out.authentication_result()
        .and_then(|r| r.access_token())
        .map(|t| Method::Bearer(t.to_owned()))
        .ok_or_else(|| Failure::failed("Cognito answered without an access token"))
}

/// Add the `Authorization` (and SigV4's date and token) headers to `request`.
pub(crate) fn authorize(method: &Method, request: &mut http::Request<bytes::Bytes>) -> Result<()> {
    match method {
        Method::Bearer(token) => {
            let value = http::HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| {
                Failure::could_not_run("the token holds characters a header cannot carry")
            })?;
            request
                .headers_mut()
                .insert(http::header::AUTHORIZATION, value);
            Ok(())
        }
        Method::SigV4(credentials, region) => {
            let identity = credentials.clone().into();
            let params = v4::SigningParams::builder()
                .identity(&identity)
                .region(region)
                .name(SERVICE)
                .time(SystemTime::now())
                .settings(SigningSettings::default())
                .build()
                .map_err(|e| Failure::could_not_run(format!("cannot sign the request: {e}")))?
                .into();
            let headers: Vec<(&str, &str)> = request
                .headers()
                .iter()
                .filter_map(|(k, v)| Some((k.as_str(), v.to_str().ok()?)))
                .collect();
            let uri = request.uri().to_string();
            let signable = SignableRequest::new(
                request.method().as_str(),
                &uri,
                headers.into_iter(),
                SignableBody::Bytes(request.body()),
            )
            .map_err(|e| Failure::could_not_run(format!("cannot sign the request: {e}")))?;
            let (instructions, _) = sign(signable, &params)
                .map_err(|e| Failure::could_not_run(format!("cannot sign the request: {e}")))?
                .into_parts();
            instructions.apply_to_request_http1x(request);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_regions() {
        assert_eq!(
            pool_region(Some("eu-west-1_AbC"), None).as_deref(),
            Some("eu-west-1")
        );
        let url = "https://cognito-idp.us-east-2.amazonaws.com/us-east-2_x/.well-known/openid-configuration";
        assert_eq!(pool_region(None, Some(url)).as_deref(), Some("us-east-2"));
        assert_eq!(
            pool_region(
                None,
                Some("https://login.example.com/.well-known/openid-configuration")
            ),
            None
        );
    }

    #[test]
    fn sigv4_signs_for_bedrock_agentcore() {
        let credentials = Credentials::new("AKIDTEST", "secret", None, None, "test");
        let mut request = http::Request::post(
            "http://127.0.0.1:9/runtimes/arn%3Ax/invocations?qualifier=DEFAULT",
        )
        .header("host", "127.0.0.1:9")
        .body(bytes::Bytes::from_static(b"{}"))
        .unwrap();
        authorize(
            &Method::SigV4(credentials, "us-east-1".into()),
            &mut request,
        )
        .unwrap();
        let auth = request.headers()["authorization"].to_str().unwrap();
        assert!(
            auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDTEST/"),
            "{auth}"
        );
        assert!(
            auth.contains("/us-east-1/bedrock-agentcore/aws4_request"),
            "{auth}"
        );
        assert!(request.headers().contains_key("x-amz-date"));
    }
}
