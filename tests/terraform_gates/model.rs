//! Both outputs reduced to one vocabulary, for the mapping test: a parsed CloudFormation
//! template ([`Cfn`]) and a parsed Terraform module ([`Tf`]), each able to spell any value as a
//! canonical string. References become `{arn:<name>}`, `{ref:<name>}`, `{name:<name>}`,
//! `{url:<name>}` with `<name>` the snake_case of the logical ID (the Terraform resource name),
//! and pseudo-parameters `{partition}`, `{region}`, `{account}`. Locals are resolved.

use std::collections::BTreeMap;
use std::path::Path;

use hcl::expr::{Expression, ObjectKey, TraversalOperator};
use hcl::template::Element;
use serde_json::Value as Json;

/// `SupportAgentRole` → `support_agent_role`.
pub fn snake(id: &str) -> String {
    let mut out = String::new();
    for (i, c) in id.chars().enumerate() {
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

/// A CloudFormation template.
pub struct Cfn {
    pub resources: BTreeMap<String, Json>,
}

impl Cfn {
    pub fn load(path: &Path) -> Self {
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json: Json = serde_json::from_str(&text).expect("template is JSON");
        let resources = json["Resources"]
            .as_object()
            .expect("Resources")
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Self { resources }
    }

    fn reference(&self, r: &str) -> String {
        match r {
            "AWS::Partition" => "{partition}".into(),
            "AWS::Region" => "{region}".into(),
            "AWS::AccountId" => "{account}".into(),
            id => match self.resources.get(id).and_then(|r| r["Type"].as_str()) {
                // What `Ref` returns for these types: the topic's ARN, the source's name.
                Some("AWS::SNS::Topic") => format!("{{arn:{}}}", snake(id)),
                Some("AWS::Logs::DeliverySource") => format!("{{name:{}}}", snake(id)),
                Some(_) => format!("{{ref:{}}}", snake(id)),
                None => format!("{{param:{id}}}"),
            },
        }
    }

    fn get_att(id: &str, att: &str) -> String {
        match att {
            "Arn" | "AgentRuntimeArn" => format!("{{arn:{}}}", snake(id)),
            "RepositoryUri" => format!("{{url:{}}}", snake(id)),
            other => format!("{{{}.{other}}}", snake(id)),
        }
    }

    fn sub(&self, s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find('}').map_or(rest.len(), |e| start + e);
            let inner = &rest[start + 2..end];
            match inner.split_once('.') {
                Some((id, att)) if !inner.starts_with("AWS::") => {
                    out.push_str(&Self::get_att(id, att))
                }
                _ => out.push_str(&self.reference(inner)),
            }
            rest = &rest[(end + 1).min(rest.len())..];
        }
        out.push_str(rest);
        out
    }

    /// `j` as a canonical string.
    pub fn s(&self, j: &Json) -> String {
        match j {
            Json::String(s) => s.clone(),
            Json::Number(n) => n.to_string(),
            Json::Bool(b) => b.to_string(),
            Json::Null => "null".into(),
            Json::Array(items) => items
                .iter()
                .map(|i| self.s(i))
                .collect::<Vec<_>>()
                .join(","),
            Json::Object(o) => {
                if let Some(r) = o.get("Ref").and_then(Json::as_str) {
                    self.reference(r)
                } else if let Some(Json::Array(a)) = o.get("Fn::GetAtt") {
                    Self::get_att(
                        a[0].as_str().unwrap_or_default(),
                        a[1].as_str().unwrap_or_default(),
                    )
                } else if let Some(s) = o.get("Fn::Sub").and_then(Json::as_str) {
                    self.sub(s)
                } else if o.contains_key("Fn::If") {
                    "{cond}".into()
                } else {
                    serde_json::to_string(j).unwrap_or_default()
                }
            }
        }
    }

    /// `j` (one value or a list) as canonical strings.
    pub fn list(&self, j: &Json) -> Vec<String> {
        match j {
            Json::Array(items) => items.iter().map(|i| self.s(i)).collect(),
            Json::Null => Vec::new(),
            one => vec![self.s(one)],
        }
    }

    /// An IAM policy document's statements, canonical.
    pub fn statements(&self, doc: &Json) -> Vec<String> {
        let mut out = Vec::new();
        for st in doc["Statement"].as_array().into_iter().flatten() {
            let mut principals = Vec::new();
            match &st["Principal"] {
                Json::Object(p) => {
                    for (kind, ids) in p {
                        principals.push(format!("{kind}:{}", self.list(ids).join(",")));
                    }
                }
                Json::Null => {}
                other => principals.push(format!("AWS:{}", self.s(other))),
            }
            let mut conditions = Vec::new();
            for (op, keys) in st["Condition"].as_object().into_iter().flatten() {
                for (key, values) in keys.as_object().into_iter().flatten() {
                    conditions.push(format!("{op} {key} = {}", self.list(values).join(",")));
                }
            }
            conditions.sort();
            out.push(format!(
                "sid={} effect={} actions={} resources={} principals={} conditions={}",
                st["Sid"].as_str().unwrap_or_default(),
                st["Effect"].as_str().unwrap_or_default(),
                self.list(&st["Action"]).join(","),
                self.list(&st["Resource"]).join(","),
                principals.join(";"),
                conditions.join(";")
            ));
        }
        out
    }
}

/// A Terraform module: its resources, data sources, locals and provider default tags.
pub struct Tf {
    pub resources: BTreeMap<(String, String), hcl::Body>,
    pub data: BTreeMap<(String, String), hcl::Body>,
    pub locals: BTreeMap<String, Expression>,
    pub default_tags: Option<Expression>,
}

/// The attribute `key` of `body`.
pub fn attr<'b>(body: &'b hcl::Body, key: &str) -> Option<&'b Expression> {
    body.attributes().find(|a| a.key() == key).map(|a| a.expr())
}

