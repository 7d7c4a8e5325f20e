//! `agentc status SPEC --env ENV [--format json]`: the deployed stack, its runtimes (control
//! plane) and endpoints.

use agentc_deploy::StatusOptions;

use super::Exit;
use super::deploy::{exit_of, load};
use crate::cli::{StatusArgs, StatusFormat};

pub(super) fn run(args: &StatusArgs) -> Exit {
    let loaded = match load(&args.target, false) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    let options = StatusOptions {
        connection: loaded.connection,
        json: args.format == StatusFormat::Json,
    };
    exit_of(agentc_deploy::status(&loaded.deployment, &options))
}
