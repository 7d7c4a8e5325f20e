//! Deploy (first, unchanged, changed), status, a failing deploy, destroy, and stacks agentc
//! does not own — against moto.

use std::time::Duration;

use crate::support::{
    Moto, Project, agentc_tty, agentc_with, deploy_ready, repository_uri, run, spec,
};

#[test]
fn deploy_with_image_uri_then_up_to_date_then_update_in_place() {
    let moto = Moto::start();
    let project = Project::new(&spec("echo-desk", "auth \"iam\""));
    let deployed = deploy_ready(&moto, &project, "echo-desk");
    assert!(
        deployed.stderr.contains("change set agentc-"),
        "{}",
        deployed.stderr
    );
    assert!(
        deployed.stderr.contains("UPDATE_COMPLETE"),
        "{}",
        deployed.stderr
    );
    assert!(
        deployed
            .stdout
            .contains("echo_agent_dev  READY (version 1)"),
        "{}",
        deployed.stdout
    );
    assert!(
        deployed
            .stdout
            .contains(&format!("{}@sha256:", repository_uri("echo-desk"))),
        "{}",
        deployed.stdout
    );
    assert!(deployed.stdout.contains(
        "invoke URL   https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/arn%3Aaws%3A"
    ));

    // Unchanged: no change set at all, quickly.
    let uri = format!("{}:v1", repository_uri("echo-desk"));
    let again = run(&moto, "deploy", &project, &["--yes", "--image-uri", &uri]).expect(0);
    assert!(again.stderr.contains("is up to date"), "{}", again.stderr);
    assert!(!again.stderr.contains("change set"), "{}", again.stderr);
    assert!(
        again.elapsed < Duration::from_secs(10),
        "took {:?}",
        again.elapsed
    );

    // Changed configuration: an update in place, the image and runtime stay.
    let before = moto.fixture(&["template", "echo-desk-dev"]);
    project.write(
        "spec.kdl",
        &spec("echo-desk", "auth \"iam\"")
            .replace("log-retention-days 30", "log-retention-days 60"),
    );
    let changed = run(&moto, "deploy", &project, &["--yes", "--image-uri", &uri]).expect(0);
    assert!(
        changed.stderr.contains("UPDATE_COMPLETE"),
        "{}",
        changed.stderr
    );
    assert!(
        !changed.stderr.contains("first deploy"),
        "{}",
        changed.stderr
    );
    let after = moto.fixture(&["template", "echo-desk-dev"]);
    let retention = |t: &serde_json::Value| {
        t["Resources"]["EchoAgentLogGroup"]["Properties"]["RetentionInDays"].clone()
    };
    assert_eq!(
        (retention(&before), retention(&after)),
        (serde_json::json!(30), serde_json::json!(60))
    );

    // Status, text and JSON.
    let text = run(&moto, "status", &project, &[]).expect(0);
    assert!(
        text.stdout
            .starts_with("stack          echo-desk-dev  UPDATE_COMPLETE\n"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("  deployed at  "), "{}", text.stdout);
    let json = run(&moto, "status", &project, &["--format", "json"]).expect(0);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("status JSON");
    assert_eq!(report["version"], 1);
    assert_eq!(report["status"], "UPDATE_COMPLETE");
    let agent = &report["agents"][0];
    assert_eq!(agent["runtime"]["status"], "READY");
    assert_eq!(agent["runtime"]["version"], "1");
    assert_eq!(agent["repository"], repository_uri("echo-desk"));
    assert!(agent["image"].as_str().unwrap().contains("@sha256:"));
    assert_eq!(
        agent["log_group"],
        "/aws/vendedlogs/bedrock-agentcore/echo-desk-dev/echo_agent"
    );
}

#[test]
fn failing_deploy_prints_the_root_cause_first() {
    let moto = Moto::start();
    let project = Project::new(&spec("clash-desk", "auth \"iam\""));
    // A repository of the same name, made outside the stack: the stack cannot create its own.
    moto.fixture(&["repository", "clash-desk/dev/echo_agent"]);
    let failed = run(
        &moto,
        "deploy",
        &project,
        &[
            "--yes",
            "--image-uri",
            &format!("{}:v1", repository_uri("clash-desk")),
        ],
    )
    .expect(1);
    let error = failed
        .stderr
        .lines()
        .position(|l| l.starts_with("error:"))
        .expect("an error line");
    let lines: Vec<&str> = failed.stderr.lines().skip(error).collect();
    assert!(
        lines[0].starts_with("error: root cause: "),
        "{}",
        failed.stderr
    );
    assert!(
        lines[0].contains("RepositoryAlreadyExistsException")
            && lines[0].contains("already exists"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("  then: clash-desk-dev is REVIEW_IN_PROGRESS"),
        "{}",
        failed.stderr
    );
    assert!(
        lines[2].starts_with("  next: a resource with that name already exists outside this stack"),
        "{}",
        failed.stderr
    );
    assert!(
        !failed.stderr.contains("panicked") && !failed.stderr.contains("Error {"),
        "{}",
        failed.stderr
    );
}

#[test]
fn destroy_deletes_only_its_stack_and_reports_what_it_keeps() {
    let moto = Moto::start();
    let project = Project::new(&spec("keep-desk", "auth \"iam\""));
    deploy_ready(&moto, &project, "keep-desk");

    // No container tool here: exit 2 with the way out.
    let no_tool = agentc_with(
        &[
            "deploy",
            &project.spec(),
            "--env",
            "dev",
            "--endpoint-url",
            &moto.endpoint,
            "--yes",
        ],
        "",
        &[("PATH", "/nonexistent")],
    )
    .expect(2);
    assert!(no_tool.stderr.contains("tag agentc-"), "{}", no_tool.stderr);
    assert!(
        no_tool.stderr.contains("error: no container tool found"),
        "{}",
        no_tool.stderr
    );
    assert!(no_tool.stderr.contains("--image-uri"), "{}", no_tool.stderr);

    let unconfirmed = run(&moto, "destroy", &project, &[]).expect(1);
    assert!(
        unconfirmed
            .stderr
            .contains("needs a confirmation, and stdin is not a terminal"),
        "{}",
        unconfirmed.stderr
    );
    assert!(
        unconfirmed
            .stderr
            .contains("kept on purpose: AuditBucket (AWS::S3::Bucket, DeletionPolicy Retain)")
    );

    let destroyed = run(&moto, "destroy", &project, &["--yes"]).expect(0);
    assert!(
        destroyed.stderr.contains("DELETE_COMPLETE"),
        "{}",
        destroyed.stderr
    );
    assert!(
        destroyed
            .stdout
            .starts_with("keep-desk-dev: deleted; kept on purpose:\n"),
        "{}",
        destroyed.stdout
    );
    for kept in [
        "AuditBucket (AWS::S3::Bucket)",
        "AuditKey (AWS::KMS::Key)",
        "AuditLogBucket (AWS::S3::Bucket)",
    ] {
        assert!(
            destroyed.stdout.contains(kept),
            "{kept} in {}",
            destroyed.stdout
        );
    }
    assert!(
        destroyed
            .stdout
            .contains("/aws/bedrock-agentcore/runtimes/"),
        "{}",
        destroyed.stdout
    );
    assert!(
        !destroyed.stdout.contains("EchoAgentRepository"),
        "the dev repository is not retained"
    );

    let status = run(&moto, "status", &project, &[]).expect(0);
    assert!(
        status.stdout.starts_with("keep-desk-dev: not deployed"),
        "{}",
        status.stdout
    );
    let again = run(&moto, "destroy", &project, &["--yes"]).expect(0);
    assert!(
        again.stdout.contains("nothing to destroy"),
        "{}",
        again.stdout
    );
}

#[test]
fn a_stack_agentc_did_not_create_is_never_touched() {
    let moto = Moto::start();
    let project = Project::new(&spec("other-desk", "auth \"iam\""));
    moto.fixture(&["stack", "other-desk-dev"]);
    for command in ["deploy", "destroy"] {
        let refused = run(
            &moto,
            command,
            &project,
            &["--yes", "--image-uri", "x"][..if command == "deploy" { 3 } else { 1 }],
        )
        .expect(1);
        assert!(
            refused
                .stderr
                .contains("exists but was not created by agentc"),
            "{command}: {}",
            refused.stderr
        );
    }
    let still = moto.fixture(&["template", "other-desk-dev"]);
    assert!(
        still["Resources"]["Topic"].is_object(),
        "the foreign stack is intact"
    );
}

#[test]
fn on_a_terminal_deploy_asks_first() {
    let moto = Moto::start();
    let project = Project::new(&spec("ask-desk", "auth \"iam\""));
    let spec_path = project.spec();
    let uri = format!("{}:v1", repository_uri("ask-desk"));
    let args = [
        "deploy",
        spec_path.as_str(),
        "--env",
        "dev",
        "--endpoint-url",
        &moto.endpoint,
        "--image-uri",
        &uri,
    ];

    let declined = agentc_tty("n", &args).expect(1);
    assert!(
        declined
            .stdout
            .contains("Deploy these changes to ask-desk-dev? [y/N]"),
        "{}",
        declined.stdout
    );
    assert!(
        declined
            .stdout
            .contains("not deployed: the changes were not confirmed"),
        "{}",
        declined.stdout
    );
    assert!(
        !declined.stdout.contains("CREATE_COMPLETE"),
        "{}",
        declined.stdout
    );

    let accepted = agentc_tty("y", &args).expect(1);
    assert!(
        accepted
            .stdout
            .contains("ok: ask-desk-dev: CREATE_COMPLETE"),
        "{}",
        accepted.stdout
    );
    assert!(
        accepted.stdout.contains("is not in the ECR repository"),
        "{}",
        accepted.stdout
    );
}
