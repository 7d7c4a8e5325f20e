//! Naming rules and recognisers shared by the rules and lowering: the names agentc derives
//! and the shapes of AWS identifiers.

/// `{agent}_{environment}` with `-` made `_`: the runtime's name.
pub(crate) fn runtime_name(agent: &str, env: &str) -> String {
    format!("{agent}_{}", env.replace('-', "_"))
}

/// `support-agent` → `support_agent`; a leading digit gets an `a_` in front.
pub(crate) fn underscore_form(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        s
    } else {
        format!("a_{s}")
    }
}

/// The folder of a spec-relative path, `/`-separated (`.` for none).
pub(crate) fn parent_dir(path: &str) -> String {
    match path.rfind('/') {
        Some(0) => "/".to_owned(),
        Some(i) => path[..i].to_owned(),
        None => ".".to_owned(),
    }
}

/// `Dockerfile` beside the entrypoint.
pub(crate) fn default_dockerfile(entrypoint: &str) -> String {
    match parent_dir(entrypoint).as_str() {
        "." => "Dockerfile".to_owned(),
        dir => format!("{dir}/Dockerfile"),
    }
}

/// `^[a-zA-Z_][a-zA-Z0-9_]*$`.
pub(crate) fn is_env_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Bedrock model ids (`anthropic.claude-…-v1:0`), inference profiles (`us.anthropic.…`) and
/// model/profile ARNs.
pub(crate) fn is_model_id(model: &str) -> bool {
    if model.starts_with("arn:") {
        return is_arn(model) && model.split(':').nth(2) == Some("bedrock");
    }
    (3..=200).contains(&model.len())
        && model.contains('.')
        && model.starts_with(|c: char| c.is_ascii_lowercase())
        && model
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._:-".contains(c))
}

/// Geographic prefixes of cross-region inference profiles.
pub(crate) const PROFILE_PREFIXES: &[&str] =
    &["us", "eu", "apac", "jp", "au", "ca", "global", "us-gov"];

/// `arn:<partition>:<service>:<region>:<account>:<resource>`.
pub(crate) fn is_arn(text: &str) -> bool {
    let parts: Vec<&str> = text.splitn(6, ':').collect();
    parts.len() == 6
        && parts[0] == "arn"
        && parts[1].starts_with("aws")
        && !parts[2].is_empty()
        && parts[2]
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !parts[5].is_empty()
        && !text.chars().any(char::is_whitespace)
}

/// A Secrets Manager secret name or ARN.
pub(crate) fn is_secrets_manager_id(id: &str) -> bool {
    if id.starts_with("arn:") {
        return is_arn(id) && id.split(':').nth(2) == Some("secretsmanager");
    }
    (1..=512).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/_+=.@-".contains(c))
}

/// An SSM parameter name or ARN.
pub(crate) fn is_ssm_parameter(id: &str) -> bool {
    if id.starts_with("arn:") {
        return is_arn(id) && id.split(':').nth(2) == Some("ssm");
    }
    (1..=1011).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.-/".contains(c))
}

/// What kind of credential `value` looks like, if any.
pub(crate) fn credential_kind(value: &str) -> Option<&'static str> {
    let v = value.trim();
    let upper_alnum = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    if v.len() == 20 && (v.starts_with("AKIA") || v.starts_with("ASIA")) && upper_alnum(v) {
        return Some("an AWS access key id");
    }
    if v.starts_with("sk-") && v.len() >= 20 {
        return Some("an API secret key (`sk-…`)");
    }
    if ["ghp_", "gho_", "ghs_", "github_pat_"]
        .iter()
        .any(|p| v.starts_with(p))
        && v.len() >= 20
    {
        return Some("a GitHub token");
    }
    if ["xoxb-", "xoxp-", "xoxa-"].iter().any(|p| v.starts_with(p)) {
        return Some("a Slack token");
    }
    if v.starts_with("AIza") && v.len() >= 35 {
        return Some("a Google API key");
    }
    if v.contains("-----BEGIN") && v.contains("PRIVATE KEY") {
        return Some("a private key");
    }
    None
}

/// Whether an environment variable's name says it holds a credential.
pub(crate) fn credential_name(key: &str) -> bool {
    let k = key.to_ascii_uppercase();
    [
        "_KEY",
        "_SECRET",
        "_TOKEN",
        "PASSWORD",
        "_PASSWD",
        "_CREDENTIALS",
        "_PRIVATE_KEY",
    ]
    .iter()
    .any(|suffix| k.ends_with(suffix))
        || ["API_KEY", "SECRET", "TOKEN", "PASSWORD"].contains(&k.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_names() {
        assert_eq!(
            runtime_name("support_agent", "prod-eu"),
            "support_agent_prod_eu"
        );
        assert_eq!(underscore_form("support-agent"), "support_agent");
        assert_eq!(underscore_form("1x"), "a_1x");
        assert_eq!(default_dockerfile("../agent/app.py"), "../agent/Dockerfile");
        assert_eq!(default_dockerfile("app.py"), "Dockerfile");
    }

    #[test]
    fn credentials_are_recognised() {
        assert!(credential_kind("AKIAIOSFODNN7EXAMPLE").is_some());
        assert!(credential_kind("sk-proj-abcdefghijklmnopqrstuvwxyz").is_some());
        assert!(credential_kind("INFO").is_none());
        assert!(credential_name("SEARCH_API_KEY"));
        assert!(credential_name("DB_PASSWORD"));
        assert!(!credential_name("LOG_LEVEL"));
        assert!(!credential_name("MAX_TOKENS"));
    }

    #[test]
    fn identifiers() {
        assert!(is_model_id("us.anthropic.claude-sonnet-4-5-20250929-v1:0"));
        assert!(is_model_id(
            "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0"
        ));
        assert!(!is_model_id("claude"));
        assert!(!is_model_id("gpt 4"));
        assert!(is_arn(
            "arn:aws:dynamodb:us-east-1:123456789012:table/tickets"
        ));
        assert!(!is_arn("tickets"));
        assert!(is_secrets_manager_id("support-desk/search-api-key"));
        assert!(!is_secrets_manager_id("bad name"));
        assert!(is_ssm_parameter("/support-desk/api-key"));
    }
}
