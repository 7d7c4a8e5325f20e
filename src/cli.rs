//! The command line: every command, flag and its help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Compile one KDL spec of an AI agent deployment into AWS Bedrock AgentCore Runtime
/// infrastructure: CloudFormation, a CDK TypeScript app or Terraform.
#[derive(Debug, Parser)]
#[command(
    name = "agentc",
    version,
    about,
    long_about = "Compile one KDL spec of an AI agent deployment into AWS Bedrock AgentCore Runtime \
infrastructure: CloudFormation, a CDK TypeScript app or Terraform.\n\n\
A spec names the project, its agents and their environments. `agentc check` reports every \
problem at once with the file, line and a fix; `agentc compile` writes the infrastructure of one \
environment.",
    after_help = "Examples:\n  agentc check specs/\n  agentc compile specs/support-desk.kdl --target cfn --env production -o out/\n  agentc explain agentc::logs::retention-too-short\n\nExit codes: 0 clean, 1 findings, 2 could not run."
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check specs offline and report every finding (fit for pre-commit and CI).
    Check(CheckArgs),
    /// Compile one environment of a spec to CloudFormation, CDK or Terraform.
    Compile(CompileArgs),
    /// Write a starter spec and a working Strands agent into a folder.
    Init(InitArgs),
    /// Build and push the image and deploy one environment to AWS with CloudFormation.
    Deploy(DeployArgs),
    /// Show a deployed environment: stack, runtimes, endpoints, outputs.
    Status(StatusArgs),
    /// Call a deployed agent and print its answer.
    Invoke(InvokeArgs),
    /// Delete a deployed environment (what it retains on purpose stays).
    Destroy(DestroyArgs),
    /// Explain a diagnostic code, or list them all.
    Explain(ExplainArgs),
    /// Print shell completions.
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// How findings are printed: `human` (to stderr), `json` or `sarif` (to stdout).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// miette's graphical report.
    Human,
    /// agentc's versioned JSON (1-based lines and columns).
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Color {
    /// When stderr is a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  agentc check                      # every *.kdl under the current folder\n  agentc check specs/support-desk.kdl --env production\n  agentc check spec.kdl --format sarif > agentc.sarif"
)]
pub(crate) struct CheckArgs {
    /// Spec files, or folders searched for `*.kdl` (default: the current folder).
    pub paths: Vec<PathBuf>,
    /// Check only this environment (default: every environment).
    #[arg(long)]
    pub env: Option<String>,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Target {
    /// A CloudFormation template (JSON).
    Cfn,
    /// A CDK TypeScript app.
    Cdk,
    /// A Terraform root module.
    Terraform,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  agentc compile spec.kdl --target cfn --env dev > template.json\n  agentc compile spec.kdl --target cdk --env production -o infra/\n  agentc compile spec.kdl --target terraform --env staging -o tf/"
)]
pub(crate) struct CompileArgs {
    /// The spec file.
    pub spec: PathBuf,
    /// The backend.
    #[arg(long, short, value_enum, env = "AGENTC_TARGET")]
    pub target: Target,
    /// The environment to compile (may be left out when the spec declares only one).
    #[arg(long)]
    pub env: Option<String>,
    /// Write the files into this folder (CloudFormation goes to stdout without it).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  agentc init demo && agentc check demo")]
pub(crate) struct InitArgs {
    /// The folder to write into (created if missing; default: the current folder).
    pub dir: Option<PathBuf>,
    /// The project name (default: from the folder's name).
    #[arg(long)]
    pub name: Option<String>,
    /// Overwrite files that exist.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  agentc explain agentc::logs::retention-too-short\n  agentc explain logs::retention-too-short\n  agentc explain --list"
)]
pub(crate) struct ExplainArgs {
    /// The code, e.g. `agentc::logs::retention-too-short`.
    #[arg(required_unless_present = "list")]
    pub code: Option<String>,
    /// List every code with its severity and summary.
    #[arg(long)]
    pub list: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  agentc completions bash > ~/.local/share/bash-completion/completions/agentc\n  agentc completions zsh > \"${fpath[1]}/_agentc\"\n  agentc completions fish > ~/.config/fish/completions/agentc.fish"
)]
pub(crate) struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Where AWS is and who calls it (the standard config chain does the rest: AWS_PROFILE,
/// AWS_ENDPOINT_URL, SSO, credential files, …).
#[derive(Debug, Clone, Args)]
pub(crate) struct AwsArgs {
    /// Send every AWS request here (a local stand-in such as moto); AWS_ENDPOINT_URL works too.
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// The shared-config profile to use (default: AWS_PROFILE, else `default`).
    #[arg(long)]
    pub profile: Option<String>,
    /// Use this region instead of the spec's.
    #[arg(long)]
    pub region: Option<String>,
}

/// The spec and environment every AWS command starts from.
#[derive(Debug, Clone, Args)]
pub(crate) struct TargetArgs {
    /// The spec file.
    pub spec: PathBuf,
    /// The environment (may be left out when the spec declares only one).
    #[arg(long)]
    pub env: Option<String>,
    #[command(flatten)]
    pub aws: AwsArgs,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  agentc deploy specs/support-desk.kdl --env dev\n  agentc deploy spec.kdl --env production --yes --image-uri 123456789012.dkr.ecr.us-east-1.amazonaws.com/p/production/agent:v7\n  agentc deploy spec.kdl --env dev --endpoint-url http://127.0.0.1:5000 --yes\n\nThe first deploy creates the repository, role, log group and keys, then builds and pushes the\nlinux/arm64 image (tagged with a hash of its build context) and creates the runtime pinned to its\ndigest. Exit codes: 0 deployed or up to date, 1 failed or refused, 2 could not run."
)]
pub(crate) struct DeployArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Deploy this pre-built image (in the agent's repository) instead of building one:
    /// `REPOSITORY_URI:TAG` or `REPOSITORY_URI@sha256:…`; `AGENT=URI` when the spec has several agents.
    #[arg(long, value_name = "[AGENT=]URI")]
    pub image_uri: Vec<String>,
    /// Deploy the image with this digest from the agent's repository: `sha256:…` or `AGENT=sha256:…`.
    #[arg(long, value_name = "[AGENT=]DIGEST", conflicts_with = "image_uri")]
    pub image_digest: Vec<String>,
    /// The container tool that builds the image (default: the first of docker with buildx, finch, podman).
    #[arg(long, value_parser = ["docker", "finch", "podman"], env = "AGENTC_BUILDER")]
    pub builder: Option<String>,
    /// Apply the changes without asking (required when stdin is not a terminal).
    #[arg(long, short)]
    pub yes: bool,
    /// Longest wait for CloudFormation, in minutes.
    #[arg(long, value_name = "MINUTES", default_value_t = 60)]
    pub timeout: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StatusFormat {
    /// Lines for people.
    Text,
    /// JSON (versioned) on stdout.
    Json,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  agentc status specs/support-desk.kdl --env dev\n  agentc status spec.kdl --env production --format json | jq .agents[0].runtime.status"
)]
pub(crate) struct StatusArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
    pub format: StatusFormat,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  agentc invoke specs/support-desk.kdl --env dev --prompt 'Where is ticket 42?'\n  echo \"$PASSWORD\" | agentc invoke spec.kdl --env production --username alice --password-stdin --prompt hi\n  agentc invoke spec.kdl --env production --token \"$JWT\" --session-id \"$SESSION\" --prompt 'and then?'\n\nA runtime with Cognito/JWT auth takes a bearer token (--token, or --username with\n--password-stdin to sign in to the user pool); any other is called with SigV4."
)]
pub(crate) struct InvokeArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// The prompt, sent as `{"prompt": TEXT}`.
    #[arg(long, short, required_unless_present = "payload")]
    pub prompt: Option<String>,
    /// A raw JSON request body instead of --prompt.
    #[arg(long, value_name = "JSON", conflicts_with = "prompt")]
    pub payload: Option<String>,
    /// The agent to call (may be left out when the spec has one).
    #[arg(long)]
    pub agent: Option<String>,
    /// Continue this session (at least 33 characters); a new one is generated otherwise.
    #[arg(long)]
    pub session_id: Option<String>,
    /// The runtime endpoint to call.
    #[arg(long, default_value = "DEFAULT")]
    pub qualifier: String,
    /// A JWT access token for a runtime with Cognito/JWT auth.
    #[arg(long, env = "AGENTC_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Sign in to the Cognito user pool as this user to get a token (USER_PASSWORD_AUTH).
    #[arg(long, env = "AGENTC_USERNAME")]
    pub username: Option<String>,
    /// Read that user's password from the first line of stdin (or set AGENTC_PASSWORD).
    #[arg(long, requires = "username")]
    pub password_stdin: bool,
    /// The Cognito app client to sign in with (default: the stack's, or the spec's first allowed client).
    #[arg(long)]
    pub client_id: Option<String>,
    /// The data plane's base URL (default: https://bedrock-agentcore.REGION.amazonaws.com).
    #[arg(long, value_name = "URL")]
    pub data_plane_url: Option<String>,
    /// Print the answer as received instead of its `response` field.
    #[arg(long)]
    pub raw: bool,
    /// Attempts when throttled (429/503) or when the connection fails.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=10))]
    pub max_attempts: u32,
    /// Longest wait for one attempt, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 900)]
    pub timeout: u64,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  agentc destroy specs/support-desk.kdl --env dev\n  agentc destroy spec.kdl --env staging --yes\n\nOnly a stack agentc created for this spec and environment is deleted. Resources the template\nretains (production repositories, log groups, user pools, audit buckets) stay and are listed."
)]
pub(crate) struct DestroyArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Delete without asking (required when stdin is not a terminal).
    #[arg(long, short)]
    pub yes: bool,
    /// Longest wait for the deletion, in minutes.
    #[arg(long, value_name = "MINUTES", default_value_t = 60)]
    pub timeout: u64,
}
