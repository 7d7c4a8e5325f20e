//! agentc's diagnostics: the catalogue of stable codes, the [`Diagnostic`] type every stage
//! emits, and the renderers (`human` through miette, versioned `json`, `sarif` 2.1.0).
//!
//! This crate knows nothing of KDL, the IR or any backend; every other crate depends on it.

mod codes;
mod diagnostic;
pub mod render;
mod span;
mod suggest;

pub use codes::Code;
pub use diagnostic::{Diagnostic, Diagnostics, Label, Severity};
pub use span::{LineColumn, SourceFile, Span};
pub use suggest::did_you_mean;
