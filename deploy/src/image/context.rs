//! The content hash of a build context: the image tag agentc pushes (`agentc-<24 hex>`), so
//! the same sources always give the same tag and a rebuild is skipped when ECR has it.
//!
//! What goes in, in order: a format version, the platform, the Dockerfile's bytes, then every
//! file the build would see, sorted by its `/`-separated relative path: path, executable bit,
//! length and bytes (symbolic links: the link text). `.dockerignore` is honoured with Docker's
//! rules: `#` comments, `*`, `?`, `[…]`, `**` across folders, a pattern that matches a folder
//! covers everything below it, `!` re-includes, the last match wins. File times, owners and
//! empty folders do not count.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

/// Limits that keep hashing bounded.
const MAX_FILES: usize = 200_000;
const MAX_BYTES: u64 = 4 << 30;

/// The hash of a context and what went into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextHash {
    /// The image tag: `agentc-` and the first 24 hex digits of the SHA-256.
    pub tag: String,
    /// Files hashed (the Dockerfile not counted).
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
}

/// One `.dockerignore` rule.
#[derive(Debug, Clone)]
struct Rule {
    segments: Vec<String>,
    include: bool,
}

fn parse_ignore(text: &str) -> Vec<Rule> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (include, pattern) = l.strip_prefix('!').map_or((false, l), |p| (true, p.trim()));
            let segments: Vec<String> = pattern
                .split('/')
                .filter(|s| !s.is_empty() && *s != ".")
                .map(str::to_owned)
                .collect();
            (!segments.is_empty()).then_some(Rule { segments, include })
        })
        .collect()
}

/// Whether glob segment `pattern` matches path segment `name`.
fn segment_matches(pattern: &[char], name: &[char]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some(('*', rest)) => (0..=name.len()).any(|i| segment_matches(rest, &name[i..])),
        Some(('?', rest)) => !name.is_empty() && segment_matches(rest, &name[1..]),
        Some(('[', rest)) => {
            let Some(close) = rest.iter().skip(1).position(|c| *c == ']').map(|p| p + 1) else {
                return name.first() == Some(&'[') && segment_matches(rest, &name[1..]);
            };
            let Some(&c) = name.first() else { return false };
            let (negated, class) = match rest[..close].split_first() {
                Some(('^' | '!', class)) => (true, class),
                _ => (false, &rest[..close]),
            };
            let mut hit = false;
            let mut i = 0;
            while i < class.len() {
                if i + 2 < class.len() && class[i + 1] == '-' {
                    hit |= class[i] <= c && c <= class[i + 2];
                    i += 3;
                } else {
                    hit |= class[i] == c;
                    i += 1;
                }
            }
            hit != negated && segment_matches(&rest[close + 1..], &name[1..])
        }
        Some(('\\', rest)) if !rest.is_empty() => {
            name.first() == Some(&rest[0]) && segment_matches(&rest[1..], &name[1..])
        }
        Some((c, rest)) => name.first() == Some(c) && segment_matches(rest, &name[1..]),
    }
}

/// Whether the pattern's segments match all of `path`'s segments (`**` spans any number).
fn path_matches(pattern: &[String], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((p, rest)) if p == "**" => (0..=path.len()).any(|i| path_matches(rest, &path[i..])),
        Some((p, rest)) => {
            let p: Vec<char> = p.chars().collect();
            path.first().is_some_and(|name| {
                let name: Vec<char> = name.chars().collect();
                segment_matches(&p, &name) && path_matches(rest, &path[1..])
            })
        }
    }
}

/// Whether `.dockerignore` excludes `relative` (`/`-separated): the last rule that matches
/// the path or one of its parent folders decides.
fn ignored(rules: &[Rule], relative: &str) -> bool {
    let parts: Vec<&str> = relative.split('/').collect();
    let mut out = false;
    for rule in rules {
        if (1..=parts.len()).any(|n| path_matches(&rule.segments, &parts[..n])) {
            out = !rule.include;
        }
    }
    out
}

