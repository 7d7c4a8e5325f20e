//! Typed access to one KDL node: its arguments, properties and children, reporting every
//! wrong type, duplicate, unknown name and stray value as it goes. The per-node decoders in
//! `decode` are written in terms of these helpers only.

use agentc_diagnostics::{Code, Diagnostic, Diagnostics, Span, did_you_mean};
use kdl::{KdlEntry, KdlNode, KdlValue};

use crate::ast::{Entry, Spanned, SpannedList};
use crate::duration::parse_duration;

/// A miette span from kdl as ours.
pub(crate) fn span(s: miette::SourceSpan) -> Span {
    Span::new(s.offset(), s.offset() + s.len())
}

/// The span of an entry's value: for `key=value`, only `value` (kdl's span covers both).
fn value_span(entry: &KdlEntry) -> Span {
    let whole = span(entry.span());
    match (entry.name(), entry.format()) {
        (Some(_), Some(format)) if format.value_repr.len() <= whole.len() => {
            Span::new(whole.end - format.value_repr.len(), whole.end)
        }
        _ => whole,
    }
}

/// What the user wrote, named the way the docs name KDL types.
fn type_name(value: &KdlValue) -> &'static str {
    match value {
        KdlValue::String(_) => "a string",
        KdlValue::Integer(_) => "an integer",
        KdlValue::Float(f) if f.is_finite() => "a number",
        KdlValue::Float(_) => "a number that is not finite (#nan or #inf)",
        KdlValue::Bool(_) => "a boolean",
        KdlValue::Null => "#null",
    }
}

fn wrong_type(entry: &KdlEntry, expected: &str, what: &str) -> Diagnostic {
    let found = type_name(entry.value());
    let mut d = Diagnostic::new(
        Code::SchemaWrongType,
        format!("{what} must be {expected}, found {found}"),
    )
    .at(value_span(entry), format!("expected {expected}"));
    if expected.contains("string") && !matches!(entry.value(), KdlValue::String(_)) {
        d = d.help("quote the value: KDL strings are written in double quotes");
    } else if (expected.contains("integer") || expected.contains("number"))
        && let KdlValue::String(text) = entry.value()
    {
        d = d.help(format!("remove the quotes: {}", text.trim()));
    } else if expected.contains("boolean") {
        d = d.help("write #true or #false (KDL 2.0)");
    }
    d
}

/// A node's head: its name and entries, without the block.
pub(crate) fn head_span(node: &KdlNode) -> Span {
    let name = span(node.name().span());
    let end = node
        .entries()
        .iter()
        .map(|e| span(e.span()).end)
        .max()
        .unwrap_or(name.end);
    Span::new(name.start, end.max(name.end))
}

/// One node, its entries split into arguments and properties. Properties are read by name;
/// [`NodeReader::finish`] reports the ones nobody read.
pub(crate) struct NodeReader<'n> {
    node: &'n KdlNode,
    args: Vec<&'n KdlEntry>,
    props: Vec<&'n KdlEntry>,
    read: Vec<&'static str>,
    what: String,
}

impl<'n> NodeReader<'n> {
    /// Read `node`; `what` names it in messages (e.g. "`agent`").
    pub(crate) fn new(node: &'n KdlNode, diags: &mut Diagnostics) -> Self {
        let mut args = Vec::new();
        let mut props: Vec<&KdlEntry> = Vec::new();
        for entry in node.entries() {
            match entry.name() {
                None => args.push(entry),
                Some(key) => {
                    if let Some(first) = props
                        .iter()
                        .find(|p| p.name().map(|n| n.value()) == Some(key.value()))
                    {
                        diags.push(
                            Diagnostic::new(
                                Code::SchemaDuplicateProperty,
                                format!(
                                    "property `{}` is given twice on `{}`",
                                    key.value(),
                                    node.name().value()
                                ),
                            )
                            .at(span(entry.span()), "given again here")
                            .also(span(first.span()), "first given here")
                            .help("keep one of them: KDL would silently use the last"),
                        );
                    } else {
                        props.push(entry);
                    }
                }
            }
        }
        Self {
            node,
            args,
            props,
            read: Vec::new(),
            what: format!("`{}`", node.name().value()),
        }
    }

    /// The node's name.
    pub(crate) fn name(&self) -> &str {
        self.node.name().value()
    }

