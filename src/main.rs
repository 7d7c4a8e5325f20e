//! `agentc`: compile one KDL spec into AWS Bedrock AgentCore Runtime infrastructure.
//!
//! The binary is thin: argument parsing (`cli`), the shared front half of every command
//! (`pipeline`) and one module per command (`commands`).

mod backends;
mod cli;
mod commands;
mod init;
mod output;
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
    // Parsing KDL recurses; the front end refuses pathological nesting, and a roomy stack
    // keeps every input that passes that check far from the edge.
    const STACK_BYTES: usize = 64 * 1024 * 1024;
    let worker = std::thread::Builder::new()
        .name("agentc".to_owned())
        .stack_size(STACK_BYTES)
        .spawn(move || commands::run(cli));
    match worker.map(std::thread::JoinHandle::join) {
        Ok(Ok(exit)) => exit.into(),
        Ok(Err(_)) => {
            eprintln!("error: agentc failed on its own (agentc::internal::bug); please report it");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            ExitCode::from(2)
        }
    }
}
