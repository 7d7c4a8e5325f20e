//! The catalogue: every diagnostic code agentc can emit, its default severity, its one-line
//! summary and its written explanation (`docs/codes/<area>.<problem>.md`).
//!
//! A code string is public API: it is never reused for another meaning. To retire a code, keep
//! its entry and say so in its explanation.

use crate::Severity;

macro_rules! catalogue {
    ($( $variant:ident => $area:literal / $problem:literal, $severity:ident, $summary:literal; )*) => {
        /// A stable diagnostic code, `agentc::<area>::<problem>`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(
                #[doc = $summary]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable string, e.g. `agentc::tags::missing`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => concat!("agentc::", $area, "::", $problem),)* }
            }

            /// The severity a finding of this code has unless a rule says otherwise.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// One line: what the code means.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }

            /// The written explanation (Markdown), as `agentc explain` prints it.
            pub fn explanation(self) -> &'static str {
                match self {
                    $(Code::$variant => include_str!(concat!("../docs/codes/", $area, ".", $problem, ".md")),)*
                }
            }
        }
    };
}

catalogue! {
    IoUnreadable => "io" / "unreadable", Error, "the spec file could not be read";
    IoNotUtf8 => "io" / "not-utf8", Error, "the spec file is not UTF-8 text";
    IoTooLarge => "io" / "too-large", Error, "the spec file is larger than agentc reads";
    SyntaxKdl => "syntax" / "kdl", Error, "the file is not valid KDL 2.0";
    SchemaUnknownNode => "schema" / "unknown-node", Error, "a node agentc does not know in this place";
    SchemaUnknownProperty => "schema" / "unknown-property", Error, "a property this node does not take";
    SchemaMissingNode => "schema" / "missing-node", Error, "a required node is missing";
    SchemaMissingValue => "schema" / "missing-value", Error, "a node lacks a required argument or property";
    SchemaDuplicateNode => "schema" / "duplicate-node", Error, "a node that may appear once appears again";
    SchemaDuplicateProperty => "schema" / "duplicate-property", Error, "a property is given twice on one node";
    SchemaWrongType => "schema" / "wrong-type", Error, "a value has the wrong type";
    SchemaInvalidValue => "schema" / "invalid-value", Error, "a value is outside the set or range it must be in";
    SchemaUnexpectedArgument => "schema" / "unexpected-argument", Error, "a node has more arguments than it takes";
    SchemaUnexpectedChildren => "schema" / "unexpected-children", Error, "a node that takes no block has one";
    EnvUnknown => "env" / "unknown", Error, "the requested environment is not declared in the spec";
    EnvInvalidName => "env" / "invalid-name", Error, "an environment name breaks the naming rule";
    NamesInvalidProject => "names" / "invalid-project", Error, "the project name breaks the naming rule";
    NamesLogicalIdCollision => "names" / "logical-id-collision", Error, "two names give the same resource logical ID";
    TagsMissing => "tags" / "missing", Error, "a required tag (Owner or CostCenter) is missing";
    TagsInvalid => "tags" / "invalid", Error, "a tag key or value breaks AWS's tag rules";
    TagsReservedPrefix => "tags" / "reserved-prefix", Error, "a tag key uses the reserved `aws:` prefix";
    TagsTooMany => "tags" / "too-many", Error, "more tags than AWS allows on one resource";
    TagsDerivedKey => "tags" / "derived-key", Warning, "a tag agentc derives is set by hand and will be ignored";
    LogsRetentionInvalid => "logs" / "retention-invalid", Error, "a log retention CloudWatch Logs does not accept";
    LogsRetentionTooShort => "logs" / "retention-too-short", Error, "logs are kept for less than 30 days";
    IamWildcardAction => "iam" / "wildcard-action", Error, "a permission grants `*` or `service:*` actions";
    IamWildcardResource => "iam" / "wildcard-resource", Error, "a permission on every resource without a written reason";
    IamPassroleWildcard => "iam" / "passrole-wildcard", Error, "`iam:PassRole` on every role";
    IamMalformedAction => "iam" / "malformed-action", Error, "an IAM action that is not `service:Action`";
    IamMalformedArn => "iam" / "malformed-arn", Error, "a resource that is not an ARN";
    SecretsCredentialValue => "secrets" / "credential-value", Error, "an environment value looks like a credential";
    SecretsCredentialName => "secrets" / "credential-name", Warning, "an environment variable's name says it holds a credential";
    SecretsInvalidReference => "secrets" / "invalid-reference", Error, "a secret reference is not a valid Secrets Manager or SSM name";
    SecretsNameConflict => "secrets" / "name-conflict", Error, "a secret and an environment variable share a name";
    LimitsRuntimeName => "limits" / "runtime-name", Error, "the runtime name breaks AgentCore's naming rule";
    LimitsEnvCount => "limits" / "env-count", Error, "more than 50 environment variables";
    LimitsEnvKey => "limits" / "env-key", Error, "an environment variable name AgentCore refuses";
    LimitsEnvValueLength => "limits" / "env-value-length", Error, "an environment value longer than 2048 characters";
    LimitsLifecycleRange => "limits" / "lifecycle-range", Error, "a lifecycle duration outside 60–28800 seconds";
    LimitsLifecycleOrder => "limits" / "lifecycle-order", Error, "the idle timeout is longer than the maximum lifetime";
    LimitsDescriptionLength => "limits" / "description-length", Error, "a description longer than 1200 characters";
    AuthDiscoveryUrl => "auth" / "discovery-url", Error, "a JWT discovery URL that is not https://…/.well-known/openid-configuration";
    AuthJwtWithoutAudience => "auth" / "jwt-without-audience", Error, "JWT auth that names no allowed client or audience";
    AuthMissingInProduction => "auth" / "missing-in-production", Error, "production accepts callers without JWT or Cognito auth";
    AuthUserPoolId => "auth" / "user-pool-id", Error, "a Cognito user pool id that is not `<region>_<id>`";
    NetworkInvalidId => "network" / "invalid-id", Error, "a VPC, subnet or security group id in the wrong form";
    NetworkTooFewSubnets => "network" / "too-few-subnets", Error, "VPC mode with fewer than two subnets";
    NetworkPublicInProduction => "network" / "public-in-production", Error, "production runs on the public network";
    NetworkNoSecurityGroup => "network" / "no-security-group", Error, "VPC mode with no security group and no ingress-from";
    ImageMutableInProduction => "image" / "mutable-in-production", Error, "production allows image tags to be overwritten";
    ImageScanDisabledInProduction => "image" / "scan-disabled-in-production", Error, "production images are not scanned on push";
    FilesMissing => "files" / "missing", Error, "a file the spec names does not exist";
    ModelInvalidId => "model" / "invalid-id", Error, "a model that is not a Bedrock model id, inference profile or ARN";
    SuppressMissingReason => "suppress" / "missing-reason", Error, "a suppression without a written reason";
    SuppressUnknownCode => "suppress" / "unknown-code", Error, "a suppression names a code agentc does not have";
    SuppressUnused => "suppress" / "unused", Warning, "a suppression that suppressed nothing";
    TargetUnsupported => "target" / "unsupported", Error, "the chosen backend cannot express a setting of the spec";
    InternalBug => "internal" / "bug", Error, "agentc failed on its own; please report it";
}

impl Code {
    /// Look a code up by its string.
    pub fn parse(code: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == code)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            let parts: Vec<&str> = s.split("::").collect();
            assert_eq!(parts.len(), 3, "{s}");
            assert_eq!(parts[0], "agentc");
            assert!(parts[1].chars().all(|c| c.is_ascii_lowercase()), "{s}");
            assert!(
                parts[2].starts_with(|c: char| c.is_ascii_lowercase())
                    && parts[2]
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{s}"
            );
            assert_eq!(Code::parse(s), Some(*code));
        }
    }

    #[test]
    fn every_explanation_has_the_fixed_shape() {
        for code in Code::ALL {
            let doc = code.explanation();
            let first = doc.lines().next().unwrap_or_default();
            assert_eq!(
                first,
                format!("# {}", code.as_str()),
                "first line of {code}'s doc"
            );
            for section in ["## What it means", "## Example", "## How to fix"] {
                assert!(doc.contains(section), "{code}'s doc lacks `{section}`");
            }
        }
    }
}