    /// The node's head: its name and entries, without the block (labels stay one line).
    pub(crate) fn span(&self) -> Span {
        head_span(self.node)
    }

    /// Just the node's name.
    pub(crate) fn name_span(&self) -> Span {
        span(self.node.name().span())
    }

    /// The node's children, if it has a block.
    pub(crate) fn children(&self) -> &'n [KdlNode] {
        self.node.children().map(|d| d.nodes()).unwrap_or_default()
    }

    /// The string argument at `index`, if present (a wrong type is reported).
    pub(crate) fn arg_string(
        &self,
        index: usize,
        diags: &mut Diagnostics,
    ) -> Option<Spanned<String>> {
        let entry = self.args.get(index)?;
        string_of(
            entry,
            &format!("argument {} of {}", index + 1, self.what),
            diags,
        )
    }

    /// The string argument at `index`, reporting its absence: `example` shows a correct node.
    pub(crate) fn required_arg_string(
        &self,
        index: usize,
        what: &str,
        example: &str,
        diags: &mut Diagnostics,
    ) -> Option<Spanned<String>> {
        if self.args.len() <= index {
            diags.push(
                Diagnostic::new(
                    Code::SchemaMissingValue,
                    format!("{} needs {what}", self.what),
                )
                .at(self.name_span(), format!("{what} missing"))
                .help(format!("write it as: {example}")),
            );
            return None;
        }
        self.arg_string(index, diags)
    }

    /// Every argument, as strings; at least one, else `missing-value`.
    pub(crate) fn string_args(
        &self,
        what: &str,
        example: &str,
        diags: &mut Diagnostics,
    ) -> Vec<Spanned<String>> {
        if self.args.is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::SchemaMissingValue,
                    format!("{} needs at least one {what}", self.what),
                )
                .at(self.name_span(), format!("no {what} given"))
                .help(format!("write it as: {example}")),
            );
        }
        let what = format!("each {what} of {}", self.what);
        self.args
            .iter()
            .filter_map(|e| string_of(e, &what, diags))
            .collect()
    }

    /// Report the arguments past the first `count`.
    pub(crate) fn at_most_args(&self, count: usize, diags: &mut Diagnostics) {
        for entry in self.args.iter().skip(count) {
            let takes = match count {
                0 => "no argument".to_owned(),
                1 => "one argument".to_owned(),
                n => format!("{n} arguments"),
            };
            diags.push(
                Diagnostic::new(
                    Code::SchemaUnexpectedArgument,
                    format!("{} takes {takes}", self.what),
                )
                .at(span(entry.span()), "unexpected argument")
                .help("remove it, or write it as a property `name=value` if one was meant"),
            );
        }
    }

    /// Whether property `key` was written at all (whatever its value).
    pub(crate) fn has_prop(&self, key: &str) -> bool {
        self.props
            .iter()
            .any(|p| p.name().map(|n| n.value()) == Some(key))
    }

    fn prop(&mut self, key: &'static str) -> Option<&'n KdlEntry> {
        self.read.push(key);
        self.props
            .iter()
            .find(|p| p.name().map(|n| n.value()) == Some(key))
            .copied()
    }

    /// Property `key` as a string.
    pub(crate) fn prop_string(
        &mut self,
        key: &'static str,
        diags: &mut Diagnostics,
    ) -> Option<Spanned<String>> {
        let entry = self.prop(key)?;
        string_of(entry, &format!("`{key}`"), diags)
    }

    /// Property `key` as a boolean.
    pub(crate) fn prop_bool(
        &mut self,
        key: &'static str,
        diags: &mut Diagnostics,
    ) -> Option<Spanned<bool>> {
        let entry = self.prop(key)?;
        bool_of(entry, &format!("`{key}`"), diags)
    }

    /// Property `key` as an integer.
    pub(crate) fn prop_int(
        &mut self,
        key: &'static str,
        diags: &mut Diagnostics,
    ) -> Option<Spanned<i128>> {
        let entry = self.prop(key)?;
        int_of(entry, &format!("`{key}`"), diags)
    }

    /// Property `key` as a number (integer or float).
    pub(crate) fn prop_number(
        &mut self,
        key: &'static str,
        diags: &mut Diagnostics,
    ) -> Option<Spanned<f64>> {
        let entry = self.prop(key)?;
        let at = value_span(entry);
        match entry.value() {
            // Thresholds are far below 2^53: the conversion is exact for every sane value.
            #[allow(clippy::cast_precision_loss)]
            KdlValue::Integer(i) => Some(Spanned::new(*i as f64, at)),
            KdlValue::Float(f) if f.is_finite() => Some(Spanned::new(*f, at)),
            _ => {
                diags.push(wrong_type(entry, "a number", &format!("`{key}`")));
                None
            }
        }
    }

    /// Property `key` as a duration in seconds (`"15m"`, `"8h"`, `"90s"` or an integer).
    pub(crate) fn prop_duration(
        &mut self,
        key: &'static str,
        diags: &mut Diagnostics,
    ) -> Option<Spanned<u64>> {
        let entry = self.prop(key)?;
        duration_of(entry, &format!("`{key}`"), diags)
    }

    /// Every property, in order, as string map entries (for `env` and `tags`). Values that are
    /// not strings are reported.
    pub(crate) fn all_props_as_entries(&mut self, diags: &mut Diagnostics) -> Vec<Entry> {
        let mut entries = Vec::new();
        for entry in &self.props {
            let Some(key) = entry.name() else { continue };
            let what = format!("`{}`", key.value());
            if let Some(value) = string_of(entry, &what, diags) {
                entries.push(Entry {
                    key: Spanned::new(key.value().to_owned(), span(key.span())),
                    value,
                });
            }
        }
        self.read.clear();
        self.props.clear();
        entries
    }

    /// Report the properties nobody read, and children if the node takes none.
    pub(crate) fn finish(self, takes_children: bool, diags: &mut Diagnostics) {
        for entry in &self.props {
            let Some(key) = entry.name() else { continue };
            if self.read.contains(&key.value()) {
                continue;
            }
            let mut d = Diagnostic::new(
                Code::SchemaUnknownProperty,
                format!("{} has no property `{}`", self.what, key.value()),
            )
            .at(span(key.span()), "unknown property");
            d = match did_you_mean(key.value(), &self.read) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None if self.read.is_empty() => {
                    d.help(format!("{} takes no properties", self.what))
                }
                None => d.help(format!("{} takes: {}", self.what, self.read.join(", "))),
            };
            diags.push(d);
        }
        if !takes_children && let Some(children) = self.node.children() {
            diags.push(
                Diagnostic::new(
                    Code::SchemaUnexpectedChildren,
                    format!("{} takes no block", self.what),
                )
                .at(span(children.span()), "unexpected block")
                .help("remove the `{ … }` block"),
            );
        }
    }
}

