//! Strings that hold AWS pseudo-parameters (partition, region, account) and references to
//! resources of the same deployment. Each backend renders the holes its own way:
//! CloudFormation `${AWS::Partition}`, CDK `${Aws.PARTITION}`, Terraform
//! `${data.aws_partition.current.partition}`.

use serde::Serialize;

use crate::LogicalId;

/// One piece of a [`Template`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Literal text.
    Text(String),
    /// `aws`, `aws-cn`, `aws-us-gov`.
    Partition,
    /// The deployment's region.
    Region,
    /// The deploying account.
    Account,
    /// The ARN of a resource this deployment creates.
    ArnOf(LogicalId),
}

/// A string with holes, e.g. `arn:{partition}:logs:{region}:{account}:log-group:*`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Template(pub Vec<Part>);

impl Template {
    /// A template of literal text only.
    pub fn text(text: impl Into<String>) -> Self {
        Self(vec![Part::Text(text.into())])
    }

    /// Parse `{partition}`, `{region}` and `{account}` holes out of `pattern`; anything else
    /// is literal text.
    pub fn parse(pattern: &str) -> Self {
        let mut parts = Vec::new();
        let mut rest = pattern;
        while !rest.is_empty() {
            let next = ["{partition}", "{region}", "{account}"]
                .iter()
                .filter_map(|hole| rest.find(hole).map(|at| (at, *hole)))
                .min();
            match next {
                Some((at, hole)) => {
                    if at > 0 {
                        parts.push(Part::Text(rest[..at].to_owned()));
                    }
                    parts.push(match hole {
                        "{partition}" => Part::Partition,
                        "{region}" => Part::Region,
                        _ => Part::Account,
                    });
                    rest = &rest[at + hole.len()..];
                }
                None => {
                    parts.push(Part::Text(rest.to_owned()));
                    rest = "";
                }
            }
        }
        Self(parts)
    }

    /// The ARN of resource `id`.
    pub fn arn_of(id: &LogicalId) -> Self {
        Self(vec![Part::ArnOf(id.clone())])
    }

    /// Whether the template is exactly the text `*`.
    pub fn is_wildcard(&self) -> bool {
        matches!(self.0.as_slice(), [Part::Text(t)] if t == "*")
    }

    /// The template as literal text, if it has no holes.
    pub fn as_text(&self) -> Option<&str> {
        match self.0.as_slice() {
            [Part::Text(t)] => Some(t),
            [] => Some(""),
            _ => None,
        }
    }

    /// Render with `hole` deciding the text of each non-literal part and `text` escaping
    /// literal text for the target.
    pub fn render(
        &self,
        mut text: impl FnMut(&str) -> String,
        mut hole: impl FnMut(&Part) -> String,
    ) -> String {
        self.0
            .iter()
            .map(|part| match part {
                Part::Text(t) => text(t),
                other => hole(other),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holes_are_found_in_order() {
        let t = Template::parse("arn:{partition}:logs:{region}:{account}:log-group:*");
        assert_eq!(
            t.0,
            vec![
                Part::Text("arn:".into()),
                Part::Partition,
                Part::Text(":logs:".into()),
                Part::Region,
                Part::Text(":".into()),
                Part::Account,
                Part::Text(":log-group:*".into()),
            ]
        );
        assert!(Template::text("*").is_wildcard());
    }
}
