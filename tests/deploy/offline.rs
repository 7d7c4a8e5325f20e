//! What needs no stand-in: exit 2 when agentc cannot run, the container tools' command lines
//! and the content-hash image tag.

use agentc_deploy::{BuildPlan, Tool, build_commands, hash_context};

use crate::support::{Project, agentc, agentc_with, spec};

#[test]
fn could_not_run_is_exit_2_with_the_reason() {
    let project = Project::new(&spec("lone-desk", "auth \"iam\""));
    let spec_path = project.spec();
    // Nothing listens on this port: retried (bounded), then "could not reach".
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let endpoint = format!("http://127.0.0.1:{closed}");
    let unreachable = agentc_with(
        &[
            "status",
            &spec_path,
            "--env",
            "dev",
            "--endpoint-url",
            &endpoint,
        ],
        "",
        &[("AWS_MAX_ATTEMPTS", "2")],
    )
    .expect(2);
    assert!(
        unreachable.stderr.contains(&format!(
            "sts:GetCallerIdentity: could not reach {endpoint}"
        )),
        "{}",
        unreachable.stderr
    );
    assert!(
        unreachable.stderr.contains("next: check the network"),
        "{}",
        unreachable.stderr
    );
    // No credentials anywhere.
    let bare = agentc_with(
        &[
            "status",
            &spec_path,
            "--env",
            "dev",
            "--endpoint-url",
            &endpoint,
        ],
        "",
        &[("AWS_ACCESS_KEY_ID", ""), ("AWS_SECRET_ACCESS_KEY", "")],
    )
    .expect(2);
    assert!(
        bare.stderr.contains("error: no AWS credentials"),
        "{}",
        bare.stderr
    );
    assert!(bare.stderr.contains("aws sso login"), "{}", bare.stderr);
    // A spec with errors never reaches AWS.
    project.write(
        "spec.kdl",
        &spec("lone-desk", "auth \"iam\"").replace("cost-center \"CC-0001\"", ""),
    );
    let broken = agentc(&[
        "deploy",
        &spec_path,
        "--env",
        "dev",
        "--endpoint-url",
        &endpoint,
        "--yes",
    ])
    .expect(1);
    assert!(broken.stderr.contains("has errors"), "{}", broken.stderr);
}

#[test]
fn container_tools_get_exact_command_lines() {
    let plan = BuildPlan {
        context: "specs/agent".into(),
        dockerfile: "specs/agent/Dockerfile".into(),
        image:
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/p/dev/a:agentc-0123456789abcdef01234567"
                .into(),
        platform: "linux/arm64".into(),
        registry: "123456789012.dkr.ecr.us-east-1.amazonaws.com".into(),
    };
    let lines = |tool| {
        build_commands(tool, &plan)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    };
    let login = |p: &str| {
        format!(
            "{p} login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com"
        )
    };
    assert_eq!(
        lines(Tool::Docker),
        [
            login("docker"),
            "docker buildx build --platform linux/arm64 --provenance=false --file specs/agent/Dockerfile --tag \
             123456789012.dkr.ecr.us-east-1.amazonaws.com/p/dev/a:agentc-0123456789abcdef01234567 --push specs/agent"
                .to_owned(),
        ]
    );
    for (tool, p) in [(Tool::Finch, "finch"), (Tool::Podman, "podman")] {
        assert_eq!(
            lines(tool),
            [
                login(p),
                format!(
                    "{p} build --platform linux/arm64 --file specs/agent/Dockerfile --tag \
                     123456789012.dkr.ecr.us-east-1.amazonaws.com/p/dev/a:agentc-0123456789abcdef01234567 specs/agent"
                ),
                format!(
                    "{p} push 123456789012.dkr.ecr.us-east-1.amazonaws.com/p/dev/a:agentc-0123456789abcdef01234567"
                ),
            ]
        );
    }
    assert!(
        build_commands(Tool::Podman, &plan)[0].password_stdin,
        "the ECR password goes to stdin, never argv"
    );
    assert!(!build_commands(Tool::Podman, &plan)[1].password_stdin);
}

#[test]
fn the_image_tag_is_a_content_hash_of_the_build_context() {
    let project = Project::new(&spec("hash-desk", "auth \"iam\""));
    let context = project.dir.join("agent");
    let dockerfile = context.join("Dockerfile");
    project.write(
        "agent/.dockerignore",
        "**/__pycache__\ntests\n*.md\n!KEEP.md\n",
    );
    let tag = || {
        hash_context(&context, &dockerfile, "linux/arm64")
            .unwrap()
            .tag
    };
    let first = tag();
    assert!(first.starts_with("agentc-") && first.len() == 31, "{first}");
    assert_eq!(tag(), first, "same context, same tag");

    // Ignored files change nothing.
    std::fs::create_dir_all(context.join("__pycache__")).unwrap();
    project.write("agent/__pycache__/app.cpython-312.pyc", "bytes");
    std::fs::create_dir_all(context.join("tests")).unwrap();
    project.write("agent/tests/test_app.py", "def test(): pass\n");
    project.write("agent/NOTES.md", "notes");
    assert_eq!(tag(), first, "ignored files do not count");

    // One byte, a re-included file, the Dockerfile or the platform: a new tag.
    project.write("agent/app.py", "print('hellO')\n");
    let changed = tag();
    assert_ne!(changed, first);
    project.write("agent/app.py", "print('hello')\n");
    assert_eq!(tag(), first, "back to the same bytes, back to the same tag");
    project.write("agent/KEEP.md", "kept");
    assert_ne!(tag(), first, "`!KEEP.md` re-includes it");
    std::fs::remove_file(context.join("KEEP.md")).unwrap();
    project.write("agent/Dockerfile", "FROM python:3.13-slim\nCOPY . /app\n");
    assert_ne!(tag(), first);
    assert_ne!(
        hash_context(&context, &dockerfile, "linux/amd64")
            .unwrap()
            .tag,
        tag()
    );
}
