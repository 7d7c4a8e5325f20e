//! `agentc deploy`, `destroy`, `status` and `invoke`: everything that talks to AWS.
//!
//! The binary compiles a spec to a [`Deployment`] and its CloudFormation template, then calls
//! one of the four entry points here. Each builds a small tokio runtime, loads the standard
//! AWS configuration (environment, profiles, SSO, `--endpoint-url` / `AWS_ENDPOINT_URL`),
//! runs, prints what it does to stderr (results to stdout) and returns an [`Outcome`].
//!
//! - [`deploy`]: first deploy with empty image references (repository, role, logs, keys), the
//!   image (built and pushed under a content-hash tag, or `--image-uri` / `--image-digest`),
//!   then the update that pins the runtime to the image digest; every stack change goes through
//!   a change set that is shown and confirmed, and is followed to its end; then the runtime is
//!   waited for (READY) and the outputs printed.
//! - [`destroy`]: deletes the stack agentc created (and only such a stack) and reports what the
//!   template keeps on purpose.
//! - [`status`]: stack, runtimes (control plane) and endpoints, as text or JSON.
//! - [`invoke`]: one call of the runtime's data plane with a bearer token (JWT/Cognito) or
//!   SigV4, with bounded retries.
//!
//! AWS calls retry throttling and transient errors with the SDK's standard strategy (bounded);
//! every wait here is bounded in time and polls with backoff.

mod aws;
mod changeset;
mod deploy;
mod destroy;
mod error;
mod events;
mod image;
mod invoke;
mod runtime;
mod stack;
mod status;
mod ui;

use std::path::PathBuf;

pub use agentc_ir::Deployment;
pub use image::builder::{BuildPlan, CommandLine, Tool, build_commands};
pub use image::context::{ContextHash, hash_context};
pub use invoke::session::{check_session_id, new_session_id};

/// What a command ended in (the binary maps it to exit codes 0, 1 and 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It did what was asked.
    Success,
    /// It ran and failed (a failed deployment, a refused request): exit 1.
    Failed,
    /// It could not run: no credentials, no container tool, endpoint unreachable: exit 2.
    CouldNotRun,
}

/// How to reach AWS.
#[derive(Debug, Clone, Default)]
pub struct Connection {
    /// Send every request here (a local stand-in); `AWS_ENDPOINT_URL` works too.
    pub endpoint_url: Option<String>,
    /// The shared-config profile (otherwise `AWS_PROFILE` or `default`).
    pub profile: Option<String>,
    /// The region, instead of the spec's.
    pub region: Option<String>,
    /// How the user runs agentc on this spec (`specs/x.kdl --env dev`, plus the connection
    /// flags), quoted in next steps such as "run `agentc status …`".
    pub command_args: String,
}

/// Where the image of an agent comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageSource {
    /// Build it from the agent's folder with a container tool and push it.
    Build {
        /// `docker`, `finch` or `podman` (found on PATH when `None`).
        tool: Option<Tool>,
    },
    /// A pre-built image in the agent's repository: `REPO_URI:TAG` or `REPO_URI@sha256:…`.
    Uri(String),
    /// A digest of an image already in the agent's repository.
    Digest(String),
}

/// What `deploy` needs besides the deployment.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// How to reach AWS.
    pub connection: Connection,
    /// The compiled CloudFormation template (JSON).
    pub template: String,
    /// The spec file's folder: the agents' build paths are relative to it.
    pub spec_dir: PathBuf,
    /// Per agent name (or `None` for "every agent"), where its image comes from.
    pub images: Vec<(Option<String>, ImageSource)>,
    /// Do not ask before changing the stack.
    pub yes: bool,
    /// Longest wait for the stack operation, seconds.
    pub stack_timeout_secs: u64,
    /// Longest wait for the runtimes to be READY, seconds.
    pub runtime_timeout_secs: u64,
}

/// What `destroy` needs besides the deployment.
#[derive(Debug, Clone)]
pub struct DestroyOptions {
    /// How to reach AWS.
    pub connection: Connection,
    /// Do not ask before deleting.
    pub yes: bool,
    /// Longest wait for the deletion, seconds.
    pub timeout_secs: u64,
}

/// What `status` needs besides the deployment.
#[derive(Debug, Clone)]
pub struct StatusOptions {
    /// How to reach AWS.
    pub connection: Connection,
    /// Print JSON (to stdout) instead of text.
    pub json: bool,
}

/// What `invoke` needs besides the deployment.
#[derive(Debug, Clone, Default)]
pub struct InvokeOptions {
    /// How to reach AWS.
    pub connection: Connection,
    /// The agent to call (may be left out when the spec has one).
    pub agent: Option<String>,
    /// The request body: `{"prompt": …}` unless `payload` is given.
    pub prompt: Option<String>,
    /// A raw JSON request body.
    pub payload: Option<String>,
    /// The session id (33+ characters); generated when absent.
    pub session_id: Option<String>,
    /// The runtime endpoint (qualifier), `DEFAULT` unless given.
    pub qualifier: Option<String>,
    /// A bearer token (JWT auth).
    pub token: Option<String>,
    /// A Cognito user name to get a token with (USER_PASSWORD_AUTH).
    pub username: Option<String>,
    /// That user's password.
    pub password: Option<String>,
    /// The app client to get a token from (otherwise from the stack or the spec).
    pub client_id: Option<String>,
    /// The data plane's base URL instead of `https://bedrock-agentcore.{region}.amazonaws.com`.
    pub data_plane_url: Option<String>,
    /// Print the response body as received.
    pub raw: bool,
    /// Attempts of the call (throttling, 5xx, dropped connections), at least 1.
    pub max_attempts: u32,
    /// Longest wait for one attempt, seconds.
    pub timeout_secs: u64,
}

fn run<F: std::future::Future<Output = Outcome>>(future: F) -> Outcome {
    match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(future),
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            Outcome::CouldNotRun
        }
    }
}

/// Deploy `deployment` (see the crate docs).
pub fn deploy(deployment: &Deployment, options: &DeployOptions) -> Outcome {
    run(deploy::run(deployment, options))
}

/// Delete what `deployment`'s stack created, keeping what it retains on purpose.
pub fn destroy(deployment: &Deployment, options: &DestroyOptions) -> Outcome {
    run(destroy::run(deployment, options))
}

/// Print the state of `deployment` in AWS.
pub fn status(deployment: &Deployment, options: &StatusOptions) -> Outcome {
    run(status::run(deployment, options))
}

/// Call one of `deployment`'s runtimes and print the answer.
pub fn invoke(deployment: &Deployment, options: &InvokeOptions) -> Outcome {
    run(invoke::run(deployment, options))
}
