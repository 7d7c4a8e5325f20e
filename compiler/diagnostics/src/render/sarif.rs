//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it (rules in the driver,
//! results with physical locations relative to the repository).

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::FileReport;
use crate::{Code, Severity};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Render all findings as one SARIF log.
pub fn render_sarif(reports: &[FileReport], tool_version: &str) -> String {
    let used: BTreeSet<Code> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(|d| d.code))
        .collect();
    let rules: Vec<Value> = used
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "name": code.as_str(),
                "shortDescription": { "text": code.summary() },
                "fullDescription": { "text": code.summary() },
                "help": { "text": format!("Run `agentc explain {code}`."), "markdown": code.explanation() },
                "defaultConfiguration": { "level": level(code.default_severity()) },
            })
        })
        .collect();
    let index_of = |code: Code| used.iter().position(|c| *c == code).unwrap_or(0);
    let mut results = Vec::new();
    for report in reports {
        let uri = report.file.name().replace('\\', "/");
        for d in &report.diagnostics {
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let mut location =
                json!({ "physicalLocation": { "artifactLocation": { "uri": uri } } });
            if let Some(label) = &d.primary {
                let span = report.file.clamp(label.span);
                let start = report.file.line_column(span.start);
                let end = report.file.line_column(span.end);
                location["physicalLocation"]["region"] = json!({
                    "startLine": start.line, "startColumn": start.column,
                    "endLine": end.line, "endColumn": end.column,
                });
            }
            results.push(json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": index_of(d.code),
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [location],
            }));
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "agentc",
                "version": tool_version,
                "informationUri": "https://github.com/agentc-dev/agentc",
                "rules": rules,
            }},
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}
