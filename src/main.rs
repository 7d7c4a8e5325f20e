//! `agentc`: compile one KDL spec into AWS Bedrock AgentCore Runtime infrastructure.
//!
//! The binary is thin: argument parsing (`cli`), the shared front half of every command
//! (`pipeline`) and one module per command (`commands`).

mod backends;
mod cli;
mod commands;
mod init;
mod pipeline;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version to stdout (exit 0) and usage errors to stderr (exit 2).
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    commands::run(cli).into()
}
