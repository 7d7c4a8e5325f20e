//! `--format json`: agentc's own versioned schema (miette's JSON handler has byte offsets only
//! and no version). Lines and columns are 1-based; columns count characters.

use serde::Serialize;

use super::FileReport;
use crate::{Diagnostic, Label, LineColumn, Severity, SourceFile};

/// Bumped whenever a field changes meaning or disappears; adding a field does not bump it.
pub const JSON_SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    summary: Summary,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    severity: Severity,
    message: &'a str,
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<LineColumn>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<LineColumn>,
    #[serde(skip_serializing_if = "Option::is_none")]
    span: Option<ByteSpan>,
    labels: Vec<JsonLabel<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    notes: &'a [String],
}

#[derive(Serialize)]
struct ByteSpan {
    offset: usize,
    length: usize,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: &'a str,
    primary: bool,
    start: LineColumn,
    end: LineColumn,
    span: ByteSpan,
}

fn label<'a>(file: &SourceFile, label: &'a Label, primary: bool) -> JsonLabel<'a> {
    let span = file.clamp(label.span);
    JsonLabel {
        message: &label.text,
        primary,
        start: file.line_column(span.start),
        end: file.line_column(span.end),
        span: ByteSpan {
            offset: span.start,
            length: span.len(),
        },
    }
}

fn diagnostic<'a>(file: &'a SourceFile, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let primary = d.primary.as_ref().map(|l| file.clamp(l.span));
    let labels = d
        .primary
        .iter()
        .map(|l| label(file, l, true))
        .chain(d.secondary.iter().map(|l| label(file, l, false)))
        .collect();
    JsonDiagnostic {
        code: d.code.as_str(),
        severity: d.severity,
        message: &d.message,
        file: file.name(),
        start: primary.map(|s| file.line_column(s.start)),
        end: primary.map(|s| file.line_column(s.end)),
        span: primary.map(|s| ByteSpan {
            offset: s.start,
            length: s.len(),
        }),
        labels,
        help: d.help.as_deref(),
        notes: &d.notes,
    }
}

/// Render all findings as one pretty-printed JSON document ending in a newline.
pub fn render_json(reports: &[FileReport]) -> String {
    let diagnostics: Vec<_> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(move |d| diagnostic(&r.file, d)))
        .collect();
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let document = Document {
        version: JSON_SCHEMA_VERSION,
        summary: Summary {
            errors,
            warnings: diagnostics.len() - errors,
        },
        diagnostics,
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_else(|e| {
        format!("{{\"version\":{JSON_SCHEMA_VERSION},\"internal_error\":\"{e}\"}}")
    });
    text.push('\n');
    text
}
