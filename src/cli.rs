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
    after_help = "Examples:\n  agentc check                      # every *.kdl under the current folder\n  agentc check specs/ --env production\n  agentc check spec.kdl --format sarif > agentc.sarif"
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
pub(crate) struct ExplainArgs {
    /// The code, e.g. `agentc::logs::retention-too-short`.
    #[arg(required_unless_present = "list")]
    pub code: Option<String>,
    /// List every code with its severity and summary.
    #[arg(long)]
    pub list: bool,
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
