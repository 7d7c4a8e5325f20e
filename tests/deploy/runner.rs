//! Running `agentc` for tests/deploy.rs: dummy credentials, no shared AWS config, no IMDS,
//! no colour, stdin given, a 90 s limit; to its end, in the background (for Ctrl-C), or in a
//! pseudo-terminal that answers its confirmation.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{python, root};

/// What `agentc` did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl Run {
    /// Assert the exit code, showing the output when it differs.
    pub fn expect(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// A running `agentc`.
pub struct Running {
    child: Child,
    start: Instant,
    out: std::thread::JoinHandle<String>,
    err: std::thread::JoinHandle<String>,
    label: String,
}

impl Running {
    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Wait for it (killed after 90 s).
    pub fn finish(mut self) -> Run {
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait for agentc") {
                break status;
            }
            if self.start.elapsed() > Duration::from_secs(90) {
                let _ = self.child.kill();
                panic!("agentc {} ran longer than 90 s", self.label);
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        Run {
            code: status.code().unwrap_or(-1),
            stdout: self.out.join().unwrap_or_default(),
            stderr: self.err.join().unwrap_or_default(),
            elapsed: self.start.elapsed(),
        }
    }
}

/// Start `agentc args…` with dummy credentials, no shared config, no IMDS, `stdin` as input,
/// and `extra` environment variables (an empty value removes the variable).
pub fn spawn_agentc(args: &[&str], stdin: &str, extra: &[(&str, &str)]) -> Running {
    spawn_in(
        Command::new(env!("CARGO_BIN_EXE_agentc")),
        args,
        stdin,
        extra,
    )
}

/// Run `agentc args…` in a pseudo-terminal (tests/tools/tty_run.py), answering its first
/// `[y/N]` question with `answer`; stdout and stderr both end up in `stdout`.
pub fn agentc_tty(answer: &str, args: &[&str]) -> Run {
    let mut command = Command::new(python());
    command
        .arg(root().join("tests/tools/tty_run.py"))
        .arg(answer)
        .arg(env!("CARGO_BIN_EXE_agentc"));
    spawn_in(command, args, "", &[]).finish()
}

fn spawn_in(mut command: Command, args: &[&str], stdin: &str, extra: &[(&str, &str)]) -> Running {
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy().into_owned();
        if key.starts_with("AWS_") || key.starts_with("AGENTC_") {
            command.env_remove(&key);
        }
    }
    let nowhere = std::env::temp_dir().join("agentc-deploy-tests-no-aws-config");
    command
        .args(args)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", &nowhere)
        .env("AWS_SHARED_CREDENTIALS_FILE", &nowhere)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    for (k, v) in extra {
        if v.is_empty() {
            command.env_remove(k);
        } else {
            command.env(k, v);
        }
    }
    let start = Instant::now();
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run agentc");
    {
        use std::io::Write;
        let mut input = child.stdin.take().unwrap();
        let _ = input.write_all(stdin.as_bytes());
    }
    let read = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = r.read_to_string(&mut s);
            s
        })
    };
    let out = read(Box::new(child.stdout.take().unwrap()));
    let err = read(Box::new(child.stderr.take().unwrap()));
    Running {
        child,
        start,
        out,
        err,
        label: format!("{args:?}"),
    }
}

/// Run `agentc args…` to its end (see [`spawn_agentc`]).
pub fn agentc_with(args: &[&str], stdin: &str, extra: &[(&str, &str)]) -> Run {
    spawn_agentc(args, stdin, extra).finish()
}

/// Run `agentc args…` (see [`agentc_with`]).
pub fn agentc(args: &[&str]) -> Run {
    agentc_with(args, "", &[])
}
