//! What a backend takes besides the IR, and what it gives back.

use std::collections::BTreeMap;

/// Settings of one emit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitOptions {
    /// The spec file's folder as seen from the output folder, `/`-separated (e.g. `../specs`).
    /// The paths of [`crate::Build`] are relative to it.
    pub spec_dir: String,
}

/// The files a backend writes: relative path (`/`-separated) → contents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Artifact {
    /// Files, ordered by path.
    pub files: BTreeMap<String, String>,
}
