//! Invoke against the data-plane stand-in: a Cognito bearer token checked against moto's
//! JWKS, SigV4 checked by botocore, throttling and dropped connections, an auth mismatch.

use crate::support::{DataPlane, Moto, Project, agentc, agentc_with, deploy_ready, spec};

#[test]
fn invoke_with_a_cognito_token() {
    let moto = Moto::start();
    let pool = moto.fixture(&["cognito"]);
    let field = |k: &str| pool[k].as_str().unwrap().to_owned();
    let auth = format!(
        "auth \"jwt\" {{\n    discovery-url \"{}\"\n    allowed-clients \"{}\"\n}}",
        field("discovery_url"),
        field("client_id")
    );
    let project = Project::new(&spec("jwt-desk", &auth));
    deploy_ready(&moto, &project, "jwt-desk");
    let plane = DataPlane::start(&[
        "--auth",
        "jwt",
        "--jwks",
        &field("jwks_url"),
        "--client-id",
        &field("client_id"),
    ]);
    let spec_path = project.spec();
    let base = [
        "invoke",
        spec_path.as_str(),
        "--env",
        "dev",
        "--endpoint-url",
        &moto.endpoint,
        "--data-plane-url",
        &plane.url,
    ];

    // A token from the user pool (USER_PASSWORD_AUTH), the password on stdin.
    let mut args = base.to_vec();
    args.extend([
        "--username",
        "alice",
        "--password-stdin",
        "--prompt",
        "hello there",
    ]);
    let ok = agentc_with(&args, &format!("{}\n", field("password")), &[]).expect(0);
    assert_eq!(ok.stdout, "echo: hello there\n");
    assert!(
        ok.stderr.contains("with bearer token; session agentc-"),
        "{}",
        ok.stderr
    );
    assert!(
        plane
            .requests()
            .iter()
            .any(|r| r.starts_with("request 1: 200 ok jwt")),
        "{:?}",
        plane.requests()
    );

    // A session id of our own must be long enough; it is passed through.
    let session = "agentc-test-session-0123456789abcdef";
    let mut args = base.to_vec();
    args.extend([
        "--username",
        "alice",
        "--session-id",
        session,
        "--prompt",
        "again",
    ]);
    let ok = agentc_with(&args, "", &[("AGENTC_PASSWORD", &field("password"))]).expect(0);
    assert!(
        ok.stderr.contains(&format!("session: {session}")),
        "{}",
        ok.stderr
    );
    let mut args = base.to_vec();
    args.extend(["--token", "t", "--session-id", "too-short", "--prompt", "x"]);
    let short = agentc(&args).expect(2);
    assert!(
        short.stderr.contains("AgentCore needs at least 33"),
        "{}",
        short.stderr
    );

    // A bad password and a forged token are refused, and explained.
    let mut args = base.to_vec();
    args.extend(["--username", "alice", "--password-stdin", "--prompt", "x"]);
    let refused = agentc_with(&args, "wrong\n", &[]).expect(1);
    assert!(
        refused
            .stderr
            .contains("Cognito refused the sign-in of `alice`"),
        "{}",
        refused.stderr
    );
    let mut args = base.to_vec();
    args.extend([
        "--token",
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
        "--prompt",
        "x",
    ]);
    let forged = agentc(&args).expect(1);
    assert!(
        forged.stderr.contains("answered 401 UnauthorizedException"),
        "{}",
        forged.stderr
    );
    assert!(
        forged.stderr.contains("next: the token was refused"),
        "{}",
        forged.stderr
    );
    // Without any token: could not run.
    let mut args = base.to_vec();
    args.extend(["--prompt", "x"]);
    let none = agentc(&args).expect(2);
    assert!(none.stderr.contains("--password-stdin"), "{}", none.stderr);
}

