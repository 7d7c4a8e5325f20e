//! Criterion benchmarks of each stage of agentc over specs with 1, 10, 100 and 1,000 agents
//! (`agentc_bench::scale`), all three environments of each:
//!
//! - `parse`: text → AST (`agentc_syntax::parse`: KDL 2.0 parse + decode);
//! - `check`: the rules of every environment (overlay, validate, suppress) without lowering;
//! - `analyze`: `check` + lowering every environment to the IR (`agentc_sema::analyze`);
//!   lowering alone is `analyze − check`;
//! - `emit/<backend>`: each backend over the three deployments.
//!
//! `check` runs `agentc_sema::analyze` with one error already recorded: sema lowers nothing
//! while an error stands, so every rule runs and no deployment is built. (sema exposes no
//! separate `lower`; see docs/benchmarks.md.)
//!
//!   cargo bench -p agentc-bench --bench pipeline
//!   cargo bench -p agentc-bench --bench pipeline -- 'parse/1000'   # one case

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use agentc_bench::scale;
use agentc_diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};
use agentc_ir::{Artifact, Deployment, EmitOptions};
use agentc_sema::EnvSelection;
use agentc_syntax::ast::Spec;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

type Emit = fn(&Deployment, &EmitOptions) -> Result<Artifact, Vec<Diagnostic>>;

/// Every backend wired into `src/backends.rs`, by target name.
const BACKENDS: &[(&str, Emit)] = &[
    ("cfn", agentc_backend_cfn::emit),
    ("cdk", agentc_backend_cdk::emit),
    ("terraform", agentc_backend_terraform::emit),
];

/// A generated spec on disk (the rules look for the agents' files).
struct Fixture {
    agents: usize,
    dir: PathBuf,
    file: SourceFile,
    spec: Spec,
    deployments: Vec<Deployment>,
}

impl Fixture {
    fn new(agents: usize) -> Self {
        let dir =
            std::env::temp_dir().join(format!("agentc-bench-{}-{agents}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = scale::write_fixture(&dir, agents).expect("write the fixture");
        let text = std::fs::read_to_string(&path).expect("read it back");
        let file = SourceFile::new("spec.kdl", text);
        let mut diags = Diagnostics::new();
        let spec = agentc_syntax::parse(&file, &mut diags).expect("the generated spec parses");
        let analysis = agentc_sema::analyze(&spec, &dir, EnvSelection::All, &mut diags);
        let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{agents} agents: {errors:#?}");
        assert_eq!(analysis.deployments.len(), 3, "three environments lowered");
        Self {
            agents,
            dir,
            file,
            spec,
            deployments: analysis.deployments,
        }
    }

    fn throughput(&self) -> Throughput {
        Throughput::Elements(self.agents as u64)
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn check_only(spec: &Spec, dir: &Path) -> Diagnostics {
    let mut diags = Diagnostics::new();
    diags.push(Diagnostic::new(
        Code::InternalBug,
        "agentc-bench: an error recorded up front keeps sema from lowering",
    ));
    let analysis = agentc_sema::analyze(spec, dir, EnvSelection::All, &mut diags);
    debug_assert!(analysis.deployments.is_empty());
    diags
}

fn stages(c: &mut Criterion) {
    let fixtures: Vec<Fixture> = scale::SIZES.iter().map(|&n| Fixture::new(n)).collect();
    let options = EmitOptions {
        spec_dir: ".".to_owned(),
    };

    let mut group = c.benchmark_group("parse");
    for f in &fixtures {
        group.throughput(f.throughput());
        group.bench_with_input(BenchmarkId::from_parameter(f.agents), f, |b, f| {
            b.iter(|| {
                let mut diags = Diagnostics::new();
                black_box(agentc_syntax::parse(black_box(&f.file), &mut diags))
            });
        });
    }
    group.finish();

    let mut group = c.benchmark_group("check");
    for f in &fixtures {
        group.throughput(f.throughput());
        group.bench_with_input(BenchmarkId::from_parameter(f.agents), f, |b, f| {
            b.iter(|| black_box(check_only(black_box(&f.spec), &f.dir)));
        });
    }
    group.finish();

    let mut group = c.benchmark_group("analyze");
    for f in &fixtures {
        group.throughput(f.throughput());
        group.bench_with_input(BenchmarkId::from_parameter(f.agents), f, |b, f| {
            b.iter(|| {
                let mut diags = Diagnostics::new();
                black_box(agentc_sema::analyze(
                    black_box(&f.spec),
                    &f.dir,
                    EnvSelection::All,
                    &mut diags,
                ))
            });
        });
    }
    group.finish();

    for (name, emit) in BACKENDS {
        let mut group = c.benchmark_group(format!("emit/{name}"));
        for f in &fixtures {
            group.throughput(f.throughput());
            group.bench_with_input(BenchmarkId::from_parameter(f.agents), f, |b, f| {
                b.iter(|| {
                    for d in &f.deployments {
                        black_box(emit(black_box(d), &options).expect("emits"));
                    }
                });
            });
        }
        group.finish();
    }
}

fn config() -> Criterion {
    // Two cores, shared: fewer, longer samples keep a run to a few minutes.
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = stages
}
criterion_main!(benches);
