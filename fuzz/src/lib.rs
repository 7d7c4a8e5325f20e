//! What every fuzz target runs: the whole front end on one text, with the invariants checked.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use agentc_diagnostics::render::{
    FileReport, HumanOptions, render_human, render_json, render_sarif,
};
use agentc_diagnostics::{Diagnostic, Diagnostics, SourceFile};
use agentc_ir::{Artifact, Deployment, EmitOptions};
use agentc_sema::EnvSelection;

type Emit = fn(&Deployment, &EmitOptions) -> Result<Artifact, Vec<Diagnostic>>;

/// Every backend of agentc.
const BACKENDS: &[Emit] = &[
    agentc_backend_cfn::emit,
    agentc_backend_cdk::emit,
    agentc_backend_terraform::emit,
];

/// The human report is quadratic in the number of findings (a known, reported bug); above
/// this many it is left out so that a run measures agentc, not that.
const HUMAN_REPORT_MAX_FINDINGS: usize = 64;

/// Parse, analyse every environment, lower, emit with every backend, render; panic (a
/// finding for the fuzzer) on any broken invariant.
pub fn front_end(text: &str) {
    let file = SourceFile::new("fuzz.kdl", text);
    let mut diags = Diagnostics::new();
    if let Some(spec) = agentc_syntax::parse(&file, &mut diags) {
        let analysis = agentc_sema::analyze(&spec, spec_dir(), EnvSelection::All, &mut diags);
        let options = EmitOptions {
            spec_dir: ".".to_owned(),
        };
        for deployment in &analysis.deployments {
            for emit in BACKENDS {
                let _ = emit(deployment, &options);
            }
        }
        // `agentc compile --env E` analyses one environment: the same findings must hold.
        if let Some(first) = analysis.environments.first() {
            let mut one = Diagnostics::new();
            let _ = agentc_sema::analyze(&spec, spec_dir(), EnvSelection::One(first), &mut one);
        }
    }
    let diagnostics = diags.into_sorted();
    for d in &diagnostics {
        for label in d.primary.iter().chain(&d.secondary) {
            let span = label.span;
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{:?} points outside the {}-byte file: {span:?}\n{d:#?}",
                d.code,
                text.len()
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{:?} splits a character: {span:?}\n{d:#?}",
                d.code
            );
        }
    }
    let human = diagnostics.len() <= HUMAN_REPORT_MAX_FINDINGS;
    let reports = [FileReport { file, diagnostics }];
    let _ = render_json(&reports);
    let _ = render_sarif(&reports, "0.0.0");
    if human {
        let _ = render_human(&reports, HumanOptions::default());
    }
}

/// A folder holding the files generated specs name (`agentc_bench::grammar::FIXTURE_FILES`),
/// so that most specs reach lowering and the backends. Made once per process.
pub fn spec_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let root = std::env::temp_dir().join("agentc-fuzz-fixture");
        let spec = root.join("spec");
        for file in agentc_bench::grammar::FIXTURE_FILES {
            let path = spec.join(file);
            if let Some(parent) = path.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            if !path.is_file() {
                let _ = std::fs::write(&path, "");
            }
        }
        spec
    })
}

/// The repository's specs (`specs/*.kdl`, `golden/*/spec.kdl`), read once: the grammar
/// target edits them.
pub fn seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut paths: Vec<PathBuf> = Vec::new();
        if let Ok(entries) = std::fs::read_dir(repo.join("specs")) {
            paths.extend(
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "kdl")),
            );
        }
        if let Ok(entries) = std::fs::read_dir(repo.join("golden")) {
            paths.extend(entries.flatten().map(|e| e.path().join("spec.kdl")));
        }
        paths.sort();
        paths
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect()
    })
}
