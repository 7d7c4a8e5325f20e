//! One finding: a code, a severity, a message, where it points and how to fix it.

use crate::{Code, Span};

/// How bad a finding is. Errors stop `compile` and `deploy`; warnings only fail `check` under
/// `--deny-warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks compiling.
    Error,
    /// Worth fixing; does not block.
    Warning,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// A span with the text shown beside it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Label {
    /// What the label points at.
    pub span: Span,
    /// The words beside the underline.
    pub text: String,
}

/// A finding about a spec. Built with [`Diagnostic::new`] and the fluent setters; rules use one
/// constructor per code so call sites never assemble wording by hand.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// Where it points first (sort key).
    pub primary: Option<Label>,
    /// The stable code.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// One sentence: what is wrong.
    pub message: String,
    /// Further places that explain the finding.
    pub secondary: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    /// Context, e.g. the environment the finding was found in.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A finding of `code` at its default severity.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            primary: None,
            code,
            severity: code.default_severity(),
            message: message.into(),
            secondary: Vec::new(),
            help: None,
            notes: Vec::new(),
        }
    }

    /// Point at `span` with `text` beside it.
    #[must_use]
    pub fn at(mut self, span: Span, text: impl Into<String>) -> Self {
        self.primary = Some(Label {
            span,
            text: text.into(),
        });
        self
    }

    /// Add a secondary label.
    #[must_use]
    pub fn also(mut self, span: Span, text: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            text: text.into(),
        });
        self
    }

    /// Say how to fix it.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Add a note.
    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Override the default severity.
    #[must_use]
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Whether this finding blocks compiling.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The findings about one spec file, kept sorted by position and free of repeats (a rule that
/// runs once per environment reports a problem of the shared spec only once).
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// No findings yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Record a finding.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Record many findings.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Whether there are no findings at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Number of findings.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Sorted by position, then code; exact repeats removed.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }

    /// The findings as recorded so far.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Keep only the findings `keep` accepts.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.into_sorted().into_iter()
    }
}
