//! Embeds the starter agent (`agent/`) into the binary for `agentc init`, so the files it writes
//! are always the ones this repository tests. Caches and compiled files are left out.

use std::fmt::Write as _;
use std::path::Path;

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "__pycache__" || name == ".pytest_cache" || name.ends_with(".pyc") {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, out);
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed=agent");
    let mut files = Vec::new();
    collect(root, &root.join("agent"), &mut files);
    let mut code = String::from(
        "/// The starter agent's files: (path, contents).\npub(crate) const AGENT_FILES: &[(&str, &str)] = &[\n",
    );
    // Paths relative to CARGO_MANIFEST_DIR as the compiler sees it, never this run's absolute
    // path: a target dir shared by two checkouts must not embed the other checkout's files.
    for rel in &files {
        let _ = writeln!(
            code,
            "    ({rel:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/\", {rel:?}))),"
        );
    }
    code.push_str("];\n");
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("agent_files.rs");
    std::fs::write(out, code).expect("write agent_files.rs");
}
