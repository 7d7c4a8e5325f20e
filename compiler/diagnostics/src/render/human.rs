//! The human report: miette's graphical handler, configured explicitly (never the global hook,
//! which probes the terminal) so golden files render the same on every machine.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use super::FileReport;
use crate::{Diagnostic, Severity, SourceFile};

/// How the human report looks.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    /// Line width to wrap at.
    pub width: usize,
    /// ANSI colours.
    pub color: bool,
}

impl Default for HumanOptions {
    fn default() -> Self {
        Self {
            width: 80,
            color: false,
        }
    }
}

/// Render every finding of every file, each as its own report, separated by blank lines.
pub fn render_human(reports: &[FileReport], options: HumanOptions) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false);
    let mut out = String::new();
    for report in reports {
        let source = NamedSource::new(report.file.name(), report.file.text().to_owned());
        for diagnostic in report.diagnostics.iter().take(MAX_SHOWN) {
            let view = MietteView {
                diagnostic,
                file: &report.file,
                source: &source,
            };
            if handler.render_report(&mut out, &view).is_err() {
                // Rendering into a String cannot fail for I/O reasons; fall back to one line.
                out.push_str(&format!("{}: {}\n", diagnostic.code, diagnostic.message));
            }
            out.push('\n');
        }
        if let Some(hidden) = report
            .diagnostics
            .len()
            .checked_sub(MAX_SHOWN)
            .filter(|n| *n > 0)
        {
            out.push_str(&format!(
                "… and {hidden} more finding(s) in {} (--format json lists them all)\n\n",
                report.file.name()
            ));
        }
    }
    out
}

/// Findings rendered per file. miette reads the whole file for each report, so thousands of
/// findings (say, a generated file gone wrong) would take minutes; nobody reads that many.
const MAX_SHOWN: usize = 100;

/// A finding seen through miette's protocol, with the file it points into.
struct MietteView<'a> {
    diagnostic: &'a Diagnostic,
    file: &'a SourceFile,
    source: &'a NamedSource<String>,
}

impl fmt::Debug for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MietteView")
            .field("diagnostic", self.diagnostic)
            .finish()
    }
}

impl fmt::Display for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for MietteView<'_> {}

impl miette::Diagnostic for MietteView<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let d = self.diagnostic;
        if d.help.is_none() && d.notes.is_empty() {
            return None;
        }
        let mut text = d.help.clone().unwrap_or_default();
        for note in &d.notes {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str("note: ");
            text.push_str(note);
        }
        Some(Box::new(text))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.diagnostic.primary.as_ref().map(|_| self.source as _)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.diagnostic;
        let primary = d.primary.iter().map(|l| (l, true));
        let secondary = d.secondary.iter().map(|l| (l, false));
        let file = self.file;
        Some(Box::new(primary.chain(secondary).map(
            move |(label, is_primary)| {
                let span = file.clamp(label.span);
                let span = SourceSpan::from(span.start..span.end);
                if is_primary {
                    LabeledSpan::new_primary_with_span(Some(label.text.clone()), span)
                } else {
                    LabeledSpan::new_with_span(Some(label.text.clone()), span)
                }
            },
        )))
    }
}
