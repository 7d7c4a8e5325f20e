//! HCL spelling: the only code that turns text into HCL syntax. Every spec value reaches the
//! output through [`string`] (a quoted template with `\`, `"`, control characters, `${` and
//! `%{` escaped) or [`Value`] (literal text plus references this crate built from checked
//! identifiers); names are checked by [`is_identifier`]; references by [`is_reference`].
//! The escaping rules are HashiCorp's "Strings and Templates" page.

use serde::Serialize;

/// A quoted HCL string whose content is `text`, literally: no escape sequence, interpolation
/// or template directive in `text` survives as syntax.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    escape_into(&mut out, text);
    out.push('"');
    out
}

/// Escape `text` for the inside of a quoted HCL template.
fn escape_into(out: &mut String, text: &str) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // `$${` and `%%{` are HCL's escapes for a literal `${` and `%{`.
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
}

/// An HCL identifier (block label, variable, local or output name): a letter or `_`, then
/// letters, digits, `_` or `-`. agentc's are ASCII.
pub fn is_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A traversal this crate writes: identifiers joined by `.`, each optionally followed by
/// `[<digits>]` or `[*]` (`aws_kms_key.log_key.arn`, `one(x[*].agent_runtime_arn)` is not one).
pub fn is_reference(expr: &str) -> bool {
    !expr.is_empty()
        && expr.split('.').all(|step| {
            let (name, index) = step.split_once('[').unwrap_or((step, ""));
            is_identifier(name)
                && (index.is_empty()
                    || index.strip_suffix(']').is_some_and(|i| {
                        i == "*" || (!i.is_empty() && i.chars().all(|c| c.is_ascii_digit()))
                    }))
        })
}

/// `SupportAgentRole` → `support_agent_role`: Terraform's spelling of a logical ID.
pub fn snake_case(logical_id: &str) -> String {
    let mut out = String::with_capacity(logical_id.len() + 4);
    for (i, c) in logical_id.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A number as HCL writes it, if HCL can write it (it has no NaN or infinity).
pub fn number(n: f64) -> Option<String> {
    if !n.is_finite() {
        return None;
    }
    if n.fract() == 0.0 && n.abs() < 1e15 {
        // Exact: the value is an integer well inside f64's exact range.
        Some(format!("{}", n as i64))
    } else {
        Some(format!("{n}"))
    }
}

/// One piece of a [`Value`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Piece {
    /// Literal text (escaped when rendered).
    Text(String),
    /// A reference built by this crate (checked by [`is_reference`] when rendered).
    Ref(String),
}

/// A string-valued HCL expression: literal text with references in it. Rendered as the bare
/// reference when it is exactly one (`terraform fmt` unwraps `"${x}"`), else as a quoted
/// template.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Value(pub Vec<Piece>);

impl Value {
    /// Literal text.
    pub fn text(text: impl Into<String>) -> Self {
        Self(vec![Piece::Text(text.into())])
    }

    /// A reference.
    pub fn reference(expr: impl Into<String>) -> Self {
        Self(vec![Piece::Ref(expr.into())])
    }

    /// The HCL expression, or `None` when a reference is not one [`is_reference`] accepts.
    pub fn render(&self) -> Option<String> {
        // Adjacent texts are escaped as one: `a$` then `{b` must not meet as `${`.
        let mut pieces: Vec<Piece> = Vec::with_capacity(self.0.len());
        for piece in &self.0 {
            match (pieces.last_mut(), piece) {
                (Some(Piece::Text(last)), Piece::Text(t)) => last.push_str(t),
                _ => pieces.push(piece.clone()),
            }
        }
        if let [Piece::Ref(r)] = pieces.as_slice() {
            return is_reference(r).then(|| r.clone());
        }
        let mut out = String::from("\"");
        for (i, piece) in pieces.iter().enumerate() {
            match piece {
                Piece::Text(t) => {
                    // Literal `$`s right before `${…}` would read as the escape `$${`: spell
                    // each of them as the interpolation `${"$"}`.
                    let next_is_ref = matches!(pieces.get(i + 1), Some(Piece::Ref(_)));
                    let head = if next_is_ref {
                        t.trim_end_matches('$')
                    } else {
                        t
                    };
                    escape_into(&mut out, head);
                    for _ in 0..t.len() - head.len() {
                        out.push_str("${\"$\"}");
                    }
                }
                Piece::Ref(r) => {
                    if !is_reference(r) {
                        return None;
                    }
                    out.push_str("${");
                    out.push_str(r);
                    out.push('}');
                }
            }
        }
        out.push('"');
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_quotes_backslashes_controls_and_template_openers() {
        assert_eq!(string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(string("x\ny\tz\r\u{1}"), r#""x\ny\tz\r\u0001""#);
        assert_eq!(string("${x} %{ if } $ % ${"), r#""$${x} %%{ if } $ % $${""#);
        assert_eq!(string("$$"), r#""$$""#);
    }

    #[test]
    fn values_render_references_bare_or_interpolated() {
        assert_eq!(
            Value::reference("local.x").render().as_deref(),
            Some("local.x")
        );
        let v = Value(vec![
            Piece::Text("arn:".into()),
            Piece::Ref("local.partition".into()),
            Piece::Text(":${x}".into()),
        ]);
        assert_eq!(
            v.render().as_deref(),
            Some(r#""arn:${local.partition}:$${x}""#)
        );
        let dollar = Value(vec![
            Piece::Text("a$$".into()),
            Piece::Ref("local.x".into()),
        ]);
        assert_eq!(
            dollar.render().as_deref(),
            Some(r#""a${"$"}${"$"}${local.x}""#)
        );
        assert_eq!(Value::reference("x}\"").render(), None);
        let split = Value(vec![Piece::Text("a$".into()), Piece::Text("{b}".into())]);
        assert_eq!(split.render().as_deref(), Some(r#""a$${b}""#));
    }

    #[test]
    fn identifiers_references_and_names() {
        assert!(is_identifier("support_agent_role"));
        assert!(!is_identifier("1x") && !is_identifier("a b") && !is_identifier(""));
        assert!(is_reference("aws_kms_key.log_key.arn"));
        assert!(is_reference("aws_x.y[0].arn") && is_reference("aws_x.y[*].id"));
        assert!(!is_reference("a.b[x]") && !is_reference("a..b") && !is_reference("a.\"b\""));
        assert_eq!(snake_case("SupportAgentRole"), "support_agent_role");
        assert_eq!(snake_case("Agent2Repository"), "agent2_repository");
        assert_eq!(number(1.0).as_deref(), Some("1"));
        assert_eq!(number(0.5).as_deref(), Some("0.5"));
        assert_eq!(number(f64::NAN), None);
    }
}
