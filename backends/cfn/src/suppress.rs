//! Suppressions in the template. A finding the spec suppressed (`suppress "code" because=…`)
//! is listed with its reason in the template's `Metadata.agentc.suppressions`, and again on
//! the resources it concerns; where a checkov check flags the same thing, the reason becomes
//! that check's justification (see [`crate::ecr`]).

use agentc_ir::Deployment;

use crate::model::{Json, obj};

/// What part of the template a finding concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Concern {
    /// The template as a whole: every suppression.
    Stack,
    /// An agent's runtime (network, inbound auth, AgentCore limits, secrets).
    Runtime,
    /// An agent's ECR repository.
    Repository,
    /// An agent's log group.
    LogGroup,
    /// An agent's execution role policy.
    RolePolicy,
}

/// The concern of a diagnostic code, by its area (`agentc::<area>::<problem>`).
fn concern_of(code: &str) -> Option<Concern> {
    let area = code.strip_prefix("agentc::")?.split("::").next()?;
    Some(match area {
        "network" | "auth" | "limits" | "secrets" => Concern::Runtime,
        "image" => Concern::Repository,
        "logs" => Concern::LogGroup,
        "iam" => Concern::RolePolicy,
        _ => return None,
    })
}

/// `[{"Code": …, "Reason": …}]` of the suppressions that concern `concern`.
pub(crate) fn entries(d: &Deployment, concern: Concern) -> Vec<Json> {
    d.suppressions
        .iter()
        .filter(|(code, _)| concern == Concern::Stack || concern_of(code) == Some(concern))
        .map(|(code, reason)| obj! { "Code" => code, "Reason" => reason }.into())
        .collect()
}

/// The reason the spec gave for suppressing `code`, if it did.
pub(crate) fn reason(d: &Deployment, code: &str) -> Option<String> {
    d.suppressions
        .iter()
        .find(|(c, _)| c == code)
        .map(|(_, r)| r.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_resources_by_area() {
        assert_eq!(
            concern_of("agentc::network::public-in-production"),
            Some(Concern::Runtime)
        );
        assert_eq!(
            concern_of("agentc::image::mutable-in-production"),
            Some(Concern::Repository)
        );
        assert_eq!(
            concern_of("agentc::logs::retention-too-short"),
            Some(Concern::LogGroup)
        );
        assert_eq!(
            concern_of("agentc::iam::wildcard-resource"),
            Some(Concern::RolePolicy)
        );
        assert_eq!(concern_of("agentc::tags::missing"), None);
        assert_eq!(concern_of("nonsense"), None);
    }
}
