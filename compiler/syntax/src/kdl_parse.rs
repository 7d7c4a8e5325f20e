//! KDL text → `KdlDocument`, with every parse error re-rendered as agentc's own diagnostic
//! under the file's name (kdl's own errors carry an unnamed copy of the text, which miette
//! would prefer over ours).

use agentc_diagnostics::{Code, Diagnostic, Diagnostics, SourceFile, Span};
use kdl::KdlDocument;

use crate::reader::span;

/// Deeper `{` nesting than any spec needs; past it we refuse before kdl's recursive parser
/// could exhaust the stack.
const MAX_NESTING: usize = 64;

/// Parse `file` as KDL 2.0, reporting every error kdl recovers from.
pub(crate) fn parse_kdl(file: &SourceFile, diags: &mut Diagnostics) -> Option<KdlDocument> {
    if let Some((at, what)) = too_deep(file.text()) {
        diags.push(
            Diagnostic::new(
                Code::SyntaxKdl,
                format!("too many {what}: agentc stops reading here"),
            )
            .at(file.clamp(Span::new(at, at + 1)), "past the limit")
            .help(format!(
                "a spec nests at most three levels (environment → observability → alarm); \
                 agentc refuses more than {MAX_NESTING} levels of blocks or comments, and long runs of `}}` or `(`"
            )),
        );
        return None;
    }
    match KdlDocument::parse_v2(file.text()) {
        Ok(doc) => Some(doc),
        Err(error) => {
            if error.diagnostics.is_empty() {
                diags.push(
                    Diagnostic::new(Code::SyntaxKdl, "the file is not valid KDL 2.0")
                        .at(Span::new(0, 0), "here"),
                );
            }
            let end = file.text().len();
            for (i, d) in error.diagnostics.iter().enumerate() {
                let at = file.clamp(span(d.span));
                // kdl follows an unclosed block with a second error spanning to the end of the
                // file; the first one already says where the block opens.
                if i > 0 && at.end == end && at.len() > 1 {
                    continue;
                }
                let message = d
                    .message
                    .clone()
                    .unwrap_or_else(|| "the file is not valid KDL 2.0".to_owned());
                let label = d.label.clone().unwrap_or_else(|| "here".to_owned());
                diags.push(reword(file, at, message, label, d.help.clone()));
            }
            None
        }
    }
}

/// kdl's message, reworded where agentc can say more precisely what is wrong and how to fix it.
fn reword(
    file: &SourceFile,
    at: Span,
    message: String,
    label: String,
    help: Option<String>,
) -> Diagnostic {
    if let Some(bare) = v1_bare_word(file, at) {
        return Diagnostic::new(Code::SyntaxKdl, format!("`{bare}` is not a KDL 2.0 value"))
            .at(at, format!("write #{bare}"))
            .help(format!(
                "KDL 2.0 writes `#{bare}`, not `{bare}` (agentc reads KDL 2.0, where bare words are strings)"
            ));
    }
    if message.contains("newline in single-line quoted string") {
        return Diagnostic::new(Code::SyntaxKdl, "this string is not closed on its line")
            .at(at, "unterminated string")
            .help("close it with `\"`; text over several lines is written as a `\"\"\"` multi-line string");
    }
    if message.starts_with("No closing '}'") {
        return Diagnostic::new(Code::SyntaxKdl, "this block is never closed")
            .at(at, "opened here")
            .help("add `}` after the block's last node");
    }
    let mut d = Diagnostic::new(Code::SyntaxKdl, message).at(at, label);
    d.help = help;
    d
}

/// KDL 1 habits (`true`, `false`, `null` written bare) get a hint to write KDL 2.0.
fn v1_bare_word(file: &SourceFile, at: Span) -> Option<&'static str> {
    let line_start = file.text()[..at.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = file.text()[at.start..]
        .find('\n')
        .map_or(file.text().len(), |i| at.start + i);
    let line = &file.text()[line_start..line_end];
    let bare = line
        .split(|c: char| c.is_whitespace() || c == '=' || c == ';' || c == '{' || c == '}')
        .find_map(|word| ["true", "false", "null"].into_iter().find(|b| *b == word))?;
    Some(bare)
}