fn string_of(entry: &KdlEntry, what: &str, diags: &mut Diagnostics) -> Option<Spanned<String>> {
    match entry.value() {
        KdlValue::String(s) => Some(Spanned::new(s.clone(), value_span(entry))),
        _ => {
            diags.push(wrong_type(entry, "a string", what));
            None
        }
    }
}

fn bool_of(entry: &KdlEntry, what: &str, diags: &mut Diagnostics) -> Option<Spanned<bool>> {
    match entry.value() {
        KdlValue::Bool(b) => Some(Spanned::new(*b, value_span(entry))),
        _ => {
            diags.push(wrong_type(entry, "a boolean", what));
            None
        }
    }
}

fn int_of(entry: &KdlEntry, what: &str, diags: &mut Diagnostics) -> Option<Spanned<i128>> {
    match entry.value() {
        KdlValue::Integer(i) => Some(Spanned::new(*i, value_span(entry))),
        _ => {
            diags.push(wrong_type(entry, "an integer", what));
            None
        }
    }
}

fn duration_of(entry: &KdlEntry, what: &str, diags: &mut Diagnostics) -> Option<Spanned<u64>> {
    let at = value_span(entry);
    let parsed = match entry.value() {
        KdlValue::Integer(i) if *i < 0 => Err("a duration cannot be negative".to_owned()),
        KdlValue::Integer(i) => u64::try_from(*i).map_err(|_| "the number is too large".to_owned()),
        KdlValue::String(s) => parse_duration(s),
        _ => {
            diags.push(wrong_type(
                entry,
                "a duration such as \"15m\" or an integer of seconds",
                what,
            ));
            return None;
        }
    };
    match parsed {
        Ok(seconds) => Some(Spanned::new(seconds, at)),
        Err(why) => {
            diags.push(
                Diagnostic::new(Code::SchemaInvalidValue, format!("{what} is not a duration: {why}"))
                    .at(at, "not a duration")
                    .help("write a whole number of seconds, minutes or hours: \"90s\", \"15m\", \"8h\", \"1h30m\""),
            );
            None
        }
    }
}

