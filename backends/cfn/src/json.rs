//! A small JSON model whose objects keep their insertion order.
//!
//! The order of every key is decided by the code that fills the template, never by a map type:
//! `serde_json::Map` changes order with the `preserve_order` feature, which any crate in a build
//! may switch on. [`Json`] serializes objects entry by entry, so the output is the same whatever
//! features serde_json was built with.

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
        $crate::json::Object::new()$(.with($key, $value))*
    };
}

/// An array literal of anything that converts into [`Json`]: `arr!["a", obj! {}]`.
macro_rules! arr {
    ($($value:expr),* $(,)?) => {
        $crate::json::Json::Array(vec![$($crate::json::Json::from($value)),*])
    };
}

pub(crate) use {arr, obj};

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
