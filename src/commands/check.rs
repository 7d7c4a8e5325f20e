//! `agentc check [PATH…]`: every finding of every spec, offline.

use std::path::{Path, PathBuf};

use agentc_sema::EnvSelection;

use super::Exit;
use crate::cli::{CheckArgs, Format};
use crate::pipeline::{check_file, print_reports};

/// Folders never searched for specs.
const SKIPPED_DIRS: &[&str] = &["node_modules", "target", "cdk.out", ".terraform"];

/// The `*.kdl` files under `paths` (files as given; folders walked, hidden folders skipped),
/// sorted so the report order is stable.
fn spec_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let walker = walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    let name = e.file_name().to_string_lossy();
                    e.depth() == 0
                        || !(e.file_type().is_dir()
                            && (name.starts_with('.') || SKIPPED_DIRS.contains(&name.as_ref())))
                });
            for entry in walker {
                let entry = entry.map_err(|e| format!("cannot walk `{}`: {e}", path.display()))?;
                if entry.file_type().is_file()
                    && entry.path().extension().is_some_and(|x| x == "kdl")
                {
                    files.push(strip_dot(entry.path()));
                }
            }
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// `./specs/a.kdl` → `specs/a.kdl`, so names read as the user would write them.
fn strip_dot(path: &Path) -> PathBuf {
    path.strip_prefix(".")
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

pub(super) fn run(args: &CheckArgs) -> Exit {
    let files = match spec_files(&args.paths) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Failure;
        }
    };
    if files.is_empty() {
        eprintln!("error: no `*.kdl` spec found (give a file or a folder that holds one)");
        return Exit::Failure;
    }
    let selection = args
        .env
        .as_deref()
        .map_or(EnvSelection::All, EnvSelection::One);
    let checked: Vec<_> = files.iter().map(|f| check_file(f, selection)).collect();
    let (errors, warnings) = checked
        .iter()
        .fold((0, 0), |(e, w), c| (e + c.errors(), w + c.warnings()));
    let reports: Vec<_> = checked.iter().map(|c| c.report.clone()).collect();
    print_reports(&reports, &args.report);
    if args.report.format == Format::Human {
        let files = match checked.len() {
            1 => "1 spec".to_owned(),
            n => format!("{n} specs"),
        };
        eprintln!("checked {files}: {errors} error(s), {warnings} warning(s)");
    }
    if checked.iter().any(|c| c.could_not_run) {
        Exit::Failure
    } else if errors > 0 || (args.deny_warnings && warnings > 0) {
        Exit::Findings
    } else {
        Exit::Clean
    }
}
