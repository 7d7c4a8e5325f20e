//! `permissions`: least privilege for the spec's own statements (FR-020). No `*` or `svc:*`
//! actions; a `*` resource only with a written reason; never `iam:PassRole` on `*`.

use agentc_diagnostics::{Code, Diagnostic, Diagnostics};
use agentc_syntax::ast::{Allow, Layer};

use crate::names;

pub(super) fn check(layer: &Layer, diags: &mut Diagnostics) {
    let Some(permissions) = &layer.permissions else {
        return;
    };
    for allow in &permissions.allows {
        check_allow(allow, diags);
    }
}

/// `service:Action`, where the action may end in a `*` (`s3:Get*`) but is not only `*`.
fn action_shape(action: &str) -> Result<(), &'static str> {
    if action == "*" {
        return Err("wildcard");
    }
    let Some((service, name)) = action.split_once(':') else {
        return Err("malformed");
    };
    let service_ok = !service.is_empty()
        && service
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let name_ok = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '*');
    if !service_ok || !name_ok {
        return Err("malformed");
    }
    if name.chars().all(|c| c == '*') {
        return Err("wildcard");
    }
    Ok(())
}

fn check_allow(allow: &Allow, diags: &mut Diagnostics) {
    for action in &allow.actions {
        match action_shape(&action.value) {
            Ok(()) => {}
            Err("wildcard") => diags.push(
                Diagnostic::new(Code::IamWildcardAction, format!("`{}` grants every action", action.value))
                    .at(action.span, "all actions")
                    .help("list the actions the agent calls, e.g. \"dynamodb:GetItem\" \"dynamodb:Query\" (FR-020)"),
            ),
            Err(_) => diags.push(
                Diagnostic::new(Code::IamMalformedAction, format!("`{}` is not an IAM action", action.value))
                    .at(action.span, "not service:Action")
                    .help("write actions as service:Action, e.g. \"s3:GetObject\""),
            ),
        }
    }
    let Some(on) = &allow.on else {
        diags.push(
            Diagnostic::new(Code::SchemaMissingValue, "`allow` needs the resource it applies to")
                .at(allow.span, "on which resource?")
                .help("add on=\"arn:aws:…\" (or on=\"*\" with because=\"…\" when the action has no resource-level permissions)"),
        );
        return;
    };
    let because = allow
        .because
        .as_ref()
        .filter(|b| !b.value.trim().is_empty());
    if on.value == "*" {
        if let Some(passrole) = allow.actions.iter().find(|a| grants_passrole(&a.value)) {
            diags.push(
                Diagnostic::new(
                    Code::IamPassroleWildcard,
                    "`iam:PassRole` on every role lets the agent hand any role to any service",
                )
                .at(passrole.span, "PassRole")
                .also(on.span, "on every resource")
                .help("name the role ARNs the agent may pass; a reason does not make this safe"),
            );
        } else if because.is_none() {
            diags.push(
                Diagnostic::new(
                    Code::IamWildcardResource,
                    "a permission on every resource (`*`) without a reason",
                )
                .at(on.span, "every resource")
                .help(
                    "name the resource ARN, or add because=\"<why this action cannot be scoped>\"",
                ),
            );
        }
    } else if !names::is_arn(&on.value) {
        diags.push(
            Diagnostic::new(Code::IamMalformedArn, format!("`{}` is not an ARN", on.value))
                .at(on.span, "not an ARN")
                .help("write arn:<partition>:<service>:<region>:<account>:<resource>, e.g. arn:aws:dynamodb:us-east-1:123456789012:table/tickets"),
        );
    }
}

/// Whether an action pattern covers `iam:PassRole` (`iam:PassRole`, `iam:Pass*`, `iam:*Role`).
fn grants_passrole(action: &str) -> bool {
    let Some((service, name)) = action.split_once(':') else {
        return false;
    };
    let mut pattern = name.to_ascii_lowercase();
    while pattern.contains("**") {
        pattern = pattern.replace("**", "*");
    }
    // More literal characters than `passrole` has can never match; this also bounds the search.
    let literal = pattern.chars().filter(|c| *c != '*').count();
    service.eq_ignore_ascii_case("iam") && literal <= 8 && glob_matches(&pattern, "passrole")
}

/// IAM's `*` wildcard: `pattern` matches all of `text`.
fn glob_matches(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, rest)) => {
            let Some(after) = text.strip_prefix(head) else {
                return false;
            };
            (0..=after.len()).any(|i| after.is_char_boundary(i) && glob_matches(rest, &after[i..]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{action_shape, grants_passrole};

    #[test]
    fn passrole_patterns() {
        for a in [
            "iam:PassRole",
            "iam:Pass*",
            "iam:*Role",
            "IAM:passrole",
            "iam:P*R*e",
        ] {
            assert!(grants_passrole(a), "{a}");
        }
        for a in ["iam:GetRole", "s3:PassRole", "iam:Pass", "iam:*Policy"] {
            assert!(!grants_passrole(a), "{a}");
        }
    }

    #[test]
    fn action_shapes() {
        assert!(action_shape("dynamodb:GetItem").is_ok());
        assert!(action_shape("s3:Get*").is_ok());
        assert_eq!(action_shape("*"), Err("wildcard"));
        assert_eq!(action_shape("s3:*"), Err("wildcard"));
        assert_eq!(action_shape("GetItem"), Err("malformed"));
        assert_eq!(action_shape("s3:Get Object"), Err("malformed"));
    }
}
