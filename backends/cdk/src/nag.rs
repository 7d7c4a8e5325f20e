//! cdk-nag acknowledgements: which findings an emitted app acknowledges, on which construct,
//! and why.
//!
//! cdk-nag 3 identifies a wildcard finding by the resolved value (`AwsSolutions-IAM5[Resource::
//! arn:<AWS::Partition>:logs:…:*]`), one acknowledgement per finding id; several statements may
//! share one (`Resource::*`), so their reasons are joined. A reason comes, in this order, from
//! the statement's `wildcard_reason` (agentc's own for every wildcard it writes, the spec's
//! `because=` for the spec's), from the spec's `suppress` of the matching agentc code, or, for
//! a wildcard inside an ARN the spec names without a reason, from a reason agentc owns.

use agentc_ir::{Agent, Part, Statement, Template};

use crate::view::Ack;

/// The spec's reason for suppressing `code`, if it did.
fn suppressed<'a>(suppressions: &'a [(String, String)], code: &str) -> Option<&'a str> {
    suppressions
        .iter()
        .find(|(c, _)| c == code)
        .map(|(_, r)| r.as_str())
}

/// How cdk-nag prints a resource: pseudo parameters as `<AWS::…>`, a resource ARN as
/// `<Id.Arn>`.
pub fn finding_text(template: &Template) -> String {
    template.render(str::to_owned, |part: &Part| match part {
        Part::Partition => "<AWS::Partition>".to_owned(),
        Part::Region => "<AWS::Region>".to_owned(),
        Part::Account => "<AWS::AccountId>".to_owned(),
        Part::ArnOf(id) => format!("<{id}.Arn>"),
        Part::Text(t) => t.clone(),
    })
}

fn resource_reason(s: &Statement, resource: &Template, sup: &[(String, String)]) -> String {
    if let Some(reason) = &s.wildcard_reason {
        return reason.clone();
    }
    if resource.is_wildcard()
        && let Some(reason) = suppressed(sup, "agentc::iam::wildcard-resource")
    {
        return reason.to_owned();
    }
    format!(
        "{} is the ARN pattern the spec's `allow` names; agentc asks for a written reason (because=) only when a statement applies to every resource (`*`).",
        finding_text(resource)
    )
}

fn action_reason(action: &str, sup: &[(String, String)]) -> String {
    suppressed(sup, "agentc::iam::wildcard-action").map_or_else(
        || format!("`{action}` is an action prefix the spec grants; agentc refuses `*` and `service:*` but accepts a prefix, which covers a known family of actions."),
        str::to_owned,
    )
}

/// Push `reason` under `id`, joining reasons of findings several statements share.
fn add(acks: &mut Vec<Ack>, id: String, reason: String, on: &str) {
    match acks.iter_mut().find(|a| a.id == id) {
        Some(ack) if !ack.reason.contains(&reason) => {
            ack.reason.push_str("; ");
            ack.reason.push_str(&reason);
        }
        Some(_) => {}
        None => acks.push(Ack {
            id,
            reason,
            on: on.to_owned(),
        }),
    }
}

/// The IAM5 acknowledgements of `agent`'s execution role policy, in statement order.
pub fn policy_acks(agent: &Agent, suppressions: &[(String, String)]) -> Vec<Ack> {
    let on = agent.ids.role_policy.as_str();
    let mut acks = Vec::new();
    for s in &agent.statements {
        for action in s.actions.iter().filter(|a| a.contains('*')) {
            let reason = format!("{}: {}", s.sid, action_reason(action, suppressions));
            add(
                &mut acks,
                format!("AwsSolutions-IAM5[Action::{action}]"),
                reason,
                on,
            );
        }
        for resource in &s.resources {
            let text = finding_text(resource);
            if !text.contains('*') {
                continue;
            }
            let reason = format!("{}: {}", s.sid, resource_reason(s, resource, suppressions));
            add(
                &mut acks,
                format!("AwsSolutions-IAM5[Resource::{text}]"),
                reason,
                on,
            );
        }
    }
    acks
}

/// An acknowledgement with a reason agentc owns.
pub fn owned(id: &str, on: &str, reason: &str) -> Ack {
    Ack {
        id: id.to_owned(),
        reason: reason.to_owned(),
        on: on.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finding_text_is_cdk_nag_s_spelling() {
        let t = Template::parse("arn:{partition}:logs:{region}:{account}:log-group:*");
        assert_eq!(
            finding_text(&t),
            "arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:*"
        );
    }

    #[test]
    fn shared_findings_join_their_reasons_once() {
        let mut acks = Vec::new();
        add(&mut acks, "X".into(), "A: one".into(), "P");
        add(&mut acks, "X".into(), "B: two".into(), "P");
        add(&mut acks, "X".into(), "B: two".into(), "P");
        assert_eq!(acks.len(), 1);
        assert_eq!(acks[0].reason, "A: one; B: two");
    }
}