/// Where and why the text is too pathological to hand to kdl's recursive parser: `{` or `/*`
/// nested past [`MAX_NESTING`], a run of stray `}`, or a line of chained type annotations.
/// Strings (quoted, multi-line, raw) and comments are skipped as KDL 2.0 lexes them.
fn too_deep(text: &str) -> Option<(usize, &'static str)> {
    /// More stray `}` or `(` on one line than any spec has; kdl recurses on each.
    const MAX_RUN: usize = 64;
    let b = text.as_bytes();
    let starts = |i: usize, pat: &[u8]| b.get(i..i + pat.len()) == Some(pat);
    let (mut depth, mut stray, mut parens) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => parens = 0,
            b'#' if b[i..].iter().find(|c| **c != b'#') == Some(&b'"') => {
                // A raw string: #"…"#, ##"…"##, #"""…"""#: no escapes inside.
                let hashes = b[i..].iter().take_while(|c| **c == b'#').count();
                let close: Vec<u8> = if starts(i + hashes, b"\"\"\"") {
                    [&b"\"\"\""[..], &vec![b'#'; hashes]].concat()
                } else {
                    [&b"\""[..], &vec![b'#'; hashes]].concat()
                };
                i += hashes + 1;
                while i < b.len() && !starts(i, &close) {
                    i += 1;
                }
                i += close.len();
                continue;
            }
            b'"' => {
                let close: &[u8] = if starts(i, b"\"\"\"") {
                    b"\"\"\""
                } else {
                    b"\""
                };
                i += close.len();
                while i < b.len() && !starts(i, close) {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += close.len();
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                // Block comments nest in KDL.
                let (at, mut level) = (i, 0usize);
                while i < b.len() {
                    if starts(i, b"/*") {
                        level += 1;
                        if level > MAX_NESTING {
                            return Some((at, "block comments"));
                        }
                        i += 2;
                    } else if starts(i, b"*/") {
                        level -= 1;
                        i += 2;
                        if level == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                continue;
            }
            b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some((i, "blocks"));
                }
            }
            b'}' if depth == 0 => {
                stray += 1;
                if stray > MAX_RUN {
                    return Some((i, "unmatched `}`"));
                }
            }
            b'}' => depth -= 1,
            b'(' => {
                parens += 1;
                if parens > MAX_RUN {
                    return Some((i, "type annotations on one line"));
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<Diagnostic> {
        let mut diags = Diagnostics::new();
        let file = SourceFile::new("t.kdl", text);
        assert!(parse_kdl(&file, &mut diags).is_none());
        diags.into_sorted()
    }

    #[test]
    fn bare_booleans_get_the_kdl2_hint() {
        let found = errors("image {\n    scan-on-push true\n}\n");
        assert!(found.iter().all(|d| d.code == Code::SyntaxKdl));
        assert!(
            found
                .iter()
                .any(|d| d.help.as_deref().unwrap_or("").contains("#true")),
            "{found:?}"
        );
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        let text = "a {".repeat(10_000);
        let found = errors(&text);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("too many blocks"), "{found:?}");
    }

    #[test]
    fn other_recursive_shapes_are_refused_before_kdl_sees_them() {
        for (text, what) in [
            ("}".repeat(100_000), "unmatched"),
            ("/*".repeat(10_000), "block comments"),
            ("(t)".repeat(10_000), "type annotations"),
            (
                format!("a #\"\\\"# {}", "a {".repeat(10_000)),
                "too many blocks",
            ),
        ] {
            let found = errors(&text);
            assert!(
                found.iter().any(|d| d.message.contains(what)),
                "{what}: {found:?}"
            );
        }
        // Braces inside comments and strings do not count.
        let mut diags = Diagnostics::new();
        let text = format!(
            "a \"{}\" /* {} */ b #\"{}\"#\n",
            "{".repeat(100),
            "}".repeat(100),
            "{".repeat(100)
        );
        assert!(
            parse_kdl(&SourceFile::new("t.kdl", text), &mut diags).is_some(),
            "{diags:?}"
        );
    }

    #[test]
    fn every_error_points_inside_the_file() {
        for text in [
            "a \"x", "a {", "a }", "=", "a x=", "\"", "a #tru", "a 1.", "(", "a (t)",
        ] {
            for d in errors(text) {
                let label = d.primary.expect("every syntax error points somewhere");
                assert!(label.span.end <= text.len(), "{text:?}: {label:?}");
            }
        }
    }
}
