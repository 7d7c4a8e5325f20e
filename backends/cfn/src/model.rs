//! A small JSON model whose objects keep their insertion order, and the CloudFormation
//! template built from it.
//!
//! The order of every key is decided here and by the code that fills the template, never by a
//! map type: `serde_json::Map` changes order with the `preserve_order` feature, which any crate
//! in a build may switch on. [`Json`] serializes objects entry by entry, so the output is the
//! same whatever features serde_json was built with.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A finite number with a fraction.
    Float(f64),
    /// A string.
    Str(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, in insertion order.
    Object(Object),
}

/// A JSON object: keys in the order they were inserted, each at most once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Object(Vec<(String, Json)>);

impl Object {
    /// An empty object.
    pub fn new() -> Self {
        Self::default()
    }

    /// Append `key`; a key that is already present is a bug in the caller.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Json>) {
        let key = key.into();
        debug_assert!(self.get(&key).is_none(), "duplicate key `{key}`");
        self.0.push((key, value.into()));
    }

    /// `self` with `key` appended.
    pub fn with(mut self, key: impl Into<String>, value: impl Into<Json>) -> Self {
        self.insert(key, value);
        self
    }

    /// `self` with `key` appended when `value` is `Some`.
    pub fn with_some(self, key: impl Into<String>, value: Option<impl Into<Json>>) -> Self {
        match value {
            Some(value) => self.with(key, value),
            None => self,
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Whether the object has no entry.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entries, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Json)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

impl Json {
    /// A number: whole values print without a fraction (`1`, not `1.0`). `None` for NaN and
    /// the infinities, which JSON cannot hold.
    pub fn number(value: f64) -> Option<Self> {
        if !value.is_finite() {
            return None;
        }
        // 2^53: every whole f64 below it is an exact i64.
        if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 {
            #[allow(clippy::cast_possible_truncation)]
            return Some(Self::Int(value as i64));
        }
        Some(Self::Float(value))
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Self::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Self::Array(a) => Some(a),
            _ => None,
        }
    }

    /// Every string in this value, depth first (keys excluded).
    pub fn strings(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_strings(&mut out);
        out
    }

    fn collect_strings<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Self::Str(s) => out.push(s),
            Self::Array(a) => a.iter().for_each(|v| v.collect_strings(out)),
            Self::Object(o) => o.iter().for_each(|(_, v)| v.collect_strings(out)),
            Self::Bool(_) | Self::Int(_) | Self::Float(_) => {}
        }
    }

    /// Compact JSON text (for JSON embedded in a string property).
    pub fn to_compact(&self) -> String {
        serde_json::to_string(self).expect("a Json value always serializes")
    }

    /// JSON text indented by two spaces, with a trailing newline.
    pub fn to_pretty(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a Json value always serializes");
        text.push('\n');
        text
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Bool(b) => serializer.serialize_bool(*b),
            Self::Int(i) => serializer.serialize_i64(*i),
            Self::Float(f) => serializer.serialize_f64(*f),
            Self::Str(s) => serializer.serialize_str(s),
            Self::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Self::Object(object) => {
                let mut map = serializer.serialize_map(Some(object.0.len()))?;
                for (key, value) in &object.0 {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Self {
        Self::Str(s.to_owned())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Self {
        Self::Str(s)
    }
}

impl From<&String> for Json {
    fn from(s: &String) -> Self {
        Self::Str(s.clone())
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Self {
        Self::Bool(b)
    }
}

impl From<u32> for Json {
    fn from(n: u32) -> Self {
        Self::Int(i64::from(n))
    }
}

impl From<Object> for Json {
    fn from(o: Object) -> Self {
        Self::Object(o)
    }
}

impl From<Vec<Json>> for Json {
    fn from(items: Vec<Json>) -> Self {
        Self::Array(items)
    }
}

/// An object literal whose keys keep the order written: `obj! { "Type" => "AWS::S3::Bucket" }`.
macro_rules! obj {
    ($($key:expr => $value:expr),* $(,)?) => {
        $crate::model::Object::new()$(.with($key, $value))*
    };
}

/// An array literal of anything that converts into [`Json`]: `arr!["a", obj! {}]`.
macro_rules! arr {
    ($($value:expr),* $(,)?) => {
        $crate::model::Json::Array(vec![$($crate::model::Json::from($value)),*])
    };
}

pub(crate) use {arr, obj};

/// `DeletionPolicy` and `UpdateReplacePolicy` (always set together, to the same value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retention {
    /// Kept when the stack or the resource goes.
    Retain,
    /// Deleted with the stack.
    Delete,
}

impl Retention {
    /// Retain when `keep`, else Delete.
    pub fn keep_if(keep: bool) -> Self {
        if keep { Self::Retain } else { Self::Delete }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::Retain => "Retain",
            Self::Delete => "Delete",
        }
    }
}

/// One resource of the template.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// `AWS::…::…`.
    pub kind: &'static str,
    /// The condition the resource is created under.
    pub condition: Option<String>,
    /// Explicit dependencies (beyond those `Ref`/`GetAtt` imply).
    pub depends_on: Vec<String>,
    /// Deletion and replacement policy.
    pub retention: Option<Retention>,
    /// Resource metadata (agentc's notes, checkov skips).
    pub metadata: Object,
    /// The properties.
    pub properties: Object,
}

impl Resource {
    /// A resource of type `kind` with `properties`.
    pub fn new(kind: &'static str, properties: Object) -> Self {
        Self {
            kind,
            condition: None,
            depends_on: Vec::new(),
            retention: None,
            metadata: Object::new(),
            properties,
        }
    }

    /// Created only under `condition`.
    pub fn condition(mut self, condition: Option<&str>) -> Self {
        self.condition = condition.map(str::to_owned);
        self
    }

    /// Depends on `ids`.
    pub fn depends_on(mut self, ids: &[&str]) -> Self {
        self.depends_on = ids.iter().map(|id| (*id).to_owned()).collect();
        self
    }

    /// With deletion and replacement policy `retention`.
    pub fn retention(mut self, retention: Retention) -> Self {
        self.retention = Some(retention);
        self
    }

    /// With `metadata`.
    pub fn metadata(mut self, metadata: Object) -> Self {
        self.metadata = metadata;
        self
    }

    fn to_json(&self) -> Json {
        let mut o = obj! { "Type" => self.kind };
        if let Some(condition) = &self.condition {
            o.insert("Condition", condition.as_str());
        }
        if !self.depends_on.is_empty() {
            o.insert(
                "DependsOn",
                Json::Array(self.depends_on.iter().map(Json::from).collect()),
            );
        }
        if let Some(retention) = self.retention {
            o.insert("DeletionPolicy", retention.as_str());
            o.insert("UpdateReplacePolicy", retention.as_str());
        }
        if !self.metadata.is_empty() {
            o.insert("Metadata", self.metadata.clone());
        }
        o.insert("Properties", self.properties.clone());
        Json::Object(o)
    }
}

/// A CloudFormation template, its sections in the order they are written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Template {
    /// `Description`.
    pub description: String,
    /// `Metadata`.
    pub metadata: Object,
    /// `Parameters`.
    pub parameters: Object,
    /// `Rules`.
    pub rules: Object,
    /// `Conditions`.
    pub conditions: Object,
    /// `Resources`, by logical ID.
    pub resources: Vec<(String, Resource)>,
    /// `Outputs`.
    pub outputs: Object,
}

