//! Backend fidelity: the template a CDK app synthesizes and the CloudFormation backend's golden
//! template for the same case and environment describe the same infrastructure.
//!
//! Compared: the set of resources (logical ID and type), every property of every resource,
//! `DependsOn`, the deletion and replacement policies, the template `Rules`, and every output's
//! name and value. That covers each security-relevant setting — IAM actions, resources and
//! conditions (role, trust, key and bucket policies); ECR mutability, scanning, encryption and
//! lifecycle; log retention and encryption; the runtime's network mode, authorizer, environment
//! variables, lifecycle and role; tags — and everything else a resource holds.
//!
//! What the CDK writes differently on its own, and how it is normalized (both templates go
//! through the same normalization):
//! - **Intrinsics**: the CDK builds strings with `Fn::Join` (`Aws.REGION` tokens in template
//!   literals, `arnForObjects`), the CloudFormation backend with `Fn::Sub`; `Ref`,
//!   `Fn::GetAtt` (string or array form), `Fn::Sub` and `Fn::Join ["", …]` all become one
//!   string with `${Id}`, `${Id.Attribute}` and `${AWS::…}` holes.
//! - **Security group id**: the L2 `SecurityGroup` hands out `Fn::GetAtt [Id, GroupId]`, the
//!   CloudFormation backend `Ref Id`; for a VPC security group both are the group's id.
//! - **Single or list**: IAM `Action`, `Resource`, principal and condition values may be a
//!   string or a list of one; order inside them means nothing to IAM. Both become sorted lists.
//! - **Statement order and `Sid`**: a policy is the set of its statements; a `Sid` is a label
//!   (the L2 `Role` cannot give its trust statement one). Statements are compared as a set,
//!   without `Sid`.
//! - **Alarm dimensions**: the CDK writes them sorted by name; a metric's dimensions are a set
//!   (CloudWatch matches them by name), so both are sorted by name.
//! - **Tags**: a list of `{Key, Value}` (sorted by key in the CDK) or a map: both become a map.
//! - **ECR lifecycle policy**: JSON text; compared as parsed JSON (key order differs).
//! - **Deletion policies**: the CDK writes `Delete` explicitly where CloudFormation's default
//!   is `Delete`; an absent policy counts as `Delete`.
//! - **The image**: the CloudFormation backend takes it from the `{A}ImageRef` parameter (tag
//!   or digest, `Fn::If`), the CDK app from its image asset (content hash). Both must pull from
//!   the agent's own repository: the container URI becomes `${…Repository.RepositoryUri}:IMAGE`.
//! - **The no-image phase**: the CloudFormation backend makes the runtime and what hangs off it
//!   conditional (`{A}HasImage`); the CDK app leaves them out with `-c withImages=false`. The
//!   synthesized phase is the full one: resource and output `Condition`s are dropped.
//! - **Not compared**: template `Parameters`, `Conditions`, `Metadata`,
//!   `AWSTemplateFormatVersion` and `Description` (the CloudFormation backend's image parameter
//!   and conditions; agentc's notes), resource `Metadata` (checkov skips and agentc notes, which
//!   the CDK app carries as cdk-nag acknowledgements), and descriptive text that grants
//!   nothing: `Description`, `AlarmDescription`, `DisplayName`, `GroupDescription`.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

/// Descriptive properties (at any depth) that are not compared.
const DESCRIPTIVE: &[&str] = &[
    "Description",
    "AlarmDescription",
    "DisplayName",
    "GroupDescription",
];

/// IAM fields whose value may be one string or a list of them.
const ONE_OR_MANY: &[&str] = &["Action", "NotAction", "Resource", "NotResource"];

/// One string for an intrinsic that builds one, else `None`.
fn intrinsic_string(map: &Map<String, Value>, security_groups: &[String]) -> Option<String> {
    if map.len() != 1 {
        return None;
    }
    let (key, arg) = map.iter().next()?;
    match (key.as_str(), arg) {
        ("Ref", Value::String(id)) => Some(format!("${{{id}}}")),
        ("Fn::GetAtt", Value::Array(parts)) => {
            let id = parts.first()?.as_str()?;
            let attribute = parts.get(1)?.as_str()?;
            if attribute == "GroupId" && security_groups.iter().any(|g| g == id) {
                return Some(format!("${{{id}}}"));
            }
            Some(format!("${{{id}.{attribute}}}"))
        }
        ("Fn::GetAtt", Value::String(dotted)) => Some(format!("${{{dotted}}}")),
        ("Fn::Sub", Value::String(text)) => Some(text.clone()),
        ("Fn::Join", Value::Array(args)) if args.first() == Some(&json!("")) => {
            let mut out = String::new();
            for part in args.get(1)?.as_array()? {
                match canonical(part, security_groups) {
                    Value::String(s) => out.push_str(&s),
                    _ => return None,
                }
            }
            Some(out)
        }
        _ => None,
    }
}

