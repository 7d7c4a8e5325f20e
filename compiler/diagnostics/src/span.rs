//! Where a diagnostic points: byte spans into one spec file, and the file they index.

use std::sync::Arc;

/// A byte range `start..end` in one source file. Every AST value and IR item carries one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; a reversed pair is put in order rather than trusted.
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start: start.min(end),
            end: start.max(end),
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// A spec file as read: its display name (as the user gave the path) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    name: Arc<str>,
    text: Arc<str>,
    line_starts: Arc<[usize]>,
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LineColumn {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

impl SourceFile {
    /// A source file named `name` holding `text`. CRLF line ends are kept: spans index the text
    /// as read.
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        // KDL 2.0's newlines: CRLF, CR, LF, NEL, VT, FF, LS and PS.
        let bytes = text.as_bytes();
        let line_starts = std::iter::once(0)
            .chain(text.char_indices().filter_map(|(i, c)| match c {
                '\r' if bytes.get(i + 1) == Some(&b'\n') => None,
                '\r' | '\n' | '\u{85}' | '\u{0B}' | '\u{0C}' | '\u{2028}' | '\u{2029}' => {
                    Some(i + c.len_utf8())
                }
                _ => None,
            }))
            .collect();
        Self {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// The name shown in diagnostics.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Clamp a span to the text and to character boundaries, so that a span from a parser bug
    /// can never make a renderer panic.
    pub fn clamp(&self, span: Span) -> Span {
        let len = self.text.len();
        let mut start = span.start.min(len);
        let mut end = span.end.min(len).max(start);
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        Span { start, end }
    }

    /// The 1-based line and column of byte `offset`.
    pub fn line_column(&self, offset: usize) -> LineColumn {
        let offset = self.clamp(Span::new(offset, offset)).start;
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text[start..offset].chars().count() + 1;
        LineColumn {
            line: line + 1,
            column,
        }
    }

    /// The text a span covers (clamped).
    pub fn slice(&self, span: Span) -> &str {
        let span = self.clamp(span);
        &self.text[span.start..span.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let file = SourceFile::new("a.kdl", "ab\ncafé x\n");
        assert_eq!(file.line_column(0), LineColumn { line: 1, column: 1 });
        assert_eq!(file.line_column(3), LineColumn { line: 2, column: 1 });
        // `x` sits after the two-byte `é`: byte 9, character column 6.
        assert_eq!(file.line_column(9), LineColumn { line: 2, column: 6 });
    }

    #[test]
    fn every_kdl_newline_starts_a_line() {
        let file = SourceFile::new("a.kdl", "a\rb\r\nc\u{2028}d\u{0C}e");
        let lines: Vec<usize> = ["b", "c", "d", "e"]
            .iter()
            .map(|w| file.line_column(file.text().find(w).unwrap()).line)
            .collect();
        assert_eq!(lines, [2, 3, 4, 5]);
    }

    #[test]
    fn clamp_never_leaves_the_text_or_splits_a_character() {
        let file = SourceFile::new("a.kdl", "é");
        assert_eq!(file.clamp(Span::new(1, 99)), Span { start: 0, end: 2 });
        assert_eq!(file.slice(Span::new(5, 9)), "");
    }
}
