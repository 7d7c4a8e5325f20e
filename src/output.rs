//! Writing to stdout without panicking when the reader has gone (`agentc explain --list | head`).

use std::io::Write;

/// Write `text` to stdout. A closed pipe ends the process quietly (the reader has what it
/// wanted); any other write error is reported and exits 2.
pub(crate) fn stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write to stdout: {e}");
        std::process::exit(2);
    }
}
