//! `terraform fmt`'s layout, applied to what the templates render: indentation by bracket
//! nesting (two spaces a level) and the `=` of consecutive one-line attributes aligned, both
//! exactly as hclwrite's `formatIndent` and `formatCells` decide them. Blank lines are
//! tidied (no runs, none just inside a bracket, none at the ends), which `terraform fmt`
//! leaves alone, so the result is stable under it. Spacing inside a line is the templates'
//! job; the gates run `terraform fmt -check` on every golden tree.

/// What formatting needs to know about one line.
#[derive(Debug, Default)]
struct Line {
    /// The line without leading and trailing white space.
    text: String,
    /// Brackets opened minus brackets closed (`{ [ ( ${ %{` against `} ] )`).
    net: i32,
    /// Byte offset in `text` of the attribute's `=`, when the line is a whole attribute.
    assign: Option<usize>,
}

/// Scan past the quoted string that starts at `start` (a `"`); returns the index after its
/// closing quote. Interpolations may hold nested strings and braces.
fn skip_string(b: &[u8], start: usize) -> Result<usize, String> {
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Ok(i + 1),
            b'$' | b'%' if b.get(i + 1) == Some(&b'{') => {
                if b.get(i.wrapping_sub(1)) == Some(&b[i]) {
                    // `$${` / `%%{`: an escaped opener, literal text.
                    i += 2;
                    continue;
                }
                i += 2;
                let mut depth = 1;
                while depth > 0 {
                    match b.get(i) {
                        None => return Err("unterminated interpolation".into()),
                        Some(b'"') => i = skip_string(b, i)?,
                        Some(b'{') => {
                            depth += 1;
                            i += 1;
                        }
                        Some(b'}') => {
                            depth -= 1;
                            i += 1;
                        }
                        Some(_) => i += 1,
                    }
                }
            }
            _ => i += 1,
        }
    }
    Err("unterminated string".into())
}

/// `raw` trimmed, with each run of spaces outside strings and comments made one space (what
/// hclwrite's `formatSpaces` leaves between the tokens agentc's templates write).
fn squeeze(raw: &str) -> Result<String, String> {
    let b = raw.trim().as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let end = skip_string(b, i)?;
                out.extend_from_slice(&b[i..end]);
                i = end;
            }
            b'#' => {
                out.extend_from_slice(&b[i..]);
                break;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                out.extend_from_slice(&b[i..]);
                break;
            }
            b' ' | b'\t' => {
                out.push(b' ');
                while i < b.len() && matches!(b[i], b' ' | b'\t') {
                    i += 1;
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|e| e.to_string())
}

fn classify(raw: &str) -> Result<Line, String> {
    let text = squeeze(raw)?;
    let b = text.as_bytes();
    let (mut net, mut i, mut tokens) = (0i32, 0usize, 0usize);
    let mut first_equal: Option<(usize, i32)> = None;
    while i < b.len() {
        let c = b[i];
        match c {
            b'#' => break,
            b'/' if b.get(i + 1) == Some(&b'/') => break,
            b'/' if b.get(i + 1) == Some(&b'*') => {
                return Err("block comments are not emitted".into());
            }
            b'<' if b.get(i + 1) == Some(&b'<') => return Err("heredocs are not emitted".into()),
            b'"' => {
                i = skip_string(b, i)?;
                tokens += 1;
                continue;
            }
            b'{' | b'[' | b'(' => net += 1,
            b'}' | b']' | b')' => net -= 1,
            b'=' => {
                let prev = if i > 0 { b[i - 1] } else { b' ' };
                let next = b.get(i + 1).copied().unwrap_or(b' ');
                let is_assign =
                    !matches!(prev, b'=' | b'!' | b'<' | b'>') && !matches!(next, b'=' | b'>');
                if is_assign && first_equal.is_none() && tokens > 0 {
                    first_equal = Some((i, net));
                } else if is_assign && first_equal.is_none() {
                    first_equal = Some((usize::MAX, net));
                }
            }
            c if c.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            _ => {}
        }
        tokens += 1;
        i += 1;
    }
    // hclwrite: the first `=` (not the line's first token) starts the assign cell, if the
    // brackets after it balance.
    let assign =
        first_equal.and_then(|(at, before)| (at != usize::MAX && net - before == 0).then_some(at));
    Ok(Line { text, net, assign })
}

