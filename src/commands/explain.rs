//! `agentc explain CODE` and `agentc explain --list`.

use agentc_diagnostics::{Code, did_you_mean};

use super::Exit;
use crate::cli::ExplainArgs;

pub(super) fn run(args: &ExplainArgs) -> Exit {
    if args.list {
        let width = Code::ALL
            .iter()
            .map(|c| c.as_str().len())
            .max()
            .unwrap_or(0);
        let list: String = Code::ALL
            .iter()
            .map(|code| {
                format!(
                    "{:width$}  {:7}  {}\n",
                    code.as_str(),
                    code.default_severity().to_string(),
                    code.summary()
                )
            })
            .collect();
        crate::output::stdout(&list);
        return Exit::Clean;
    }
    let Some(wanted) = args.code.as_deref() else {
        return Exit::Failure;
    };
    // Accept the code with or without the `agentc::` prefix.
    let full = if wanted.starts_with("agentc::") {
        wanted.to_owned()
    } else {
        format!("agentc::{wanted}")
    };
    match Code::parse(&full) {
        Some(code) => {
            crate::output::stdout(code.explanation());
            Exit::Clean
        }
        None => {
            // Compare without the shared `agentc::` prefix, which would make everything similar.
            let names: Vec<&str> = Code::ALL
                .iter()
                .map(|c| c.as_str().trim_start_matches("agentc::"))
                .collect();
            match did_you_mean(full.trim_start_matches("agentc::"), &names) {
                Some(s) => eprintln!("error: no code `{wanted}`; did you mean `agentc::{s}`?"),
                None => {
                    eprintln!("error: no code `{wanted}`; `agentc explain --list` lists them all")
                }
            }
            Exit::Failure
        }
    }
}