impl Template {
    /// Add resource `id`.
    pub fn add(&mut self, id: &str, resource: Resource) {
        debug_assert!(self.resource(id).is_none(), "duplicate resource `{id}`");
        self.resources.push((id.to_owned(), resource));
    }

    /// Resource `id`.
    pub fn resource(&self, id: &str) -> Option<&Resource> {
        self.resources.iter().find(|(k, _)| k == id).map(|(_, r)| r)
    }

    /// The whole template as JSON; empty optional sections are left out.
    pub fn to_json(&self) -> Json {
        let mut o = obj! {
            "AWSTemplateFormatVersion" => "2010-09-09",
            "Description" => self.description.as_str(),
        };
        for (key, section) in [
            ("Metadata", &self.metadata),
            ("Parameters", &self.parameters),
            ("Rules", &self.rules),
            ("Conditions", &self.conditions),
        ] {
            if !section.is_empty() {
                o.insert(key, section.clone());
            }
        }
        let mut resources = Object::new();
        for (id, resource) in &self.resources {
            resources.insert(id.as_str(), resource.to_json());
        }
        o.insert("Resources", resources);
        if !self.outputs.is_empty() {
            o.insert("Outputs", self.outputs.clone());
        }
        Json::Object(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_keep_insertion_order() {
        let o = obj! { "b" => 1u32, "a" => arr!["x", true], "c" => obj! {} };
        assert_eq!(
            Json::Object(o).to_compact(),
            r#"{"b":1,"a":["x",true],"c":{}}"#
        );
    }

    #[test]
    fn pretty_is_two_spaces_with_a_trailing_newline() {
        let text = Json::Object(obj! { "k" => arr!["v"] }).to_pretty();
        assert_eq!(text, "{\n  \"k\": [\n    \"v\"\n  ]\n}\n");
    }

    #[test]
    fn whole_numbers_have_no_fraction() {
        assert_eq!(Json::number(30000.0), Some(Json::Int(30000)));
        assert_eq!(Json::number(0.5), Some(Json::Float(0.5)));
        assert_eq!(Json::number(f64::NAN), None);
        assert_eq!(Json::number(f64::INFINITY), None);
        assert_eq!(Json::Float(0.5).to_compact(), "0.5");
    }
}