/// The first block `name` of `body`.
pub fn block<'b>(body: &'b hcl::Body, name: &str) -> Option<&'b hcl::Body> {
    body.blocks()
        .find(|b| b.identifier() == name)
        .map(|b| b.body())
}

/// The value at `path` in an object expression.
pub fn field<'e>(e: &'e Expression, path: &[&str]) -> Option<&'e Expression> {
    match e {
        Expression::FuncCall(f) => return field(f.args.first()?, path),
        Expression::Parenthesis(p) => return field(p, path),
        _ => {}
    }
    let Some((first, rest)) = path.split_first() else {
        return Some(e);
    };
    let next = match e {
        Expression::Object(o) => o
            .iter()
            .find(|(k, _)| key_text(k) == *first)
            .map(|(_, v)| v)?,
        Expression::Array(a) => a.get(first.parse::<usize>().ok()?)?,
        _ => return None,
    };
    field(next, rest)
}

pub fn key_text(k: &ObjectKey) -> String {
    match k {
        ObjectKey::Identifier(i) => i.to_string(),
        ObjectKey::Expression(Expression::String(s)) => s.clone(),
        other => format!("{other:?}"),
    }
}

impl Tf {
    pub fn load(dir: &Path) -> Self {
        let mut tf = Tf {
            resources: BTreeMap::new(),
            data: BTreeMap::new(),
            locals: BTreeMap::new(),
            default_tags: None,
        };
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .expect("module folder")
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        for file in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "tf"))
        {
            let text = std::fs::read_to_string(file).expect("read .tf");
            let body = hcl::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            for b in body.blocks() {
                let labels: Vec<String> =
                    b.labels().iter().map(|l| l.as_str().to_owned()).collect();
                match (b.identifier(), labels.as_slice()) {
                    ("resource", [t, n]) => drop(
                        tf.resources
                            .insert((t.clone(), n.clone()), b.body().clone()),
                    ),
                    ("data", [t, n]) => {
                        drop(tf.data.insert((t.clone(), n.clone()), b.body().clone()))
                    }
                    ("locals", []) => tf.locals.extend(
                        b.body()
                            .attributes()
                            .map(|a| (a.key().to_owned(), a.expr().clone())),
                    ),
                    ("provider", [p]) if p == "aws" => {
                        tf.default_tags = block(b.body(), "default_tags")
                            .and_then(|d| attr(d, "tags"))
                            .cloned();
                    }
                    _ => {}
                }
            }
        }
        tf
    }

    fn traversal(&self, t: &hcl::expr::Traversal) -> String {
        let root = match &t.expr {
            Expression::Variable(v) => v.to_string(),
            other => return self.s(other),
        };
        let steps: Vec<String> = t
            .operators
            .iter()
            .filter_map(|o| match o {
                TraversalOperator::GetAttr(a) => Some(a.to_string()),
                _ => None,
            })
            .collect();
        match (root.as_str(), steps.as_slice()) {
            ("local", [name, ..]) => match name.as_str() {
                "partition" => "{partition}".into(),
                "region" => "{region}".into(),
                "account_id" => "{account}".into(),
                other => self
                    .locals
                    .get(other)
                    .map_or_else(|| format!("{{local:{other}}}"), |e| self.s(e)),
            },
            ("var", [name, ..]) => format!("{{var:{name}}}"),
            ("each", [value, name, ..]) if value == "value" => format!("{{each:{name}}}"),
            ("data", [kind, name, att, ..]) => format!("{{data:{kind}.{name}.{att}}}"),
            (_, [name, att, ..]) => match att.as_str() {
                "arn" | "agent_runtime_arn" => format!("{{arn:{name}}}"),
                "id" => format!("{{ref:{name}}}"),
                "name" => format!("{{name:{name}}}"),
                "repository_url" => format!("{{url:{name}}}"),
                other => format!("{{{name}.{other}}}"),
            },
            _ => format!("{{{root}}}"),
        }
    }

    /// `e` as a canonical string.
    pub fn s(&self, e: &Expression) -> String {
        match e {
            Expression::String(s) => s.clone(),
            Expression::Number(n) => n.to_string(),
            Expression::Bool(b) => b.to_string(),
            Expression::Null => "null".into(),
            Expression::Array(a) => a.iter().map(|i| self.s(i)).collect::<Vec<_>>().join(","),
            Expression::TemplateExpr(t) => {
                let template = hcl::Template::from_expr(t).expect("template");
                template
                    .elements()
                    .iter()
                    .map(|el| match el {
                        Element::Literal(l) => l.clone(),
                        Element::Interpolation(i) => self.s(&i.expr),
                        Element::Directive(_) => "{directive}".into(),
                    })
                    .collect()
            }
            Expression::Traversal(t) => self.traversal(t),
            Expression::FuncCall(f) if f.name.name.as_str() == "one" => {
                f.args.first().map(|a| self.s(a)).unwrap_or_default()
            }
            Expression::Parenthesis(p) => self.s(p),
            Expression::Conditional(_) => "{cond}".into(),
            other => format!("{other:?}"),
        }
    }

    /// `e` (a list or one value) as canonical strings.
    pub fn list(&self, e: Option<&Expression>) -> Vec<String> {
        match e {
            Some(Expression::Array(a)) => a.iter().map(|i| self.s(i)).collect(),
            Some(one) => vec![self.s(one)],
            None => Vec::new(),
        }
    }

    /// The statements of `data.aws_iam_policy_document.<name>` that `e` (`….json`) names.
    pub fn statements(&self, e: Option<&Expression>) -> Vec<String> {
        let name = match e.map(|e| self.s(e)) {
            Some(s) if s.starts_with("{data:aws_iam_policy_document.") => s
                ["{data:aws_iam_policy_document.".len()..]
                .trim_end_matches(".json}")
                .to_owned(),
            other => panic!("a policy that is not an aws_iam_policy_document: {other:?}"),
        };
        let doc = self
            .data
            .get(&("aws_iam_policy_document".to_owned(), name.clone()))
            .unwrap_or_else(|| panic!("no policy document {name}"));
        let mut out = Vec::new();
        for st in doc
            .blocks()
            .filter(|b| b.identifier() == "statement")
            .map(|b| b.body())
        {
            let principals: Vec<String> = st
                .blocks()
                .filter(|b| b.identifier() == "principals")
                .map(|p| {
                    format!(
                        "{}:{}",
                        self.s(attr(p.body(), "type").expect("type")),
                        self.list(attr(p.body(), "identifiers")).join(",")
                    )
                })
                .collect();
            let mut conditions: Vec<String> = st
                .blocks()
                .filter(|b| b.identifier() == "condition")
                .map(|c| {
                    let c = c.body();
                    format!(
                        "{} {} = {}",
                        self.s(attr(c, "test").expect("test")),
                        self.s(attr(c, "variable").expect("variable")),
                        self.list(attr(c, "values")).join(",")
                    )
                })
                .collect();
            conditions.sort();
            out.push(format!(
                "sid={} effect={} actions={} resources={} principals={} conditions={}",
                attr(st, "sid").map(|e| self.s(e)).unwrap_or_default(),
                attr(st, "effect").map_or_else(|| "Allow".to_owned(), |e| self.s(e)),
                self.list(attr(st, "actions")).join(","),
                self.list(attr(st, "resources")).join(","),
                principals.join(";"),
                conditions.join(";")
            ));
        }
        out
    }
}
