//! Helpers of tests/deploy.rs: moto's server and the data-plane stand-in as child processes
//! on 127.0.0.1 (killed on drop), fixtures put into moto with boto3, temporary projects, and
//! running `agentc` with dummy credentials and a time limit.

pub use crate::runner::{Run, agentc, agentc_tty, agentc_with, spawn_agentc};

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The moto venv's Python, or a failure that says how to install it (never a skip).
pub fn python() -> PathBuf {
    let tools = std::env::var_os("AGENTC_TOOLS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME is not set"))
                .join(".cache/agentc/tools")
        });
    let python = tools.join("venv-moto/bin/python");
    let server = tools.join("venv-moto/bin/moto_server");
    assert!(
        python.exists() && server.exists(),
        "moto is not installed at {}: run `scripts/setup/python-tools.sh moto` (the deploy tests need its server)",
        tools.join("venv-moto").display()
    );
    python
}

/// A child process killed when dropped.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Spawn `python script args…` and wait (bounded) for its first stdout line starting with
/// `ready`; the rest of stdout is collected.
fn spawn_ready(script: &str, args: &[String]) -> (Guard, String, Arc<Mutex<Vec<String>>>) {
    let mut child = Command::new(python())
        .arg(root().join("tests/tools").join(script))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {script}: {e}"));
    let stdout = child.stdout.take().expect("stdout is piped");
    let guard = Guard(child);
    let lines = Arc::new(Mutex::new(Vec::new()));
    let (tx, rx) = mpsc::channel();
    let collected = Arc::clone(&lines);
    std::thread::spawn(move || {
        let mut ready = Some(tx);
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            match ready.take() {
                Some(tx) if line.starts_with("ready") => {
                    let _ = tx.send(line);
                }
                other => {
                    ready = other;
                    collected.lock().unwrap().push(line);
                }
            }
        }
    });
    let line = rx
        .recv_timeout(Duration::from_secs(40))
        .unwrap_or_else(|_| panic!("{script} did not start within 40 s"));
    (guard, line, lines)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// moto's server (tests/tools/moto_server.py) on a free loopback port.
pub struct Moto {
    _guard: Guard,
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
}

impl Moto {
    pub fn start() -> Self {
        let port = free_port();
        let (guard, _, _) = spawn_ready("moto_server.py", &[port.to_string()]);
        Self {
            _guard: guard,
            endpoint: format!("http://127.0.0.1:{port}"),
        }
    }

    /// Run tests/tools/moto_fixture.py; its JSON answer.
    pub fn fixture(&self, args: &[&str]) -> serde_json::Value {
        let out = Command::new(python())
            .arg(root().join("tests/tools/moto_fixture.py"))
            .arg(&self.endpoint)
            .args(args)
            .output()
            .expect("run moto_fixture.py");
        assert!(
            out.status.success(),
            "moto_fixture.py {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("moto_fixture.py prints JSON")
    }
}

/// The data-plane stand-in (tests/tools/data_plane.py), or the fault proxy.
pub struct DataPlane {
    _guard: Guard,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    lines: Arc<Mutex<Vec<String>>>,
}

impl DataPlane {
    pub fn start(args: &[&str]) -> Self {
        let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        let (guard, ready, lines) = spawn_ready("data_plane.py", &args);
        let port = ready.trim_start_matches("ready ").trim();
        Self {
            _guard: guard,
            url: format!("http://127.0.0.1:{port}"),
            lines,
        }
    }

    /// tests/tools/fault_proxy.py in front of `upstream` with `args` (`--throttle N`, `--hold ACTION`).
    pub fn fault_proxy(upstream: &str, args: &[&str]) -> Self {
        let mut all = vec!["--upstream".to_owned(), upstream.to_owned()];
        all.extend(args.iter().map(|a| (*a).to_owned()));
        let args = all;
        let (guard, ready, lines) = spawn_ready("fault_proxy.py", &args);
        let port = ready.trim_start_matches("ready ").trim();
        Self {
            _guard: guard,
            url: format!("http://127.0.0.1:{port}"),
            lines,
        }
    }

    /// The stand-in's log: one `request N: …` line per request.
    pub fn requests(&self) -> Vec<String> {
        // Lines are written before the answer is flushed; give the reader thread a moment.
        std::thread::sleep(Duration::from_millis(100));
        self.lines.lock().unwrap().clone()
    }
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A spec and its agent folder in a temporary folder, removed on drop.
pub struct Project {
    pub dir: PathBuf,
}

impl Project {
    /// `spec.kdl` with `spec`, and `agent/` with app.py, requirements.txt and a Dockerfile.
    pub fn new(spec: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "agentc-deploy-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("agent")).unwrap();
        std::fs::write(dir.join("spec.kdl"), spec).unwrap();
        std::fs::write(dir.join("agent/app.py"), "print('hello')\n").unwrap();
        std::fs::write(dir.join("agent/requirements.txt"), "fastapi==0.121.0\n").unwrap();
        std::fs::write(
            dir.join("agent/Dockerfile"),
            "FROM python:3.12-slim\nCOPY . /app\n",
        )
        .unwrap();
        Self { dir }
    }

    pub fn spec(&self) -> String {
        self.dir.join("spec.kdl").to_string_lossy().into_owned()
    }

    pub fn write(&self, relative: &str, text: &str) {
        std::fs::write(self.dir.join(relative), text).unwrap();
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A spec for project `name`: one agent, public network, CloudTrail (whose buckets and key
/// are retained), and `auth` as given.
pub fn spec(name: &str, auth: &str) -> String {
    format!(
        r#"project "{name}" {{
    owner "platform-team"
    cost-center "CC-0001"
    region "us-east-1"
}}

agent "echo_agent" {{
    entrypoint "agent/app.py"
    requirements "agent/requirements.txt"
    model "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
    env GREETING="hello"
}}

network "public"
{auth}

observability {{
    log-retention-days 30
}}

audit {{
    cloudtrail #true
}}

environment "dev"
"#
    )
}

/// The repository URI moto gives `{project}/dev/echo_agent`.
pub fn repository_uri(project: &str) -> String {
    format!("123456789012.dkr.ecr.us-east-1.amazonaws.com/{project}/dev/echo_agent")
}

/// `agentc CMD SPEC --env dev --endpoint-url MOTO EXTRA…`.
pub fn run(moto: &Moto, command: &str, project: &Project, extra: &[&str]) -> Run {
    let spec = project.spec();
    let mut args = vec![
        command,
        spec.as_str(),
        "--env",
        "dev",
        "--endpoint-url",
        moto.endpoint.as_str(),
    ];
    args.extend_from_slice(extra);
    agentc(&args)
}

/// First deploy (the stack and repository; the image is not there yet), push the image, deploy
/// it. The runtime is created through the control plane, as CloudFormation would on AWS.
pub fn deploy_ready(moto: &Moto, project: &Project, name: &str) -> Run {
    moto.fixture(&["runtime", "echo_agent_dev"]);
    let uri = format!("{}:v1", repository_uri(name));
    let first = run(moto, "deploy", project, &["--yes", "--image-uri", &uri]).expect(1);
    assert!(first.stderr.contains("first deploy of"), "{}", first.stderr);
    assert!(
        first.stderr.contains("is not in the ECR repository"),
        "{}",
        first.stderr
    );
    moto.fixture(&["image", &format!("{name}/dev/echo_agent"), "v1"]);
    run(moto, "deploy", project, &["--yes", "--image-uri", &uri]).expect(0)
}
