//! The handlebars registry: templates embedded with `include_str!`, HTML escaping off
//! (`no_escape`), strict mode on, and typed helpers that are the only way a value reaches the
//! output. A helper given the wrong type of value fails the render; it never guesses.

use handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderError,
    RenderErrorReason,
};
use serde_json::Value as Json;

use crate::hcl::{self, Value};

/// Every template: `(output file, template text)`. Whether a file is written is decided in
/// [`crate::files`].
pub(crate) const TEMPLATES: &[(&str, &str)] = &[
    ("versions.tf", include_str!("templates/versions.tf.hbs")),
    ("providers.tf", include_str!("templates/providers.tf.hbs")),
    ("variables.tf", include_str!("templates/variables.tf.hbs")),
    ("main.tf", include_str!("templates/main.tf.hbs")),
    ("ecr.tf", include_str!("templates/ecr.tf.hbs")),
    ("iam.tf", include_str!("templates/iam.tf.hbs")),
    ("runtime.tf", include_str!("templates/runtime.tf.hbs")),
    ("network.tf", include_str!("templates/network.tf.hbs")),
    ("auth.tf", include_str!("templates/auth.tf.hbs")),
    ("logs.tf", include_str!("templates/logs.tf.hbs")),
    ("alarms.tf", include_str!("templates/alarms.tf.hbs")),
    ("audit.tf", include_str!("templates/audit.tf.hbs")),
    ("outputs.tf", include_str!("templates/outputs.tf.hbs")),
    ("README.md", include_str!("templates/README.md.hbs")),
    ("deploy.sh", include_str!("templates/deploy.sh.hbs")),
];

fn fail(helper: &str, why: impl std::fmt::Display) -> RenderError {
    RenderErrorReason::Other(format!("{helper}: {why}")).into()
}

fn param<'a>(h: &'a Helper<'_>, name: &str) -> Result<&'a Json, RenderError> {
    h.param(0)
        .map(|p| p.value())
        .ok_or_else(|| fail(name, "missing parameter"))
}

fn text<'a>(h: &'a Helper<'_>, name: &str) -> Result<&'a str, RenderError> {
    param(h, name)?
        .as_str()
        .ok_or_else(|| fail(name, "expects a string"))
}

fn value(name: &str, json: &Json) -> Result<String, RenderError> {
    if let Some(s) = json.as_str() {
        return Ok(hcl::string(s));
    }
    let v: Value = serde_json::from_value::<Vec<PieceIn>>(json.clone())
        .map(|pieces| Value(pieces.into_iter().map(PieceIn::into_piece).collect()))
        .map_err(|e| fail(name, format!("expects a string or a value: {e}")))?;
    v.render()
        .ok_or_else(|| fail(name, "a reference is not a Terraform traversal"))
}

/// [`hcl::Piece`] as it comes back from the view's JSON.
#[derive(serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum PieceIn {
    Text(String),
    Ref(String),
}

impl PieceIn {
    fn into_piece(self) -> hcl::Piece {
        match self {
            Self::Text(t) => hcl::Piece::Text(t),
            Self::Ref(r) => hcl::Piece::Ref(r),
        }
    }
}

type HelperFn = fn(&Helper<'_>) -> Result<String, RenderError>;

/// `{{hcl_string s}}`: a quoted, escaped HCL string.
fn hcl_string(h: &Helper<'_>) -> Result<String, RenderError> {
    Ok(hcl::string(text(h, "hcl_string")?))
}

/// `{{hcl_value v}}`: a string or a [`Value`] (text with references).
fn hcl_value(h: &Helper<'_>) -> Result<String, RenderError> {
    value("hcl_value", param(h, "hcl_value")?)
}

fn items(h: &Helper<'_>, name: &str) -> Result<Vec<String>, RenderError> {
    let list = param(h, name)?
        .as_array()
        .ok_or_else(|| fail(name, "expects a list"))?;
    list.iter().map(|item| value(name, item)).collect()
}

/// `{{hcl_list xs}}`: `[a, b]` on one line.
fn hcl_list(h: &Helper<'_>) -> Result<String, RenderError> {
    Ok(format!("[{}]", items(h, "hcl_list")?.join(", ")))
}

/// `{{hcl_lines xs}}`: one item a line when there are several (the formatter indents them).
fn hcl_lines(h: &Helper<'_>) -> Result<String, RenderError> {
    let items = items(h, "hcl_lines")?;
    if items.len() < 2 {
        return Ok(format!("[{}]", items.join(", ")));
    }
    Ok(format!("[\n{},\n]", items.join(",\n")))
}

/// `{{hcl_ident s}}`: an identifier, checked.
fn hcl_ident(h: &Helper<'_>) -> Result<String, RenderError> {
    let s = text(h, "hcl_ident")?;
    if hcl::is_identifier(s) {
        Ok(s.to_owned())
    } else {
        Err(fail("hcl_ident", format!("`{s}` is not an identifier")))
    }
}

/// `{{hcl_number n}}`: a JSON number, as HCL writes it.
fn hcl_number(h: &Helper<'_>) -> Result<String, RenderError> {
    let n = param(h, "hcl_number")?
        .as_f64()
        .ok_or_else(|| fail("hcl_number", "expects a number"))?;
    hcl::number(n).ok_or_else(|| fail("hcl_number", "not a finite number"))
}

/// `{{hcl_bool b}}`.
fn hcl_bool(h: &Helper<'_>) -> Result<String, RenderError> {
    let b = param(h, "hcl_bool")?
        .as_bool()
        .ok_or_else(|| fail("hcl_bool", "expects a boolean"))?;
    Ok(b.to_string())
}

/// `{{comment s}}`: text for a `#` comment (HCL or shell) or a markdown line: one line.
fn comment(h: &Helper<'_>) -> Result<String, RenderError> {
    Ok(crate::names::one_line(text(h, "comment")?))
}

/// `{{sh_quote s}}`: a single-quoted shell word.
fn sh_quote(h: &Helper<'_>) -> Result<String, RenderError> {
    Ok(format!("'{}'", text(h, "sh_quote")?.replace('\'', r"'\''")))
}

/// `{{md_code s}}`: inline markdown code.
fn md_code(h: &Helper<'_>) -> Result<String, RenderError> {
    let s = crate::names::one_line(text(h, "md_code")?);
    let fence = if s.contains('`') { "``" } else { "`" };
    Ok(format!("{fence}{s}{fence}"))
}

const HELPERS: &[(&str, HelperFn)] = &[
    ("hcl_string", hcl_string),
    ("hcl_value", hcl_value),
    ("hcl_list", hcl_list),
    ("hcl_lines", hcl_lines),
    ("hcl_ident", hcl_ident),
    ("hcl_number", hcl_number),
    ("hcl_bool", hcl_bool),
    ("comment", comment),
    ("sh_quote", sh_quote),
    ("md_code", md_code),
];

/// A registered helper: the function, adapted to handlebars' interface.
struct Typed(HelperFn);

impl handlebars::HelperDef for Typed {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        out.write(&(self.0)(h)?)?;
        Ok(())
    }
}

/// The registry with every template and helper; an error names the broken template.
pub(crate) fn registry() -> Result<Handlebars<'static>, String> {
    let mut hb = Handlebars::new();
    hb.register_escape_fn(handlebars::no_escape);
    hb.set_strict_mode(true);
    for (name, f) in HELPERS {
        hb.register_helper(name, Box::new(Typed(*f)));
    }
    for (name, text) in TEMPLATES {
        hb.register_template_string(name, *text)
            .map_err(|e| format!("template {name}: {e}"))?;
    }
    Ok(hb)
}
