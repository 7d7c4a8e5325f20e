//! `agentc init`: writes a spec and the agent that check clean, refuses to overwrite without
//! `--force`, and the written agent's own tests pass where it was written.

use std::path::{Path, PathBuf};
use std::process::Command;

fn agentc(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_agentc"));
    c.current_dir(dir);
    c
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("agentc-init-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn init_writes_a_project_that_checks_clean_and_never_overwrites_by_accident() {
    let root = scratch("clean");
    let out = agentc(&root).args(["init", "demo"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("wrote demo/agentc.kdl"), "{stderr}");
    assert!(root.join("demo/agent/Dockerfile").is_file());
    let spec = std::fs::read_to_string(root.join("demo/agentc.kdl")).unwrap();
    assert!(spec.contains("project \"demo\""), "{spec}");

    let check = agentc(&root).args(["check", "demo"]).output().unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    std::fs::write(root.join("demo/agent/app.py"), "# mine\n").unwrap();
    let again = agentc(&root).args(["init", "demo"]).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(root.join("demo/agent/app.py")).unwrap(),
        "# mine\n",
        "nothing is overwritten"
    );

    let forced = agentc(&root)
        .args(["init", "demo", "--force"])
        .output()
        .unwrap();
    assert!(forced.status.success());
    assert_ne!(
        std::fs::read_to_string(root.join("demo/agent/app.py")).unwrap(),
        "# mine\n"
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn init_refuses_a_name_that_cannot_be_a_project() {
    let root = scratch("badname");
    let out = agentc(&root)
        .args(["init", "x", "--name", "Bad Name"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!root.join("x/agentc.kdl").exists());
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn the_written_agents_tests_pass_where_it_was_written() {
    let tools = std::env::var_os("AGENTC_TOOLS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cache/agentc/tools")
        });
    let python = tools.join("venv-agent/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run scripts/setup.sh",
        python.display()
    );
    let root = scratch("pytest");
    assert!(
        agentc(&root)
            .args(["init", "demo"])
            .status()
            .unwrap()
            .success()
    );
    // The HTTP contract and error tests: they start the written server on loopback.
    let out = Command::new(&python)
        .current_dir(root.join("demo"))
        .args([
            "-m",
            "pytest",
            "-q",
            "-c",
            "agent/pyproject.toml",
            "--rootdir",
            "agent",
            "agent/tests/test_contract.py",
            "agent/tests/test_errors.py",
        ])
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("passed"));
    let _ = std::fs::remove_dir_all(&root);
}
