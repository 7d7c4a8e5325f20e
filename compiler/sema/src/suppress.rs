//! `suppress "code" env="…" because="…"`: a finding silenced on purpose, with its reason. The
//! reason travels into the outputs (scanner justifications), and a suppression that silences
//! nothing is itself reported.

use std::collections::BTreeSet;

use agentc_diagnostics::{Code, Diagnostic, Diagnostics};
use agentc_syntax::ast::{Spec, Suppression};

/// The spec's valid suppressions and which of them fired.
pub(crate) struct Suppressions<'s> {
    valid: Vec<&'s Suppression>,
    used: BTreeSet<usize>,
}

impl<'s> Suppressions<'s> {
    /// Validate the spec's suppressions, reporting the bad ones.
    pub(crate) fn new(spec: &'s Spec, environments: &[String], diags: &mut Diagnostics) -> Self {
        let mut valid = Vec::new();
        for s in &spec.suppressions {
            let mut ok = true;
            match Code::parse(&s.code.value) {
                None => {
                    ok = false;
                    let names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
                    let mut d = Diagnostic::new(
                        Code::SuppressUnknownCode,
                        format!("`{}` is not an agentc code", s.code.value),
                    )
                    .at(s.code.span, "unknown code");
                    d = match agentc_diagnostics::did_you_mean(&s.code.value, &names) {
                        Some(c) => d.help(format!("did you mean `{c}`?")),
                        None => d.help("`agentc explain --list` lists every code"),
                    };
                    diags.push(d);
                }
                Some(code)
                    if matches!(code, Code::SyntaxKdl | Code::InternalBug)
                        || code.as_str().starts_with("agentc::schema::")
                        || code.as_str().starts_with("agentc::io::") =>
                {
                    ok = false;
                    diags.push(
                        Diagnostic::new(Code::SuppressUnknownCode, format!("`{}` cannot be suppressed: the spec must be fixed", s.code.value))
                            .at(s.code.span, "not suppressible")
                            .help("only policy findings can be suppressed; syntax and schema errors cannot"),
                    );
                }
                Some(_) => {}
            }
            if s.because.as_ref().is_none_or(|b| b.value.trim().is_empty()) {
                ok = false;
                diags.push(
                    Diagnostic::new(Code::SuppressMissingReason, "a suppression needs a written reason")
                        .at(s.because.as_ref().map_or(s.span, |b| b.span), "no reason")
                        .help("add because=\"<why this finding is acceptable here>\"; the reason is carried into the outputs"),
                );
            }
            if let Some(env) = &s.env
                && !environments.contains(&env.value)
            {
                ok = false;
                diags.push(
                    Diagnostic::new(Code::EnvUnknown, format!("the suppression names environment `{}`, which the spec does not declare", env.value))
                        .at(env.span, "unknown environment")
                        .help(format!("declared: {}", environments.join(", "))),
                );
            }
            if ok {
                valid.push(s);
            }
        }
        Self {
            valid,
            used: BTreeSet::new(),
        }
    }

    fn applies(s: &Suppression, env: &str) -> bool {
        s.env.as_ref().is_none_or(|e| e.value == env)
    }

    /// Drop the findings of `env` that a suppression covers.
    pub(crate) fn apply(&mut self, env: &str, found: &mut Diagnostics) {
        let valid = &self.valid;
        let used = &mut self.used;
        found.retain(|d| {
            let hit = valid
                .iter()
                .position(|s| Self::applies(s, env) && s.code.value == d.code.as_str());
            if let Some(i) = hit {
                used.insert(i);
            }
            hit.is_none()
        });
    }

    /// (code, reason) of every suppression in force for `env`.
    pub(crate) fn reasons_for(&self, env: &str) -> Vec<(String, String)> {
        self.valid
            .iter()
            .filter(|s| Self::applies(s, env))
            .map(|s| {
                (
                    s.code.value.clone(),
                    s.because
                        .as_ref()
                        .map(|b| b.value.clone())
                        .unwrap_or_default(),
                )
            })
            .collect()
    }

    /// Warn about suppressions that silenced nothing (only meaningful when every environment
    /// was analysed, or for one that names the analysed environment).
    pub(crate) fn report_unused(&self, all_analysed: bool, diags: &mut Diagnostics) {
        if !all_analysed {
            return;
        }
        for (i, s) in self.valid.iter().enumerate() {
            if !self.used.contains(&i) {
                diags.push(
                    Diagnostic::new(
                        Code::SuppressUnused,
                        format!("the suppression of `{}` silences nothing", s.code.value),
                    )
                    .at(s.span, "unused suppression")
                    .help("remove it: the finding it was written for is gone"),
                );
            }
        }
    }
}
