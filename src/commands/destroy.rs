//! `agentc destroy SPEC --env ENV`: delete the environment's stack (only one agentc created),
//! and list what stays on purpose.

use agentc_deploy::DestroyOptions;

use super::Exit;
use super::deploy::{exit_of, load};
use crate::cli::DestroyArgs;

pub(super) fn run(args: &DestroyArgs) -> Exit {
    let loaded = match load(&args.target, false) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    let options = DestroyOptions {
        connection: loaded.connection,
        yes: args.yes,
        timeout_secs: args.timeout.saturating_mul(60),
    };
    exit_of(agentc_deploy::destroy(&loaded.deployment, &options))
}
