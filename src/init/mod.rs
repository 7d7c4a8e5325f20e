//! `agentc init [DIR]`: a starter spec and a working Strands agent, ready for `agentc check`.

use std::path::Path;

use crate::cli::InitArgs;
use crate::commands::Exit;

include!(concat!(env!("OUT_DIR"), "/agent_files.rs"));

/// The starter spec; `{{project}}` and `{{agent}}` are filled in.
const STARTER_SPEC: &str = include_str!("starter.kdl");

/// The spec's file name inside DIR.
pub(crate) const SPEC_FILE: &str = "agentc.kdl";

/// A project name from a folder name: lowercase letters, digits and `-`.
fn project_name(dir: &Path) -> String {
    let raw = std::fs::canonicalize(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let mut name: String = raw
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    name = name
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        name = format!("agent-{name}");
    }
    name.chars()
        .take(32)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned()
}

/// Every file `init` writes into a folder for project `project`: (path, contents).
pub(crate) fn files(project: &str) -> Vec<(String, String)> {
    let agent = format!("{}_agent", project.replace('-', "_"));
    let spec = STARTER_SPEC
        .replace("{{project}}", project)
        .replace("{{agent}}", &agent);
    std::iter::once((SPEC_FILE.to_owned(), spec))
        .chain(
            AGENT_FILES
                .iter()
                .map(|(p, t)| ((*p).to_owned(), (*t).to_owned())),
        )
        .collect()
}

pub(crate) fn run(args: &InitArgs) -> Exit {
    let dir = args.dir.as_deref().unwrap_or(Path::new("."));
    let project = args.name.clone().unwrap_or_else(|| project_name(dir));
    if let Err(why) = agentc_ir::ProjectName::new(project.clone()) {
        eprintln!("error: {why}; choose one with --name");
        return Exit::Failure;
    }
    let files = files(&project);
    let existing: Vec<&str> = files
        .iter()
        .map(|(p, _)| p.as_str())
        .filter(|p| dir.join(p).exists())
        .collect();
    if !existing.is_empty() && !args.force {
        eprintln!(
            "error: {} would overwrite {} existing file(s): {}\nnothing was written; pass --force to overwrite them",
            dir.display(),
            existing.len(),
            existing.join(", ")
        );
        return Exit::Failure;
    }
    for (rel, text) in &files {
        let path = dir.join(rel);
        if let Err(e) = crate::output::write_file(&path, text) {
            eprintln!("error: {e}");
            return Exit::Failure;
        }
        eprintln!("  wrote {}", path.display());
    }
    let spec = dir.join(SPEC_FILE);
    eprintln!(
        "\nproject `{project}` is ready. Next:\n  agentc check {spec}\n  agentc compile {spec} --target cfn --env dev -o {out}",
        spec = spec.display(),
        out = dir.join("out").display()
    );
    Exit::Clean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_agent_is_the_repositorys_agent() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for (rel, text) in AGENT_FILES {
            assert_eq!(
                std::fs::read_to_string(root.join(rel)).unwrap(),
                *text,
                "{rel} drifted"
            );
        }
        for must in [
            "agent/app.py",
            "agent/Dockerfile",
            "agent/requirements.txt",
            "agent/.dockerignore",
        ] {
            assert!(
                AGENT_FILES.iter().any(|(p, _)| *p == must),
                "{must} is not embedded"
            );
        }
    }

    #[test]
    fn project_names_from_folders_are_valid() {
        for dir in ["demo", "My Agent", "9lives", "a__b"] {
            let name = project_name(Path::new(dir));
            assert!(
                agentc_ir::ProjectName::new(name.clone()).is_ok(),
                "{dir} -> {name}"
            );
        }
    }
}
