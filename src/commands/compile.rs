//! `agentc compile SPEC --target T --env E [-o DIR]`: check, then write one environment's
//! infrastructure. Nothing is written while an error stands.

use std::path::{Component, Path, PathBuf};

use agentc_diagnostics::render::FileReport;
use agentc_ir::{Artifact, EmitOptions};
use agentc_sema::EnvSelection;

use super::Exit;
use crate::cli::{CompileArgs, Target};
use crate::pipeline::{check_file, print_reports};

pub(super) fn run(args: &CompileArgs) -> Exit {
    // With no --env, a spec that declares exactly one environment compiles that one.
    let first = check_file(
        &args.spec,
        args.env
            .as_deref()
            .map_or(EnvSelection::All, EnvSelection::One),
    );
    let env = match (&args.env, first.analysis.environments.as_slice()) {
        (Some(env), _) => env.clone(),
        (None, [only]) => only.clone(),
        (None, []) => String::new(),
        (None, many) => {
            print_reports(std::slice::from_ref(&first.report), &args.report);
            eprintln!(
                "error: the spec declares several environments ({}); choose one with --env",
                many.join(", ")
            );
            return Exit::Failure;
        }
    };
    let checked = if args.env.is_some() || env.is_empty() {
        first
    } else {
        check_file(&args.spec, EnvSelection::One(&env))
    };
    print_reports(std::slice::from_ref(&checked.report), &args.report);
    if checked.could_not_run {
        return Exit::Failure;
    }
    let Some(deployment) = checked.analysis.deployments.first() else {
        eprintln!(
            "error: `{}` has errors; nothing was written",
            checked.report.file.name()
        );
        return Exit::Findings;
    };
    let options = EmitOptions {
        spec_dir: spec_dir_from(args.out.as_deref(), &args.spec),
    };
    let artifact = match crate::backends::emit(args.target, deployment, &options) {
        Ok(artifact) => artifact,
        Err(diagnostics) => {
            let report = FileReport {
                file: checked.report.file.clone(),
                diagnostics,
            };
            print_reports(&[report], &args.report);
            eprintln!(
                "error: the {:?} backend cannot express this spec; nothing was written",
                args.target
            );
            return Exit::Findings;
        }
    };
    match &args.out {
        Some(out) => write_all(out, &artifact),
        None => match (args.target, artifact.files.len()) {
            (Target::Cfn, 1) => {
                for text in artifact.files.values() {
                    crate::output::stdout(text);
                }
                Exit::Clean
            }
            _ => {
                eprintln!(
                    "error: the {:?} backend writes several files: give a folder with -o",
                    args.target
                );
                Exit::Failure
            }
        },
    }
}

fn write_all(out: &Path, artifact: &Artifact) -> Exit {
    for (relative, text) in &artifact.files {
        if let Err(e) = crate::output::write_file(&out.join(relative), text) {
            eprintln!("error: {e}");
            return Exit::Failure;
        }
    }
    eprintln!(
        "wrote {} file(s) to {}",
        artifact.files.len(),
        out.display()
    );
    Exit::Clean
}

/// The spec's folder as seen from the output folder, `/`-separated, so emitted apps can find
/// the agent's build context wherever they are written.
fn spec_dir_from(out: Option<&Path>, spec: &Path) -> String {
    let absolute = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        normalize(&p)
    };
    let spec_dir = absolute(spec.parent().unwrap_or(Path::new(".")));
    let out = absolute(out.unwrap_or(Path::new(".")));
    relative(&out, &spec_dir)
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> =
        std::iter::repeat_n("..".to_owned(), from.len() - common).collect();
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_between_folders() {
        assert_eq!(
            relative(Path::new("/r/out"), Path::new("/r/specs")),
            "../specs"
        );
        assert_eq!(relative(Path::new("/r"), Path::new("/r/specs")), "specs");
        assert_eq!(relative(Path::new("/r/a/b"), Path::new("/r/a/b")), ".");
    }
}
