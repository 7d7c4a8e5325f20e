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
    if let Some(at) = too_deep(file.text()) {
        diags.push(
            Diagnostic::new(
                Code::SyntaxKdl,
                format!("blocks are nested more than {MAX_NESTING} deep"),
            )
            .at(Span::new(at, at + 1), "too deep")
            .help("a spec nests at most three levels: environment → observability → alarm"),
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

/// The byte offset of the first `{` past [`MAX_NESTING`], skipping strings and comments.
fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            b'}' => depth = depth.saturating_sub(1),
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
        assert!(found[0].message.contains("nested"));
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
