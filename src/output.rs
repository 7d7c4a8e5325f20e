//! Output: stdout that survives a closed pipe (`agentc explain --list | head`), and files.

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

/// Write `text` to `path`, creating its folders; shell scripts (`*.sh`) are made executable.
pub(crate) fn write_file(path: &std::path::Path, text: &str) -> Result<(), String> {
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(path, text));
    #[cfg(unix)]
    let written = written.and_then(|()| {
        use std::os::unix::fs::PermissionsExt;
        if path.extension().is_some_and(|e| e == "sh") {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        } else {
            Ok(())
        }
    });
    written.map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}