/// A leaf node `name "value"`: one string argument, nothing else.
pub(crate) fn leaf_string(
    node: &KdlNode,
    example: &str,
    diags: &mut Diagnostics,
) -> Option<Spanned<String>> {
    let r = NodeReader::new(node, diags);
    let value = r.required_arg_string(0, "a value", example, diags);
    r.at_most_args(1, diags);
    r.finish(false, diags);
    value
}

/// A leaf node `name #true`: one boolean argument.
pub(crate) fn leaf_bool(node: &KdlNode, diags: &mut Diagnostics) -> Option<Spanned<bool>> {
    let r = NodeReader::new(node, diags);
    let value = match r.args.first() {
        Some(entry) => bool_of(entry, &r.what, diags),
        None => {
            diags.push(
                Diagnostic::new(
                    Code::SchemaMissingValue,
                    format!("{} needs #true or #false", r.what),
                )
                .at(r.name_span(), "value missing")
                .help(format!("write it as: {} #true", r.name())),
            );
            None
        }
    };
    r.at_most_args(1, diags);
    r.finish(false, diags);
    value
}

/// A leaf node `name 30`: one integer argument.
pub(crate) fn leaf_int(node: &KdlNode, diags: &mut Diagnostics) -> Option<Spanned<i128>> {
    let r = NodeReader::new(node, diags);
    let value = match r.args.first() {
        Some(entry) => int_of(entry, &r.what, diags),
        None => {
            diags.push(
                Diagnostic::new(
                    Code::SchemaMissingValue,
                    format!("{} needs an integer", r.what),
                )
                .at(r.name_span(), "value missing")
                .help(format!("write it as: {} 30", r.name())),
            );
            None
        }
    };
    r.at_most_args(1, diags);
    r.finish(false, diags);
    value
}

/// A leaf node `name "a" "b" …`: one or more string arguments.
pub(crate) fn leaf_list(
    node: &KdlNode,
    what: &str,
    example: &str,
    diags: &mut Diagnostics,
) -> Option<SpannedList> {
    let r = NodeReader::new(node, diags);
    let items = r.string_args(what, example, diags);
    let list = SpannedList {
        items,
        span: r.span(),
    };
    r.finish(false, diags);
    (!list.items.is_empty()).then_some(list)
}

/// Anything that knows where it was written.
pub(crate) trait Located {
    /// Where it was written.
    fn location(&self) -> Span;
}

impl<T> Located for Spanned<T> {
    fn location(&self) -> Span {
        self.span
    }
}

impl Located for SpannedList {
    fn location(&self) -> Span {
        self.span
    }
}

macro_rules! located_by_span_field {
    ($($t:ty),*) => {$(impl Located for $t { fn location(&self) -> Span { self.span } })*};
}
located_by_span_field!(
    crate::ast::Project,
    crate::ast::Image,
    crate::ast::Network,
    crate::ast::Auth,
    crate::ast::Observability,
    crate::ast::Permissions,
    crate::ast::Audit,
    crate::ast::Lifecycle
);

/// Put `value` in `slot`, reporting a second occurrence of a node that may appear once.
pub(crate) fn set_once<T: Located>(
    slot: &mut Option<T>,
    value: Option<T>,
    node: &KdlNode,
    diags: &mut Diagnostics,
) {
    if let Some(first) = slot {
        diags.push(
            Diagnostic::new(
                Code::SchemaDuplicateNode,
                format!("`{}` may appear only once here", node.name().value()),
            )
            .at(head_span(node), "appears again here")
            .also(first.location(), "first appears here")
            .help("merge the two into one node"),
        );
        return;
    }
    *slot = value;
}

/// Report a child node the parent does not take.
pub(crate) fn unknown_node(node: &KdlNode, parent: &str, known: &[&str], diags: &mut Diagnostics) {
    let name = node.name().value();
    let mut d = Diagnostic::new(
        Code::SchemaUnknownNode,
        format!("unknown node `{name}` in {parent}"),
    )
    .at(span(node.name().span()), "unknown node");
    d = match did_you_mean(name, known) {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => d.help(format!("{parent} takes: {}", known.join(", "))),
    };
    diags.push(d);
}
