//! The semantic stage: for each environment, overlay the environment block on the top level,
//! run every policy rule, apply suppressions, and — when no error stands — lower the result to
//! an [`agentc_ir::Deployment`].
//!
//! Depends on `agentc-syntax` (the AST), `agentc-ir` and `agentc-diagnostics`; never on a
//! backend.

mod lower;
mod names;
mod overlay;
mod policy;
mod rules;
mod suppress;

use std::path::Path;

use agentc_diagnostics::{Code, Diagnostic, Diagnostics};
use agentc_ir::{Deployment, EnvironmentName};
use agentc_syntax::ast::Spec;

/// Which environments to analyse.
#[derive(Debug, Clone, Copy)]
pub enum EnvSelection<'a> {
    /// Every environment the spec declares.
    All,
    /// Only this one.
    One(&'a str),
}

/// What analysing a spec gives.
#[derive(Debug, Default)]
pub struct Analysis {
    /// One deployment per analysed environment that has no error.
    pub deployments: Vec<Deployment>,
    /// The environments the spec declares, in order.
    pub environments: Vec<String>,
}

/// Whether an environment is held to production rules.
fn is_production(name: &str, flag: Option<bool>) -> bool {
    flag.unwrap_or(matches!(name, "production" | "prod"))
}

/// Analyse `spec` (read from a file in `spec_dir`) for the selected environments, pushing
/// every finding to `diags`.
pub fn analyze(
    spec: &Spec,
    spec_dir: &Path,
    selection: EnvSelection<'_>,
    diags: &mut Diagnostics,
) -> Analysis {
    let environments: Vec<String> = spec
        .environments
        .iter()
        .map(|e| e.name.value.clone())
        .collect();
    let mut analysis = Analysis {
        environments: environments.clone(),
        ..Analysis::default()
    };
    if spec.environments.is_empty() {
        diags.push(
            Diagnostic::new(Code::SchemaMissingNode, "the spec declares no environment")
                .at(spec.end, "no `environment` node")
                .help("add at least one: environment \"dev\""),
        );
        // Check the rest anyway, as for a non-production environment, so every problem of
        // the file shows at once.
        let context = rules::EnvContext {
            name: "",
            production: false,
            spec_dir,
            name_span: spec.end,
            file_end: spec.end,
        };
        rules::check(&spec.base, &context, diags);
    }
    for env in &spec.environments {
        if let Err(why) = EnvironmentName::new(env.name.value.clone()) {
            diags.push(
                Diagnostic::new(Code::EnvInvalidName, why)
                    .at(env.name.span, "invalid environment name")
                    .help("use lowercase letters, digits and `-`, e.g. \"dev\", \"staging\", \"production\""),
            );
        }
    }
    let selected: Vec<_> = match selection {
        EnvSelection::All => spec.environments.iter().collect(),
        EnvSelection::One(name) => match spec.environments.iter().find(|e| e.name.value == name) {
            Some(env) => vec![env],
            None => {
                diags.push(unknown_env(name, &environments));
                return analysis;
            }
        },
    };
    let mut suppressions = suppress::Suppressions::new(spec, &environments, diags);
    for env in selected {
        let layer = overlay::apply(&spec.base, &env.layer);
        let production = is_production(&env.name.value, env.production.as_ref().map(|p| p.value));
        let context = rules::EnvContext {
            name: &env.name.value,
            production,
            spec_dir,
            name_span: env.name.span,
            file_end: spec.end,
        };
        let mut found = Diagnostics::new();
        rules::check(&layer, &context, &mut found);
        suppressions.apply(&env.name.value, &mut found);
        let clean = !found.has_errors() && !diags.has_errors();
        diags.extend(found);
        if clean
            && let Some(deployment) = lower::lower(
                &layer,
                env,
                production,
                suppressions.reasons_for(&env.name.value),
                diags,
            )
        {
            analysis.deployments.push(deployment);
        }
    }
    suppressions.report_unused(matches!(selection, EnvSelection::All), diags);
    analysis
}

fn unknown_env(name: &str, known: &[String]) -> Diagnostic {
    let list = if known.is_empty() {
        "the spec declares none".to_owned()
    } else {
        format!("the spec declares: {}", known.join(", "))
    };
    let names: Vec<&str> = known.iter().map(String::as_str).collect();
    let mut d = Diagnostic::new(
        Code::EnvUnknown,
        format!("there is no environment `{name}`; {list}"),
    );
    if let Some(s) = agentc_diagnostics::did_you_mean(name, &names) {
        d = d.help(format!("did you mean `--env {s}`?"));
    } else {
        d = d.help("pass one of the declared names to --env, or declare it: environment \"…\"");
    }
    d
}
