//! The user's container tool: which one (docker with buildx, finch or podman), the exact
//! command lines that log in to ECR, build for linux/arm64 and push (a pure function, so tests
//! can check them), and running them with the build output on stderr.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::AsyncWriteExt;

use crate::error::{Failure, Result};

/// A container tool agentc can drive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// `docker buildx`.
    Docker,
    /// AWS's finch.
    Finch,
    /// podman.
    Podman,
}

impl Tool {
    /// Every tool, in the order they are looked for.
    pub const ALL: [Tool; 3] = [Tool::Docker, Tool::Finch, Tool::Podman];

    /// The program's name.
    pub fn program(self) -> &'static str {
        match self {
            Tool::Docker => "docker",
            Tool::Finch => "finch",
            Tool::Podman => "podman",
        }
    }

    /// From its name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.program() == name)
    }

    /// The command that proves the tool can build (docker: buildx must be there).
    fn probe(self) -> Vec<&'static str> {
        match self {
            Tool::Docker => vec!["buildx", "version"],
            Tool::Finch | Tool::Podman => vec!["version"],
        }
    }
}

/// What to build and where to push it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildPlan {
    /// The build context folder.
    pub context: PathBuf,
    /// The Dockerfile.
    pub dockerfile: PathBuf,
    /// `REPOSITORY_URI:TAG`.
    pub image: String,
    /// `linux/arm64`.
    pub platform: String,
    /// The registry host (`123456789012.dkr.ecr.us-east-1.amazonaws.com`).
    pub registry: String,
}

/// One command: program, arguments, and whether the ECR password goes to its stdin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandLine {
    /// The program.
    pub program: String,
    /// Its arguments.
    pub args: Vec<String>,
    /// Feed the registry password on stdin (`--password-stdin`).
    pub password_stdin: bool,
}

impl std::fmt::Display for CommandLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.program)?;
        for a in &self.args {
            if a.contains(' ') {
                write!(f, " '{a}'")?
            } else {
                write!(f, " {a}")?
            }
        }
        Ok(())
    }
}

/// The login, build and push commands of `tool` for `plan`. Docker builds and pushes in one
/// buildx call (no provenance attestation: the pushed tag is a plain image manifest, which
/// AgentCore wants); finch and podman build, then push.
pub fn build_commands(tool: Tool, plan: &BuildPlan) -> Vec<CommandLine> {
    let program = tool.program().to_owned();
    let line = |args: Vec<String>, password_stdin| CommandLine {
        program: program.clone(),
        args,
        password_stdin,
    };
    let s = |v: &[&str]| v.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>();
    let context = plan.context.to_string_lossy().into_owned();
    let dockerfile = plan.dockerfile.to_string_lossy().into_owned();
    let login = line(
        s(&[
            "login",
            "--username",
            "AWS",
            "--password-stdin",
            &plan.registry,
        ]),
        true,
    );
    match tool {
        Tool::Docker => vec![
            login,
            line(
                s(&[
                    "buildx",
                    "build",
                    "--platform",
                    &plan.platform,
                    "--provenance=false",
                    "--file",
                    &dockerfile,
                    "--tag",
                    &plan.image,
                    "--push",
                    &context,
                ]),
                false,
            ),
        ],
        Tool::Finch | Tool::Podman => vec![
            login,
            line(
                s(&[
                    "build",
                    "--platform",
                    &plan.platform,
                    "--file",
                    &dockerfile,
                    "--tag",
                    &plan.image,
                    &context,
                ]),
                false,
            ),
            line(s(&["push", &plan.image]), false),
        ],
    }
}

/// Whether `tool` is installed and can build (bounded to 15 s).
async fn available(tool: Tool) -> bool {
    let probe = tokio::process::Command::new(tool.program())
        .args(tool.probe())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .status();
    matches!(tokio::time::timeout(Duration::from_secs(15), probe).await, Ok(Ok(status)) if status.success())
}

/// The tool to use: the one asked for (it must work), else the first that does.
pub(crate) async fn choose(asked: Option<Tool>) -> Result<Tool> {
    if let Some(tool) = asked {
        return if available(tool).await {
            Ok(tool)
        } else {
            Err(Failure::could_not_run(format!(
                "`{} {}` does not run here",
                tool.program(),
                tool.probe().join(" ")
            ))
            .next("install it (docker needs the buildx plugin), choose another with --builder, or deploy a pre-built image with --image-uri"))
        };
    }
    for tool in Tool::ALL {
        if available(tool).await {
            return Ok(tool);
        }
    }
    Err(Failure::could_not_run("no container tool found to build the image (looked for docker with buildx, finch and podman)")
        .next("install one of them, or push the image yourself and deploy it with --image-uri REPOSITORY_URI:TAG"))
}

/// Run `commands` in order, with their output on stderr; the password goes to the stdin of
/// the command that asks for it.
pub(crate) async fn run(commands: &[CommandLine], password: &str) -> Result<()> {
    for command in commands {
        crate::ui::detail(&format!("$ {command}"));
        let stdout = std::io::stderr().as_fd_stdio();
        let mut child = tokio::process::Command::new(&command.program)
            .args(&command.args)
            .stdin(if command.password_stdin {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(stdout)
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| {
                Failure::could_not_run(format!("cannot run `{}`: {e}", command.program))
            })?;
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(password.as_bytes()).await;
            drop(stdin);
        }
        let status = child.wait().await.map_err(|e| {
            Failure::could_not_run(format!("`{}` failed to run: {e}", command.program))
        })?;
        if !status.success() {
            let what = command.args.first().map_or("", String::as_str);
            let hint = match what {
                "login" => "check that the container engine is running and can reach the registry",
                "push" => {
                    "check the network and that the repository exists (the first deploy creates it)"
                }
                _ => {
                    "see the build output above; is the container engine running, and can it build linux/arm64 (QEMU/binfmt)?"
                }
            };
            return Err(Failure::failed(format!("`{command}` failed ({status})")).next(hint));
        }
    }
    Ok(())
}

/// stderr as a child's stdout (so stdout stays for results).
trait AsStdio {
    fn as_fd_stdio(&self) -> Stdio;
}

impl AsStdio for std::io::Stderr {
    #[cfg(unix)]
    fn as_fd_stdio(&self) -> Stdio {
        use std::os::fd::AsFd;
        self.as_fd()
            .try_clone_to_owned()
            .map_or_else(|_| Stdio::inherit(), Stdio::from)
    }

    #[cfg(not(unix))]
    fn as_fd_stdio(&self) -> Stdio {
        Stdio::inherit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tools_parse_by_name() {
        assert_eq!(Tool::parse("podman"), Some(Tool::Podman));
        assert_eq!(Tool::parse("nerdctl"), None);
    }
}
