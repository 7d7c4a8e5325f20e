//! Spec generators for agentc's benchmarks, fuzzing and property tests.
//!
//! - [`scale`]: a realistic spec with N agents (each with its own entrypoint, requirements and
//!   Dockerfile) and the folder of files it points at, for the scale benchmarks.
//! - [`grammar`]: a spec text built from the spec grammar (every node, property and value kind
//!   `agentc-syntax` decodes, valid and invalid values mixed, KDL's odd corners), driven by
//!   [`arbitrary::Unstructured`] so that libFuzzer and proptest can both steer it.
//!
//! No agentc crate is a dependency: the generators only write text.

pub mod grammar;
pub mod scale;

pub use arbitrary;
