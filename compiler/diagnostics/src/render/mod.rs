//! Renderers: the same findings as a human report, as versioned JSON, or as SARIF 2.1.0.
//!
//! Each takes the findings grouped by file, so that one run over many specs renders as one
//! document.

mod human;
mod json;
mod sarif;

pub use human::{HumanOptions, render_human};
pub use json::{JSON_SCHEMA_VERSION, render_json};
pub use sarif::render_sarif;

use crate::{Diagnostic, SourceFile};

/// The findings of one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file the findings point into.
    pub file: SourceFile,
    /// Sorted findings.
    pub diagnostics: Vec<Diagnostic>,
}
