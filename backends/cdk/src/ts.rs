//! TypeScript spelling of spec values: every string that reaches the emitted code passes through
//! one of these functions, so no spec value can end a literal, open an interpolation or leave a
//! comment.
//!
//! - [`string`]: a double-quoted literal, by `serde_json` (a JSON string is a valid TypeScript
//!   string literal: quotes, backslashes and control characters are escaped, `${` is inert).
//! - [`template`]: an IR [`Template`] as a backtick template literal whose holes are `Aws.*`
//!   tokens (the CDK renders it as `Fn::Join`); literal text is escaped so `` ` ``, `\` and `$`
//!   stay text.
//! - [`ident`]: an identifier, checked, never escaped.
//! - [`comment`]: text for a `//` or `/** */` comment, on one line, unable to close it.

use agentc_ir::{Part, Template};

/// A double-quoted TypeScript string literal holding exactly `text`.
pub fn string(text: &str) -> String {
    // Serializing a `str` cannot fail.
    serde_json::to_string(text).unwrap_or_default()
}

/// Literal text inside a backtick template literal.
fn template_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '`' => out.push_str("\\`"),
            // Every `$`, not only `${`: a hole's `${` is then always ours.
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// The TypeScript expression of `template`: a string literal when it is plain text, the
/// token itself for a lone hole (`arn_of` gives the expression of a resource's ARN), a
/// template literal otherwise. `arn_of`
/// maps the logical ID of a resource of this stack to the expression of its ARN (`None` when
/// the backend does not know the resource).
pub fn template(
    template: &Template,
    arn_of: &dyn Fn(&str) -> Option<String>,
) -> Result<String, String> {
    if let Some(text) = template.as_text() {
        return Ok(string(text));
    }
    let hole = |part: &Part| -> Result<String, String> {
        Ok(match part {
            Part::Partition => "Aws.PARTITION".to_owned(),
            Part::Region => "Aws.REGION".to_owned(),
            Part::Account => "Aws.ACCOUNT_ID".to_owned(),
            Part::ArnOf(id) => arn_of(id.as_str())
                .ok_or_else(|| format!("no construct holds the ARN of `{id}`"))?,
            Part::Text(t) => string(t),
        })
    };
    // A lone hole is its token itself (`Aws.ACCOUNT_ID`, `repository.repositoryArn`).
    if let [one] = template.0.as_slice() {
        return hole(one);
    }
    let mut out = String::from("`");
    for part in &template.0 {
        match part {
            Part::Text(t) => out.push_str(&template_text(t)),
            other => {
                out.push_str("${");
                out.push_str(&hole(other)?);
                out.push('}');
            }
        }
    }
    out.push('`');
    Ok(out)
}

/// Words TypeScript reserves (or gives meaning in strict code): never an identifier.
const RESERVED: &[&str] = &[
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "as",
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "yield",
    "any",
    "boolean",
    "constructor",
    "declare",
    "get",
    "module",
    "require",
    "number",
    "set",
    "string",
    "symbol",
    "type",
    "from",
    "of",
    "await",
    "async",
];

/// `text` if it is a plain ASCII identifier (`[A-Za-z_][A-Za-z0-9_]*`, not a reserved word).
pub fn ident(text: &str) -> Result<&str, String> {
    let ok = text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !RESERVED.contains(&text);
    if ok {
        Ok(text)
    } else {
        Err(format!("`{text}` is not a TypeScript identifier"))
    }
}

/// `text` for a comment: one line (every line terminator JavaScript knows becomes a space) and
/// no `*/`, so it can neither end a `//` comment nor close a `/** */` one.
pub fn comment(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    one_line.replace("*/", "* /")
}

/// An object literal key: the name itself when it is an identifier name, else a string;
/// `__proto__` (which a literal key would take for the prototype) as a computed key.
pub fn key(text: &str) -> String {
    if text == "__proto__" {
        return format!("[{}]", string(text));
    }
    let plain = text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if plain { text.to_owned() } else { string(text) }
}

/// `lowerCamelCase` of a PascalCase logical ID: `SupportAgent` → `supportAgent`.
pub fn camel(pascal: &str) -> String {
    let mut chars = pascal.chars();
    chars
        .next()
        .map(|first| first.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use agentc_ir::LogicalId;

    use super::*;

    const HOSTILE: &str = "a\"b'c\\d${process.exit(1)}`e`\nf\r\u{2028}g*/h\u{0}";

    #[test]
    fn strings_are_json_literals_that_round_trip() {
        let lit = string(HOSTILE);
        assert!(lit.starts_with('"') && lit.ends_with('"'));
        // Nothing in the middle can end the literal: every quote and backslash is escaped.
        let inner = &lit[1..lit.len() - 1];
        let mut escaped = false;
        for c in inner.chars() {
            assert!(escaped || c != '"', "{lit}");
            assert!(c != '\n' && c != '\r', "{lit}");
            escaped = !escaped && c == '\\';
        }
        let back: String = serde_json::from_str(&lit).unwrap();
        assert_eq!(back, HOSTILE);
    }

    #[test]
    fn template_text_cannot_interpolate_or_close() {
        let t = Template(vec![
            Part::Text(HOSTILE.into()),
            Part::Partition,
            Part::Text("x".into()),
        ]);
        let ts = template(&t, &|_| None).unwrap();
        assert_eq!(
            ts.matches('`').count() - ts.matches("\\`").count(),
            2,
            "{ts}"
        );
        // The only unescaped `${` is the hole's.
        assert_eq!(
            ts.matches("${").count() - ts.matches("\\${").count(),
            1,
            "{ts}"
        );
        assert!(ts.contains("${Aws.PARTITION}"), "{ts}");
        assert!(!ts.contains('\n') && !ts.contains('\u{2028}'), "{ts}");
    }

    #[test]
    fn templates_pick_the_smallest_form() {
        assert_eq!(template(&Template::text("*"), &|_| None).unwrap(), "\"*\"");
        let repo = LogicalId::new("Repo").unwrap();
        let arn = |id: &str| (id == "Repo").then(|| "repository.repositoryArn".to_owned());
        assert_eq!(
            template(&Template::arn_of(&repo), &arn).unwrap(),
            "repository.repositoryArn"
        );
        assert_eq!(
            template(
                &Template::parse("arn:{partition}:logs:{region}:{account}:*"),
                &arn
            )
            .unwrap(),
            "`arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:*`"
        );
        let other = LogicalId::new("Other").unwrap();
        assert!(template(&Template::arn_of(&other), &arn).is_err());
    }

    #[test]
    fn identifiers_are_checked_not_escaped() {
        assert_eq!(
            ident("SupportAgentRepository"),
            Ok("SupportAgentRepository")
        );
        for bad in ["", "1a", "a-b", "a b", "a\"", "class", "a;b", "é"] {
            assert!(ident(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn comments_stay_on_one_line_and_open() {
        let c = comment(HOSTILE);
        assert!(!c.contains('\n') && !c.contains('\r') && !c.contains('\u{2028}'));
        assert!(!c.contains("*/"));
        assert_eq!(camel("SupportAgent"), "supportAgent");
    }

    #[test]
    fn keys_are_bare_only_when_they_can_be() {
        assert_eq!(key("LOG_LEVEL"), "LOG_LEVEL");
        assert_eq!(key("data-classification"), "\"data-classification\"");
        assert_eq!(key("aws:SourceArn"), "\"aws:SourceArn\"");
        assert_eq!(key("__proto__"), "[\"__proto__\"]");
        assert_eq!(key("a\"}; evil(); {\""), "\"a\\\"}; evil(); {\\\"\"");
    }
}
