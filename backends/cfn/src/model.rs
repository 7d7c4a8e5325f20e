//! The CloudFormation template: its sections in the order they are written, and its
//! resources with their attributes (`Type`, `Condition`, `DependsOn`, deletion policies,
//! `Metadata`, `Properties`), built from the ordered [`Json`] model.

pub use crate::json::{Json, Object};
pub(crate) use crate::json::{arr, obj};

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
