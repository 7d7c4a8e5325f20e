//! IAM as the IR holds it: the execution role's trust and permission statements, decided once
//! by lowering so every backend grants exactly the same.

use serde::Serialize;

use crate::Template;

/// A condition block entry: `{operator: {key: values}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Condition {
    /// `StringEquals`, `ArnLike`, …
    pub operator: String,
    /// `aws:SourceAccount`, `cloudwatch:namespace`, …
    pub key: String,
    /// The values compared against.
    pub values: Vec<Template>,
}

/// One `Allow` statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    /// Statement id, unique within the policy.
    pub sid: String,
    /// Actions, `service:Action`.
    pub actions: Vec<String>,
    /// Resources.
    pub resources: Vec<Template>,
    /// Conditions.
    pub conditions: Vec<Condition>,
    /// Why a resource holds a wildcard (`*` or `?`) that cannot be narrowed: set by agentc for
    /// every statement it writes with one, and from `because=` for the spec's own.
    pub wildcard_reason: Option<String>,
}

impl Statement {
    /// Whether any resource is `*`.
    pub fn has_wildcard_resource(&self) -> bool {
        self.resources.iter().any(Template::is_wildcard)
    }
}
