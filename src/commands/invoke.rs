//! `agentc invoke SPEC --env ENV --prompt TEXT`: one call of a deployed agent, with a bearer
//! token (Cognito/JWT) or SigV4, and a session id of 33+ characters.

use std::io::BufRead;

use agentc_deploy::InvokeOptions;

use super::Exit;
use super::deploy::{exit_of, load};
use crate::cli::InvokeArgs;

/// The password: the first line of stdin with --password-stdin, else AGENTC_PASSWORD.
fn password(args: &InvokeArgs) -> Result<Option<String>, Exit> {
    if !args.password_stdin {
        return Ok(std::env::var("AGENTC_PASSWORD")
            .ok()
            .filter(|p| !p.is_empty()));
    }
    let mut line = String::new();
    match std::io::stdin().lock().read_line(&mut line) {
        Ok(_) if !line.trim_end_matches(['\r', '\n']).is_empty() => {
            Ok(Some(line.trim_end_matches(['\r', '\n']).to_owned()))
        }
        Ok(_) => {
            eprintln!("error: --password-stdin read an empty line");
            Err(Exit::Failure)
        }
        Err(e) => {
            eprintln!("error: cannot read the password from stdin: {e}");
            Err(Exit::Failure)
        }
    }
}

pub(super) fn run(args: &InvokeArgs) -> Exit {
    let password = match password(args) {
        Ok(p) => p,
        Err(exit) => return exit,
    };
    let loaded = match load(&args.target, false) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    let options = InvokeOptions {
        connection: loaded.connection,
        agent: args.agent.clone(),
        prompt: args.prompt.clone(),
        payload: args.payload.clone(),
        session_id: args.session_id.clone(),
        qualifier: Some(args.qualifier.clone()),
        token: args.token.clone(),
        username: args.username.clone(),
        password,
        client_id: args.client_id.clone(),
        data_plane_url: args.data_plane_url.clone(),
        raw: args.raw,
        max_attempts: args.max_attempts,
        timeout_secs: args.timeout,
    };
    exit_of(agentc_deploy::invoke(&loaded.deployment, &options))
}
