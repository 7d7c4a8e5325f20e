//! The syntax stage: spec text → [`ast::Spec`], with the span of every node and value.
//!
//! KDL stops here: no `kdl` type appears in this crate's API. Depends only on
//! `agentc-diagnostics` (and `kdl`).

pub mod ast;
mod decode;
mod duration;
mod kdl_parse;
mod reader;

use agentc_diagnostics::{Diagnostics, SourceFile, Span};

pub use duration::parse_duration;

/// Parse and decode `file`. Every problem found is pushed to `diags`; the spec is returned
/// whenever the file is valid KDL (possibly with schema findings), so later stages can report
/// more at once.
pub fn parse(file: &SourceFile, diags: &mut Diagnostics) -> Option<ast::Spec> {
    let doc = kdl_parse::parse_kdl(file, diags)?;
    let mut spec = decode::decode_spec(doc.nodes(), diags);
    spec.end = Span::new(file.text().len(), file.text().len());
    Some(spec)
}
