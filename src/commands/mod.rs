//! One module per command; each returns the process's exit status.

mod check;
mod compile;
#[cfg(feature = "deploy")]
mod deploy;
#[cfg(feature = "deploy")]
mod destroy;
mod explain;
#[cfg(feature = "deploy")]
mod invoke;
#[cfg(feature = "deploy")]
mod status;

use std::process::ExitCode;

use crate::cli::{Cli, Command};

/// What a command's run ended in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    /// Nothing to report.
    Clean,
    /// Findings (errors, or warnings under --deny-warnings).
    Findings,
    /// Could not run: unreadable input, bad flag, failed write.
    Failure,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(match exit {
            Exit::Clean => 0,
            Exit::Findings => 1,
            Exit::Failure => 2,
        })
    }
}

/// Run the command `cli` names.
pub(crate) fn run(cli: Cli) -> Exit {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Compile(args) => compile::run(&args),
        Command::Explain(args) => explain::run(&args),
        #[cfg(feature = "deploy")]
        Command::Deploy(args) => deploy::run(&args),
        #[cfg(feature = "deploy")]
        Command::Status(args) => status::run(&args),
        #[cfg(feature = "deploy")]
        Command::Invoke(args) => invoke::run(&args),
        #[cfg(feature = "deploy")]
        Command::Destroy(args) => destroy::run(&args),
        #[cfg(not(feature = "deploy"))]
        Command::Deploy(_) | Command::Status(_) | Command::Invoke(_) | Command::Destroy(_) => {
            eprintln!(
                "error: this agentc was built without AWS support (the `deploy` cargo feature); \
                 deploy, status, invoke and destroy are not available"
            );
            Exit::Failure
        }
        Command::Init(args) => crate::init::run(&args),
        Command::Completions(args) => {
            use clap::CommandFactory;
            let mut command = Cli::command();
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut command, "agentc", &mut script);
            crate::output::stdout(&String::from_utf8_lossy(&script));
            Exit::Clean
        }
    }
}