fn update_file(hasher: &mut Sha256, path: &Path, label: &str) -> Result<u64, String> {
    let meta = std::fs::symlink_metadata(path)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    if meta.file_type().is_symlink() {
        let target = std::fs::read_link(path)
            .map_err(|e| format!("cannot read link `{}`: {e}", path.display()))?;
        hasher.update(
            format!(
                "link {label} -> {}\n",
                target.to_string_lossy().replace('\\', "/")
            )
            .as_bytes(),
        );
        return Ok(0);
    }
    #[cfg(unix)]
    let executable = std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o111 != 0;
    #[cfg(not(unix))]
    let executable = false;
    hasher.update(format!("file {label} {} {}\n", u8::from(executable), meta.len()).as_bytes());
    let mut file =
        std::fs::File::open(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = file
            .read(&mut buf)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        total += n as u64;
    }
    Ok(total)
}

/// Hash the build context `context` with `dockerfile` for `platform`.
pub fn hash_context(
    context: &Path,
    dockerfile: &Path,
    platform: &str,
) -> Result<ContextHash, String> {
    if !context.is_dir() {
        return Err(format!(
            "the build context `{}` is not a folder",
            context.display()
        ));
    }
    let rules = match std::fs::read_to_string(context.join(".dockerignore")) {
        Ok(text) => parse_ignore(&text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => {
            return Err(format!(
                "cannot read `{}`: {e}",
                context.join(".dockerignore").display()
            ));
        }
    };
    let may_reinclude = rules.iter().any(|r| r.include);
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    let mut walker = walkdir::WalkDir::new(context)
        .follow_links(false)
        .min_depth(1)
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = entry.map_err(|e| format!("cannot list the build context: {e}"))?;
        let relative = entry
            .path()
            .strip_prefix(context)
            .map_err(|e| e.to_string())?
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let is_ignored = ignored(&rules, &relative);
        if entry.file_type().is_dir() {
            if is_ignored && !may_reinclude {
                walker.skip_current_dir();
            }
            continue;
        }
        if !is_ignored {
            files.push((relative, entry.path().to_path_buf()));
            if files.len() > MAX_FILES {
                return Err(format!(
                    "the build context has more than {MAX_FILES} files; add a .dockerignore"
                ));
            }
        }
    }
    files.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut hasher = Sha256::new();
    hasher.update(format!("agentc-image-context/v1\nplatform {platform}\n").as_bytes());
    update_file(&mut hasher, dockerfile, "Dockerfile")?;
    let mut bytes = 0u64;
    for (relative, path) in &files {
        bytes += update_file(&mut hasher, path, relative)?;
        if bytes > MAX_BYTES {
            return Err("the build context is larger than 4 GiB; add a .dockerignore".to_owned());
        }
    }
    let digest = hasher.finalize();
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    Ok(ContextHash {
        tag: format!("agentc-{hex}"),
        files: files.len(),
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_ignored(patterns: &str, path: &str) -> bool {
        ignored(&parse_ignore(patterns), path)
    }

    #[test]
    fn dockerignore_rules() {
        assert!(is_ignored("tests", "tests/test_app.py"));
        assert!(is_ignored("**/__pycache__", "pkg/__pycache__/x.pyc"));
        assert!(is_ignored("**/__pycache__", "__pycache__/x.pyc"));
        assert!(is_ignored("**/*.pyc", "a/b/c.pyc"));
        assert!(
            !is_ignored("*.pyc", "a/c.pyc"),
            "`*` stays within one folder"
        );
        assert!(is_ignored("*.md\n!README.md", "NOTES.md"));
        assert!(!is_ignored("*.md\n!README.md", "README.md"));
        assert!(is_ignored("/build/", "build/out.bin"));
        assert!(is_ignored("file?.txt", "file1.txt"));
        assert!(is_ignored("[a-c].txt", "b.txt") && !is_ignored("[!a-c].txt", "b.txt"));
        assert!(!is_ignored("# comment\n\n", "comment"));
        assert!(!is_ignored("app", "app.py"));
    }
}
