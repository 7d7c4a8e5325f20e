//! Terminal output: steps, warnings and errors go to stderr (colour only on a terminal with
//! NO_COLOR unset); confirmations read a line from a terminal and refuse to guess otherwise;
//! Ctrl-C is caught once and observed by every wait.

use std::io::{IsTerminal, Write};
use std::sync::OnceLock;
use std::time::Duration;

use tokio::sync::watch;

use crate::error::{Failure, Result};

fn color() -> bool {
    static COLOR: OnceLock<bool> = OnceLock::new();
    *COLOR.get_or_init(|| std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none())
}

fn paint(code: &str, text: &str) -> String {
    if color() {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

/// `==> what` (a step of the command).
pub(crate) fn step(text: &str) {
    eprintln!("{} {text}", paint("1;34", "==>"));
}

/// An indented detail line.
pub(crate) fn detail(text: &str) {
    eprintln!("    {text}");
}

/// `warning: …`, loud.
pub(crate) fn warn(text: &str) {
    eprintln!("{} {text}", paint("1;33", "warning:"));
}

/// A block starting with `error:` in red.
pub(crate) fn error_block(text: &str) {
    match text.strip_prefix("error:") {
        Some(rest) => eprintln!("{}{rest}", paint("1;31", "error:")),
        None => eprintln!("{text}"),
    }
}

/// `ok: …` in green.
pub(crate) fn ok(text: &str) {
    eprintln!("{} {text}", paint("1;32", "ok:"));
}

/// `1m 05s`, `12s`.
pub(crate) fn elapsed(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 60 {
        format!("{}m {:02}s", s / 60, s % 60)
    } else {
        format!("{s}s")
    }
}

/// Ask `question` (y/N) on a terminal; `yes` answers it. Without a terminal and without
/// `yes`, refuse: a pipeline must say `--yes` to change a stack.
pub(crate) async fn confirm(question: &str, yes: bool, cancel: &Cancel) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure::failed(format!(
            "{question} needs a confirmation, and stdin is not a terminal"
        ))
        .next("run again with --yes to confirm without a prompt"));
    }
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let read = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map(|_| line)
    });
    let mut cancel = cancel.clone();
    tokio::select! {
        line = read => match line {
            Ok(Ok(line)) => Ok(matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes")),
            _ => Ok(false),
        },
        () = cancel.cancelled() => {
            eprintln!();
            Ok(false)
        }
    }
}

/// Ctrl-C, caught: the first one is seen by every clone; the process is not killed, so each
/// wait can stop and say how to pick up again.
#[derive(Debug, Clone)]
pub(crate) struct Cancel(watch::Receiver<bool>);

impl Cancel {
    /// Catch Ctrl-C from now on (needs the tokio runtime).
    pub fn install() -> Self {
        let (tx, rx) = watch::channel(false);
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                let _ = tx.send(true);
                // Keep the sender alive so receivers never see a closed channel.
                std::future::pending::<()>().await;
            }
        });
        Self(rx)
    }

    /// Whether Ctrl-C was pressed.
    pub fn is_cancelled(&self) -> bool {
        *self.0.borrow()
    }

    /// Resolves when Ctrl-C is pressed (never, if it is not).
    pub async fn cancelled(&mut self) {
        if self.0.wait_for(|c| *c).await.is_err() {
            std::future::pending::<()>().await;
        }
    }

    /// Sleep for `d`; `false` when Ctrl-C cut it short.
    pub async fn sleep(&self, d: Duration) -> bool {
        let mut me = self.clone();
        tokio::select! {
            () = tokio::time::sleep(d) => !self.is_cancelled(),
            () = me.cancelled() => false,
        }
    }
}

/// Run `work`; if Ctrl-C is pressed and `work` has not wound itself up 3 s later (an AWS call
/// in flight), give up on it with `interrupted` instead.
pub(crate) async fn interruptible<T>(
    cancel: &Cancel,
    work: impl std::future::Future<Output = Result<T>>,
    interrupted: impl FnOnce() -> Failure,
) -> Result<T> {
    let mut watcher = cancel.clone();
    tokio::select! {
        result = work => result,
        () = async {
            watcher.cancelled().await;
            tokio::time::sleep(Duration::from_secs(3)).await;
        } => Err(interrupted()),
    }
}

/// Poll intervals: 1 s, growing by half up to `max`.
#[derive(Debug, Clone)]
pub(crate) struct Backoff {
    next: Duration,
    max: Duration,
}

impl Backoff {
    /// Start at `first`, never above `max`.
    pub fn new(first: Duration, max: Duration) -> Self {
        Self { next: first, max }
    }

    /// The next interval.
    pub fn next_delay(&mut self) -> Duration {
        let d = self.next;
        self.next = (self.next * 3 / 2).min(self.max);
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ctrl-C (SIGINT to this test process) cuts a wait short instead of killing the process;
    /// the wait reports it, so a deploy can say how to pick up again.
    #[cfg(unix)]
    #[test]
    fn ctrl_c_cuts_a_wait_short() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let cancel = Cancel::install();
            // Let the handler task run once, so the handler is in place before the signal.
            tokio::time::sleep(Duration::from_millis(100)).await;
            assert!(!cancel.is_cancelled());
            let pid = std::process::id().to_string();
            let sent = std::process::Command::new("kill")
                .args(["-INT", &pid])
                .status()
                .unwrap();
            assert!(sent.success());
            let start = std::time::Instant::now();
            assert!(
                !cancel.sleep(Duration::from_secs(30)).await,
                "the wait reports the interruption"
            );
            assert!(start.elapsed() < Duration::from_secs(10));
            assert!(cancel.is_cancelled());
            assert!(
                !cancel.sleep(Duration::from_secs(30)).await,
                "and keeps reporting it"
            );
        });
    }

    #[test]
    fn backoff_grows_to_its_ceiling() {
        let mut b = Backoff::new(Duration::from_secs(1), Duration::from_secs(2));
        let seq: Vec<_> = (0..4).map(|_| b.next_delay().as_millis()).collect();
        assert_eq!(seq, [1000, 1500, 2000, 2000]);
        assert_eq!(elapsed(Duration::from_secs(65)), "1m 05s");
        assert_eq!(elapsed(Duration::from_secs(9)), "9s");
    }
}