#[test]
fn invoke_with_sigv4_retries_throttling_and_dropped_connections() {
    let moto = Moto::start();
    let project = Project::new(&spec("iam-desk", "auth \"iam\""));
    deploy_ready(&moto, &project, "iam-desk");
    let spec_path = project.spec();
    let invoke = |plane: &DataPlane, extra: &[&str]| {
        let mut args = vec![
            "invoke",
            spec_path.as_str(),
            "--env",
            "dev",
            "--endpoint-url",
            &moto.endpoint,
            "--data-plane-url",
            &plane.url,
        ];
        args.extend_from_slice(extra);
        agentc(&args)
    };

    // SigV4, verified by the stand-in (botocore recomputes the signature).
    let plane = DataPlane::start(&["--auth", "sigv4", "--secret-key", "testing"]);
    let ok = invoke(&plane, &["--prompt", "hi"]).expect(0);
    assert_eq!(ok.stdout, "echo: hi\n");
    assert!(
        plane.requests()[0].starts_with("request 1: 200 ok sigv4 qualifier=['DEFAULT']"),
        "{:?}",
        plane.requests()
    );

    // Throttled twice, then answered: two retries shown.
    let plane = DataPlane::start(&[
        "--auth",
        "sigv4",
        "--secret-key",
        "testing",
        "--throttle",
        "2",
    ]);
    let retried = invoke(&plane, &["--prompt", "hi"]).expect(0);
    assert!(
        retried
            .stderr
            .contains("attempt 1 of 4: 429 ThrottlingException; retrying in"),
        "{}",
        retried.stderr
    );
    assert!(
        retried
            .stderr
            .contains("attempt 2 of 4: 429 ThrottlingException; retrying in"),
        "{}",
        retried.stderr
    );
    assert_eq!(retried.stdout, "echo: hi\n");
    assert_eq!(plane.requests().len(), 3);

    // Throttled for good: bounded, then explained (exit 1).
    let plane = DataPlane::start(&[
        "--auth",
        "sigv4",
        "--secret-key",
        "testing",
        "--throttle",
        "100",
    ]);
    let gave_up = invoke(&plane, &["--prompt", "hi", "--max-attempts", "3"]).expect(1);
    assert!(
        gave_up
            .stderr
            .contains("answered 429 ThrottlingException: Rate exceeded"),
        "{}",
        gave_up.stderr
    );
    assert_eq!(plane.requests().len(), 3);

    // A dropped connection is retried; always dropped: a clear error (exit 2).
    let plane = DataPlane::start(&["--auth", "sigv4", "--secret-key", "testing", "--drop", "1"]);
    let recovered = invoke(&plane, &["--prompt", "hi"]).expect(0);
    assert!(
        recovered.stderr.contains("attempt 1 of 4: "),
        "{}",
        recovered.stderr
    );
    assert_eq!(recovered.stdout, "echo: hi\n");
    let plane = DataPlane::start(&[
        "--auth",
        "sigv4",
        "--secret-key",
        "testing",
        "--drop",
        "100",
    ]);
    let dropped = invoke(&plane, &["--prompt", "hi", "--max-attempts", "2"]).expect(2);
    assert!(
        dropped.stderr.contains(&format!(
            "error: no answer from {} after 2 attempts",
            plane.url
        )),
        "{}",
        dropped.stderr
    );
    assert_eq!(plane.requests().len(), 2);

    // A JWT runtime called with SigV4: AgentCore's "Authorization method mismatch", explained.
    let plane = DataPlane::start(&[
        "--auth",
        "jwt",
        "--jwks",
        "http://127.0.0.1:9/unused",
        "--client-id",
        "x",
    ]);
    let mismatch = invoke(&plane, &["--prompt", "hi"]).expect(1);
    assert!(
        mismatch
            .stderr
            .contains("403 AccessDeniedException: Authorization method mismatch"),
        "{}",
        mismatch.stderr
    );
    assert!(
        mismatch
            .stderr
            .contains("expects a JWT bearer token but got SigV4"),
        "{}",
        mismatch.stderr
    );
}