/// `value` with intrinsics that build strings turned into those strings, recursively.
fn canonical(value: &Value, security_groups: &[String]) -> Value {
    match value {
        Value::Object(map) => {
            if let Some(s) = intrinsic_string(map, security_groups) {
                return Value::String(s);
            }
            Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), canonical(v, security_groups)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| canonical(v, security_groups))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A sorted list of the value's items (one value counts as a list of one).
fn sorted_list(value: &Value) -> Value {
    let mut items: Vec<Value> = match value {
        Value::Array(items) => items.clone(),
        one => vec![one.clone()],
    };
    items.sort_by_key(|v| v.to_string());
    Value::Array(items)
}

/// A policy statement without its `Sid`, with its lists sorted.
fn statement(s: &Value) -> Value {
    let Value::Object(map) = s else {
        return s.clone();
    };
    let mut out = Map::new();
    for (k, v) in map {
        match k.as_str() {
            "Sid" => {}
            k if ONE_OR_MANY.contains(&k) => {
                out.insert(k.to_owned(), sorted_list(v));
            }
            "Principal" | "NotPrincipal" | "Condition" => {
                out.insert(k.to_owned(), nested_lists(v));
            }
            _ => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    Value::Object(out)
}

/// `{a: {b: x}}` with every leaf made a sorted list (principals, condition values).
fn nested_lists(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), nested_lists(v)))
                .collect(),
        ),
        leaf => sorted_list(leaf),
    }
}

/// `value` normalized for comparison (see the module docs).
fn normalize(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                if DESCRIPTIVE.contains(&k.as_str()) {
                    continue;
                }
                let v = match (k.as_str(), v) {
                    ("Statement", Value::Array(statements)) => {
                        let mut set: Vec<Value> = statements.iter().map(statement).collect();
                        set.sort_by_key(|s| s.to_string());
                        Value::Array(set)
                    }
                    ("Tags" | "UserPoolTags", tags) => tag_map(tags),
                    ("LifecyclePolicyText", Value::String(text)) => {
                        serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.clone()))
                    }
                    ("ContainerUri", uri) => container_uri(uri),
                    ("Dimensions", Value::Array(dims)) => {
                        let mut dims = dims.clone();
                        dims.sort_by_key(|d| d["Name"].to_string());
                        Value::Array(dims)
                    }
                    _ => normalize(v),
                };
                out.insert(k.clone(), v);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(normalize).collect()),
        other => other.clone(),
    }
}

fn tag_map(tags: &Value) -> Value {
    match tags {
        Value::Array(items) => Value::Object(
            items
                .iter()
                .filter_map(|t| Some((t["Key"].as_str()?.to_owned(), t["Value"].clone())))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `${X.RepositoryUri}:IMAGE` whichever way the image is named.
fn container_uri(uri: &Value) -> Value {
    let text = match uri {
        Value::String(s) => s.clone(),
        // `Fn::If [digest?, …@ref, …:ref]` of the CloudFormation backend: the tag branch.
        Value::Object(map) => match map.get("Fn::If").and_then(Value::as_array) {
            Some(branches) => branches
                .get(2)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            None => uri.to_string(),
        },
        other => other.to_string(),
    };
    match text.split_once(".RepositoryUri}") {
        Some((repo, _)) => Value::String(format!("{repo}.RepositoryUri}}:IMAGE")),
        None => Value::String(text),
    }
}

/// The comparable view of a template: resources by logical ID (type, properties, ordering and
/// deletion), rules and outputs.
fn comparable(template: &Value) -> BTreeMap<String, Value> {
    let resources = template["Resources"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let security_groups: Vec<String> = resources
        .iter()
        .filter(|(_, r)| r["Type"] == "AWS::EC2::SecurityGroup")
        .map(|(id, _)| id.clone())
        .collect();
    let canon = |v: &Value| normalize(&canonical(v, &security_groups));
    let mut out = BTreeMap::new();
    for (id, r) in &resources {
        let policy = |key: &str| r.get(key).cloned().unwrap_or_else(|| json!("Delete"));
        let depends: Value = sorted_list(r.get("DependsOn").unwrap_or(&json!([])));
        out.insert(format!("Resources.{id}.Type"), r["Type"].clone());
        out.insert(format!("Resources.{id}.DependsOn"), depends);
        out.insert(
            format!("Resources.{id}.DeletionPolicy"),
            policy("DeletionPolicy"),
        );
        out.insert(
            format!("Resources.{id}.UpdateReplacePolicy"),
            policy("UpdateReplacePolicy"),
        );
        let properties = canon(r.get("Properties").unwrap_or(&json!({})));
        for (name, value) in properties.as_object().cloned().unwrap_or_default() {
            out.insert(format!("Resources.{id}.Properties.{name}"), value);
        }
    }
    if let Some(rules) = template.get("Rules") {
        out.insert("Rules".to_owned(), canon(rules));
    }
    for (name, o) in template["Outputs"].as_object().cloned().unwrap_or_default() {
        out.insert(format!("Outputs.{name}.Value"), canon(&o["Value"]));
    }
    out
}

/// Every difference between the synthesized template and the CloudFormation backend's, as
/// `path: cdk=… cfn=…` lines (empty when they agree).
pub fn differences(cdk: &Value, cfn: &Value) -> Vec<String> {
    let (a, b) = (comparable(cdk), comparable(cfn));
    let mut out = Vec::new();
    for key in a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))) {
        let (x, y) = (a.get(key), b.get(key));
        if x != y {
            let show =
                |v: Option<&Value>| v.map_or_else(|| "(absent)".to_owned(), Value::to_string);
            out.push(format!(
                "{key}:\n    cdk: {}\n    cfn: {}",
                show(x),
                show(y)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_sub_ref_and_get_att_meet() {
        let join = json!({"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":s3:::", {"Fn::GetAtt": ["B", "Arn"]}]]});
        let sub = json!({"Fn::Sub": "arn:${AWS::Partition}:s3:::${B.Arn}"});
        assert_eq!(canonical(&join, &[]), canonical(&sub, &[]));
    }
}
