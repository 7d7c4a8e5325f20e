//! Faults between agentc and AWS, through tests/tools/fault_proxy.py in front of moto:
//! throttled calls (the SDK's bounded retries, shown) and a hung call interrupted with Ctrl-C.

use std::time::Duration;

use crate::support::{
    DataPlane, Moto, Project, agentc, agentc_with, repository_uri, run, spawn_agentc, spec,
};

#[test]
fn aws_calls_retry_throttling_within_bounds() {
    let moto = Moto::start();
    let project = Project::new(&spec("busy-desk", "auth \"iam\""));
    let spec_path = project.spec();

    // Throttled twice, then through: the SDK's retries, each one shown.
    let proxy = DataPlane::fault_proxy(&moto.endpoint, &["--throttle", "2"]);
    let ok = agentc(&[
        "status",
        &spec_path,
        "--env",
        "dev",
        "--endpoint-url",
        &proxy.url,
    ])
    .expect(0);
    assert!(
        ok.stderr
            .contains("retrying STS:GetCallerIdentity (attempt 2 of 5)"),
        "{}",
        ok.stderr
    );
    assert!(
        ok.stderr
            .contains("retrying STS:GetCallerIdentity (attempt 3 of 5)"),
        "{}",
        ok.stderr
    );
    assert!(
        ok.stdout.starts_with("busy-desk-dev: not deployed"),
        "{}",
        ok.stdout
    );
    let seen = proxy.requests();
    assert_eq!(
        seen[..3],
        [
            "request 1: throttled",
            "request 2: throttled",
            "request 3: forwarded 200"
        ],
        "{seen:?}"
    );

    // Throttled for good: bounded by AWS_MAX_ATTEMPTS, then the operation and a next step.
    let proxy = DataPlane::fault_proxy(&moto.endpoint, &["--throttle", "100"]);
    let url = proxy.url.clone();
    let gave_up = agentc_with(
        &["status", &spec_path, "--env", "dev", "--endpoint-url", &url],
        "",
        &[("AWS_MAX_ATTEMPTS", "3")],
    )
    .expect(1);
    assert!(
        gave_up
            .stderr
            .contains("error: sts:GetCallerIdentity failed: Throttling: Rate exceeded"),
        "{}",
        gave_up.stderr
    );
    assert!(
        gave_up
            .stderr
            .contains("next: AWS kept throttling after the retries"),
        "{}",
        gave_up.stderr
    );
    assert_eq!(proxy.requests().len(), 3);
}

#[test]
fn ctrl_c_leaves_the_stack_as_it_is_and_says_how_to_go_on() {
    let moto = Moto::start();
    let project = Project::new(&spec("halt-desk", "auth \"iam\""));
    let spec_path = project.spec();
    // CreateChangeSet reaches moto, but its answer hangs: the user presses Ctrl-C.
    let proxy = DataPlane::fault_proxy(&moto.endpoint, &["--hold", "CreateChangeSet"]);
    let uri = format!("{}:v1", repository_uri("halt-desk"));
    let deploy = spawn_agentc(
        &[
            "deploy",
            &spec_path,
            "--env",
            "dev",
            "--endpoint-url",
            &proxy.url,
            "--yes",
            "--image-uri",
            &uri,
        ],
        "",
        &[],
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !proxy
        .requests()
        .iter()
        .any(|r| r.ends_with("held CreateChangeSet"))
    {
        assert!(
            std::time::Instant::now() < deadline,
            "CreateChangeSet never arrived: {:?}",
            proxy.requests()
        );
    }
    let pid = deploy.pid().to_string();
    assert!(
        std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let stopped = deploy.finish().expect(1);
    assert!(
        stopped.elapsed < Duration::from_secs(30),
        "{:?}",
        stopped.elapsed
    );
    assert!(
        stopped.stderr.contains("error: interrupted (Ctrl-C)"),
        "{}",
        stopped.stderr
    );
    let next = format!("next: see where it is with `agentc status {spec_path} --env dev");
    assert!(stopped.stderr.contains(&next), "{}", stopped.stderr);

    // The stack is as CloudFormation left it; status explains it and deploy picks up from there.
    let status = run(&moto, "status", &project, &[]).expect(0);
    assert!(
        status.stdout.contains("halt-desk-dev  REVIEW_IN_PROGRESS"),
        "{}",
        status.stdout
    );
    assert!(
        status.stdout.contains("the first deploy never ran"),
        "{}",
        status.stdout
    );
    let resumed = run(&moto, "deploy", &project, &["--yes", "--image-uri", &uri]).expect(1);
    assert!(
        resumed.stderr.contains("first deploy of halt-desk-dev"),
        "{}",
        resumed.stderr
    );
    assert!(
        resumed.stderr.contains("CREATE_COMPLETE"),
        "{}",
        resumed.stderr
    );
}
