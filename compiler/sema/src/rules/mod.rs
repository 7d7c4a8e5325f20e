//! Policy checks on one environment's effective spec. One file per rule family; each rule
//! pushes findings with one code and never stops the others.

mod agent;
mod iam;
mod platform;
mod project;

use std::path::Path;

use agentc_diagnostics::{Code, Diagnostic, Diagnostics, Span, did_you_mean};
use agentc_syntax::ast::{Layer, Spanned};

/// The environment being checked.
pub(crate) struct EnvContext<'a> {
    /// Its name.
    pub name: &'a str,
    /// Whether production rules apply.
    pub production: bool,
    /// The folder of the spec file (paths in the spec are relative to it).
    pub spec_dir: &'a Path,
    /// The environment's name in the spec: where production findings about a missing node point.
    pub name_span: Span,
    /// The end of the file: where findings about a missing top-level node point.
    pub file_end: Span,
}

/// Run every rule on `layer`, the effective spec of one environment.
pub(crate) fn check(layer: &Layer, env: &EnvContext<'_>, diags: &mut Diagnostics) {
    project::check(layer, env, diags);
    agent::check(layer, env, diags);
    platform::check(layer, env, diags);
    iam::check(layer, diags);
}

/// A string value that must be one of `names`.
pub(crate) fn one_of(
    value: &Spanned<String>,
    what: &str,
    names: &[&str],
    diags: &mut Diagnostics,
) -> bool {
    if names.contains(&value.value.as_str()) {
        return true;
    }
    let d = Diagnostic::new(
        Code::SchemaInvalidValue,
        format!("`{}` is not a valid {what}", value.value),
    )
    .at(value.span, format!("not a {what}"));
    diags.push(match did_you_mean(&value.value, names) {
        Some(s) => d.help(format!(
            "did you mean `{s}`? ({what} is one of: {})",
            names.join(", ")
        )),
        None => d.help(format!("{what} is one of: {}", names.join(", "))),
    });
    false
}

/// A required node or value is missing from `parent` (pointing at `at`).
pub(crate) fn missing(at: Span, what: &str, example: &str) -> Diagnostic {
    Diagnostic::new(Code::SchemaMissingNode, format!("the spec needs {what}"))
        .at(at, "missing here")
        .help(format!("add it: {example}"))
}

/// Note naming the environment a production rule fired in.
pub(crate) fn in_env(env: &EnvContext<'_>) -> String {
    format!(
        "in environment `{}`, which is held to production rules",
        env.name
    )
}

/// Whether `key` is a tag agentc derives itself.
pub(crate) fn is_derived_tag(key: &str) -> bool {
    project::DERIVED_TAGS.contains(&key)
}