/// Lay `source` out as `terraform fmt` would.
pub fn format(source: &str) -> Result<String, String> {
    let mut lines = Vec::new();
    for (n, raw) in source.lines().enumerate() {
        lines.push(classify(raw).map_err(|e| format!("line {}: {e}: {raw}", n + 1))?);
    }
    // Blank lines: no runs, none after an opener or before a closer, none at either end.
    let mut kept: Vec<Line> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if line.text.is_empty() {
            let after_blank_or_opener = kept.last().is_none_or(|l| l.text.is_empty() || l.net > 0);
            let before_closer = lines[i + 1..]
                .iter()
                .find(|l| !l.text.is_empty())
                .is_none_or(|l| l.text.starts_with(['}', ']', ')']));
            if after_blank_or_opener || before_closer {
                continue;
            }
        }
        kept.push(Line {
            text: line.text.clone(),
            net: line.net,
            assign: line.assign,
        });
    }
    // Indentation (hclwrite formatIndent).
    let mut indents: Vec<i32> = Vec::new();
    let mut depth = Vec::with_capacity(kept.len());
    for line in &kept {
        if line.net < 0 {
            let mut closed = -line.net;
            while closed > 0 {
                let Some(top) = indents.last_mut() else { break };
                if closed >= *top {
                    closed -= *top;
                    indents.pop();
                } else {
                    *top -= closed;
                    closed = 0;
                }
            }
        }
        depth.push(indents.len());
        if line.net > 0 {
            indents.push(line.net);
        }
    }
    // Alignment (hclwrite formatCells): each run of attribute lines aligns its `=`.
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < kept.len() {
        let run_end = (i..kept.len())
            .find(|&j| kept[j].assign.is_none())
            .unwrap_or(kept.len());
        if run_end == i {
            push_line(&mut out, depth[i], &kept[i].text);
            i += 1;
            continue;
        }
        let width = (i..run_end)
            // hclwrite counts characters, not bytes (`"é"` is 3 wide).
            .map(|j| lead(&kept[j]).chars().count())
            .max()
            .unwrap_or(0);
        for j in i..run_end {
            let line = &kept[j];
            let at = line.assign.unwrap_or(0);
            let lead = lead(line);
            let pad = width - lead.chars().count();
            let rest = line.text[at + 1..].trim_start();
            let text = format!(
                "{lead}{} ={}{rest}",
                " ".repeat(pad),
                if rest.is_empty() { "" } else { " " }
            );
            push_line(&mut out, depth[j], &text);
        }
        i = run_end;
    }
    Ok(out)
}

fn lead(line: &Line) -> &str {
    line.text[..line.assign.unwrap_or(0)].trim_end()
}

fn push_line(out: &mut String, depth: usize, text: &str) {
    if !text.is_empty() {
        out.push_str(&"  ".repeat(depth));
        out.push_str(text);
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn indents_by_brackets_and_aligns_runs_of_attributes() {
        let src = "resource \"a\" \"b\" {\nname = \"x\"\nlong_name = \"${y}\"\n\n\nlist = [\n\"a\",\n]\nk = {\n\"quoted key\" = 1\nz = [{ a = 1 }]\n}\n\n}\n";
        let want = "resource \"a\" \"b\" {\n  name      = \"x\"\n  long_name = \"${y}\"\n\n  list = [\n    \"a\",\n  ]\n  k = {\n    \"quoted key\" = 1\n    z            = [{ a = 1 }]\n  }\n}\n";
        assert_eq!(format(src).unwrap(), want);
    }

    #[test]
    fn comments_and_blocks_break_runs_and_operators_are_not_assignments() {
        let src = "a = 1\n# note\nbb = 2\nc = x == y ? 1 : 0\nd {\n}\nee = {\nf = 1\n}\n";
        let want = "a = 1\n# note\nbb = 2\nc  = x == y ? 1 : 0\nd {\n}\nee = {\n  f = 1\n}\n";
        assert_eq!(format(src).unwrap(), want);
    }

    #[test]
    fn strings_with_braces_and_escapes_are_opaque() {
        let src = "a = \"}{ $${x} \\\" ${\"}\"} [\"\nbbb = 1\n";
        let want = "a   = \"}{ $${x} \\\" ${\"}\"} [\"\nbbb = 1\n";
        assert_eq!(format(src).unwrap(), want);
        assert!(format("a = \"open\n").is_err());
        assert_eq!(
            format("\"éé\" = 1\n\"abc\" = 2\n").unwrap(),
            "\"éé\"  = 1\n\"abc\" = 2\n"
        );
    }
}
