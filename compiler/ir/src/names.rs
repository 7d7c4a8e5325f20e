//! Validated names: each can only be built through a checked constructor, so a backend that
//! holds one never needs to check it again.

use serde::Serialize;

macro_rules! validated_name {
    ($(#[$doc:meta])* $name:ident, $check:expr, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Check `value`; the error says what rule it breaks.
            pub fn new(value: impl Into<String>) -> Result<Self, String> {
                let value = value.into();
                let check: fn(&str) -> bool = $check;
                if check(&value) {
                    Ok(Self(value))
                } else {
                    Err(format!("`{value}` is not {}", $what))
                }
            }

            /// The checked text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

fn is_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

validated_name!(
    /// A CloudFormation logical ID (and the stem of CDK construct ids and Terraform names):
    /// ASCII letters and digits, starting with a letter, at most 255.
    LogicalId,
    |s| s.len() <= 255 && s.starts_with(|c: char| c.is_ascii_alphabetic()) && s.chars().all(is_alnum),
    "a logical ID (letters and digits, starting with a letter)"
);

validated_name!(
    /// An AgentCore runtime name: `^[a-zA-Z][a-zA-Z0-9_]{0,47}$`.
    RuntimeName,
    |s| (1..=48).contains(&s.len())
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(|c| is_alnum(c) || c == '_'),
    "a runtime name (letters, digits and `_`, starting with a letter, at most 48)"
);

validated_name!(
    /// An AWS region code such as `us-east-1`.
    Region,
    |s| {
        let parts: Vec<&str> = s.split('-').collect();
        parts.len() >= 3
            && parts[..parts.len() - 1].iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
            && parts[parts.len() - 1].chars().all(|c| c.is_ascii_digit())
            && !parts[parts.len() - 1].is_empty()
    },
    "an AWS region such as us-east-1"
);

validated_name!(
    /// A 12-digit AWS account id.
    AccountId,
    |s| s.len() == 12 && s.chars().all(|c| c.is_ascii_digit()),
    "a 12-digit AWS account id"
);

validated_name!(
    /// A project name: lowercase letters, digits and `-`, starting with a letter, at most 32
    /// (it prefixes stack, repository and log group names).
    ProjectName,
    |s| (1..=32).contains(&s.len())
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.ends_with('-'),
    "a project name (lowercase letters, digits and `-`, starting with a letter, at most 32)"
);

validated_name!(
    /// An environment name: lowercase letters, digits and `-`, starting with a letter, at
    /// most 16.
    EnvironmentName,
    |s| (1..=16).contains(&s.len())
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.ends_with('-'),
    "an environment name (lowercase letters, digits and `-`, starting with a letter, at most 16)"
);

/// `support_agent` → `SupportAgent`; `system-errors` → `SystemErrors`.
pub fn pascal_case(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_names_follow_agentcore_rule() {
        assert!(RuntimeName::new("support_agent_production").is_ok());
        assert!(RuntimeName::new("support-agent").is_err());
        assert!(RuntimeName::new("1agent").is_err());
        assert!(RuntimeName::new("a".repeat(48)).is_ok());
        assert!(RuntimeName::new("a".repeat(49)).is_err());
    }

    #[test]
    fn regions_and_accounts() {
        assert!(Region::new("us-east-1").is_ok());
        assert!(Region::new("us-gov-west-1").is_ok());
        assert!(Region::new("us-east").is_err());
        assert!(AccountId::new("123456789012").is_ok());
        assert!(AccountId::new("12345").is_err());
    }

    #[test]
    fn pascal_case_joins_words() {
        assert_eq!(pascal_case("support_agent"), "SupportAgent");
        assert_eq!(pascal_case("system-errors"), "SystemErrors");
        assert_eq!(pascal_case("aB"), "AB");
    }
}
