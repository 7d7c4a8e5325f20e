//! Failures: what went wrong, in which AWS operation, and what to do next. Every AWS error is
//! turned into one of these (never a Debug dump) and printed by [`Failure::print`].

use std::fmt::Write as _;

use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use crate::Outcome;

/// A failure, printed as `error: …` plus the next step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    /// Exit 1 ([`Outcome::Failed`]) or 2 ([`Outcome::CouldNotRun`]).
    pub outcome: Outcome,
    /// One or more lines: what happened.
    pub message: String,
    /// What the user can do about it.
    pub next: Option<String>,
}

pub(crate) type Result<T, E = Failure> = std::result::Result<T, E>;

impl Failure {
    /// A failure of the deployment or the request (exit 1).
    pub fn failed(message: impl Into<String>) -> Self {
        Self {
            outcome: Outcome::Failed,
            message: message.into(),
            next: None,
        }
    }

    /// agentc could not run (exit 2).
    pub fn could_not_run(message: impl Into<String>) -> Self {
        Self {
            outcome: Outcome::CouldNotRun,
            message: message.into(),
            next: None,
        }
    }

    /// With a next step.
    pub fn next(mut self, next: impl Into<String>) -> Self {
        self.next = Some(next.into());
        self
    }

    /// Print to stderr and give the outcome.
    pub fn print(&self) -> Outcome {
        let mut text = format!("error: {}", self.message);
        if let Some(next) = &self.next {
            let _ = write!(text, "\n  next: {next}");
        }
        crate::ui::error_block(&text);
        self.outcome
    }
}

/// The error code and message of a service error, if the request got that far.
pub(crate) fn code_of<E: ProvideErrorMetadata, R>(err: &SdkError<E, R>) -> Option<&str> {
    match err {
        SdkError::ServiceError(e) => e.err().code(),
        _ => None,
    }
}

/// The message of a service error.
pub(crate) fn message_of<E, R>(err: &SdkError<E, R>) -> String
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    match err {
        SdkError::ServiceError(e) => e.err().message().unwrap_or("").to_owned(),
        other => chain(other),
    }
}

/// An error and its sources, joined with `: ` (deduplicated), e.g. "dispatch failure: io
/// error: Connection refused (os error 111)".
pub(crate) fn chain(err: &dyn std::error::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<&dyn std::error::Error> = Some(err);
    while let Some(e) = current {
        let text = e.to_string();
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    parts.join(": ")
}

/// Turn an SDK error of `operation` (e.g. `cloudformation:CreateChangeSet`) into a failure
/// with a next step. `endpoint` names where requests go, for "could not reach" messages.
pub(crate) fn aws<E, R>(operation: &str, endpoint: &str, err: SdkError<E, R>) -> Failure
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    match &err {
        SdkError::ServiceError(service) => {
            let e = service.err();
            let code = e.code().unwrap_or("UnknownError");
            let message = e.message().unwrap_or("(no message)");
            service_failure(operation, code, message)
        }
        SdkError::TimeoutError(_) => Failure::could_not_run(format!(
            "{operation} timed out: {endpoint} did not answer"
        ))
        .next(
            "check the network, the region and --endpoint-url / AWS_ENDPOINT_URL, then run again",
        ),
        SdkError::DispatchFailure(dispatch) => {
            let cause = dispatch
                .as_connector_error()
                .map_or_else(|| chain(&err), |c| chain(c));
            if cause.contains("credentials") || cause.contains("Credentials") {
                return no_credentials(&cause);
            }
            Failure::could_not_run(format!("{operation}: could not reach {endpoint}: {cause}"))
                .next("check the network, the region and --endpoint-url / AWS_ENDPOINT_URL, then run again")
        }
        _ => {
            let cause = chain(&err);
            if cause.contains("credentials") || cause.contains("Credentials") {
                return no_credentials(&cause);
            }
            Failure::could_not_run(format!("{operation} failed: {cause}"))
        }
    }
}

/// The failure for "no usable credentials".
pub(crate) fn no_credentials(cause: &str) -> Failure {
    Failure::could_not_run(format!("no AWS credentials: {cause}")).next(
        "configure credentials the usual way: `aws configure`, `aws sso login --profile NAME` with \
         --profile NAME, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY",
    )
}

fn service_failure(operation: &str, code: &str, message: &str) -> Failure {
    let text = format!("{operation} failed: {code}: {message}");
    match code {
        "ExpiredToken" | "ExpiredTokenException" | "RequestExpired" => {
            Failure::could_not_run(text).next("your credentials have expired: refresh them (e.g. `aws sso login`) and run again")
        }
        "InvalidClientTokenId" | "UnrecognizedClientException" | "SignatureDoesNotMatch" | "InvalidSignatureException"
        | "AuthFailure" => Failure::could_not_run(text)
            .next("the credentials are not valid for this account or endpoint: check --profile, the keys and --endpoint-url"),
        "AccessDenied" | "AccessDeniedException" | "UnauthorizedOperation" => Failure::failed(text).next(format!(
            "the caller is not allowed to call {operation}: grant it to your role (or use another --profile) and run again"
        )),
        "Throttling" | "ThrottlingException" | "TooManyRequestsException" | "RequestLimitExceeded" => Failure::failed(text)
            .next("AWS kept throttling after the retries: wait a minute and run again (AWS_MAX_ATTEMPTS raises the retries)"),
        _ => Failure::failed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_codes_get_their_next_step() {
        let f = service_failure("sts:GetCallerIdentity", "ExpiredToken", "expired");
        assert_eq!(f.outcome, Outcome::CouldNotRun);
        assert!(f.next.unwrap().contains("expired"));
        let f = service_failure("cloudformation:CreateChangeSet", "AccessDenied", "no");
        assert_eq!(f.outcome, Outcome::Failed);
        assert!(f.next.unwrap().contains("cloudformation:CreateChangeSet"));
        let f = service_failure("ecr:DescribeImages", "Weird", "x");
        assert_eq!(f.message, "ecr:DescribeImages failed: Weird: x");
        assert!(f.next.is_none());
    }

    #[test]
    fn chains_skip_repeated_text() {
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "Connection refused");
        assert_eq!(chain(&io), "Connection refused");
    }
}
