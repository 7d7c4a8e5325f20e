//! The front half every command shares: read a spec file, parse it, analyse it, and print the
//! findings in the format asked for.

use std::io::{IsTerminal, Read};
use std::path::Path;

use agentc_diagnostics::render::{
    FileReport, HumanOptions, render_human, render_json, render_sarif,
};
use agentc_diagnostics::{Code, Diagnostic, Diagnostics, Severity, SourceFile};
use agentc_sema::{Analysis, EnvSelection};

use crate::cli::{Color, Format, ReportArgs};

/// A spec larger than this is not a spec; refusing it keeps memory and time bounded.
const MAX_SPEC_BYTES: u64 = 1024 * 1024;

/// One spec file, checked.
pub(crate) struct Checked {
    /// The findings, sorted.
    pub report: FileReport,
    /// The deployments of the environments without errors.
    pub analysis: Analysis,
    /// The file could not be read or decoded at all (exit 2 territory).
    pub could_not_run: bool,
}

impl Checked {
    /// Errors among the findings.
    pub fn errors(&self) -> usize {
        self.report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Warnings among the findings.
    pub fn warnings(&self) -> usize {
        self.report.diagnostics.len() - self.errors()
    }
}

/// The path as the user wrote it, with `/` separators (stable in golden files).
pub(crate) fn display_name(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn read(path: &Path) -> Result<SourceFile, Box<Diagnostic>> {
    let name = display_name(path);
    let unreadable = |e: std::io::Error| {
        Box::new(
            Diagnostic::new(Code::IoUnreadable, format!("cannot read `{name}`: {e}"))
                .help("check the path and its permissions"),
        )
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(MAX_SPEC_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_SPEC_BYTES {
        return Err(Box::new(Diagnostic::new(
            Code::IoTooLarge,
            format!("`{name}` is larger than {} KiB", MAX_SPEC_BYTES / 1024),
        )
        .help(
            "a spec describes one deployment; split it, or check that this is the file you meant",
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        Box::new(
            Diagnostic::new(
                Code::IoNotUtf8,
                format!(
                    "`{name}` is not UTF-8 text (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            )
            .help("KDL files are UTF-8; re-save the file as UTF-8"),
        )
    })?;
    Ok(SourceFile::new(name, text))
}

/// Read, parse and analyse `path` for `selection`.
pub(crate) fn check_file(path: &Path, selection: EnvSelection<'_>) -> Checked {
    let file = match read(path) {
        Ok(file) => file,
        Err(diagnostic) => {
            let could_not_run = matches!(diagnostic.code, Code::IoUnreadable);
            return Checked {
                report: FileReport {
                    file: SourceFile::new(display_name(path), ""),
                    diagnostics: vec![*diagnostic],
                },
                analysis: Analysis::default(),
                could_not_run,
            };
        }
    };
    let mut diags = Diagnostics::new();
    let mut analysis = Analysis::default();
    if let Some(spec) = agentc_syntax::parse(&file, &mut diags) {
        let spec_dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        analysis = agentc_sema::analyze(&spec, spec_dir, selection, &mut diags);
    }
    let could_not_run = diags
        .iter()
        .any(|d| d.code == Code::EnvUnknown && d.primary.is_none());
    let name = file.name().to_owned();
    let diagnostics = diags
        .into_sorted()
        .into_iter()
        .map(|d| match d.primary {
            // A finding about the command line (an unknown --env) names the spec it concerns.
            None if d.code == Code::EnvUnknown => d.note(format!("in {name}")),
            _ => d,
        })
        .collect();
    Checked {
        report: FileReport { file, diagnostics },
        analysis,
        could_not_run,
    }
}

/// Print the findings of `reports` as `args` asks: human to stderr, JSON and SARIF to stdout.
pub(crate) fn print_reports(reports: &[FileReport], args: &ReportArgs) {
    match args.format {
        Format::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let width = std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse().ok())
                .unwrap_or(100);
            eprint!("{}", render_human(reports, HumanOptions { width, color }));
        }
        Format::Json => crate::output::stdout(&render_json(reports)),
        Format::Sarif => crate::output::stdout(&render_sarif(reports, env!("CARGO_PKG_VERSION"))),
    }
}
