//! Following a stack operation: poll the stack's events (new ones printed as they come, oldest
//! first) and status with backoff until the operation settles, the time limit passes or Ctrl-C
//! is pressed. On failure the root cause is the first failed resource event of the operation
//! (CloudFormation marks the resources it gives up on afterwards as "cancelled").

use std::collections::HashSet;
use std::time::{Duration, Instant};

use aws_sdk_cloudformation::types::StackEvent;

use crate::aws::Aws;
use crate::error::{Result, aws};
use crate::ui::{self, Backoff, Cancel};

/// At most this many pages of events are read per poll (newest first).
const MAX_PAGES: usize = 10;

/// One event, as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Event {
    /// Logical id of the resource (the stack's name for stack events).
    pub logical_id: String,
    /// Resource type.
    pub resource_type: String,
    /// `CREATE_FAILED`, …
    pub status: String,
    /// CloudFormation's reason, if any.
    pub reason: Option<String>,
}

/// How following ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ending {
    /// The stack settled in this status (`DELETE_COMPLETE` when it is gone).
    Settled(String),
    /// The time limit passed with the stack still in this status.
    TimedOut(String),
    /// Ctrl-C.
    Interrupted,
}

/// The events of the operation and how it ended.
#[derive(Debug, Clone)]
pub(crate) struct Followed {
    /// Every event seen, oldest first.
    pub events: Vec<Event>,
    /// The end.
    pub ending: Ending,
    /// The stack's own status reason at the end.
    pub status_reason: Option<String>,
}

/// The id of the newest event of `stack`, so only later ones count as this operation's.
pub(crate) async fn newest_event_id(aws_: &Aws, stack: &str) -> Result<Option<String>> {
    let out = aws_
        .cfn
        .describe_stack_events()
        .stack_name(stack)
        .send()
        .await
        .map_err(|e| aws("cloudformation:DescribeStackEvents", &aws_.endpoint, e))?;
    Ok(out
        .stack_events()
        .first()
        .and_then(|e| e.event_id().map(str::to_owned)))
}

fn event_of(e: &StackEvent) -> Event {
    Event {
        logical_id: e.logical_resource_id().unwrap_or("?").to_owned(),
        resource_type: e.resource_type().unwrap_or("").to_owned(),
        status: e.resource_status().map_or("?", |s| s.as_str()).to_owned(),
        reason: e
            .resource_status_reason()
            .filter(|r| !r.is_empty())
            .map(str::to_owned),
    }
}

/// Events after `after`, oldest first; their ids are added to `seen`.
async fn new_events(
    aws_: &Aws,
    stack_id: &str,
    after: Option<&str>,
    seen: &mut HashSet<String>,
) -> Result<Vec<Event>> {
    let mut fresh = Vec::new();
    let mut token: Option<String> = None;
    'pages: for _ in 0..MAX_PAGES {
        let out = aws_
            .cfn
            .describe_stack_events()
            .stack_name(stack_id)
            .set_next_token(token.take())
            .send()
            .await
            .map_err(|e| aws("cloudformation:DescribeStackEvents", &aws_.endpoint, e))?;
        for e in out.stack_events() {
            let id = e.event_id().unwrap_or_default();
            if Some(id) == after || seen.contains(id) {
                break 'pages;
            }
            seen.insert(id.to_owned());
            fresh.push(event_of(e));
        }
        match out.next_token() {
            Some(t) => token = Some(t.to_owned()),
            None => break,
        }
    }
    fresh.reverse();
    Ok(fresh)
}

/// Follow the operation on `stack_id` (an ARN, so a deleted stack is still found) until it
/// settles, printing each new event.
pub(crate) async fn follow(
    aws_: &Aws,
    stack_id: &str,
    after: Option<String>,
    limit: Duration,
    cancel: &Cancel,
) -> Result<Followed> {
    let start = Instant::now();
    let mut seen = HashSet::new();
    let mut events = Vec::new();
    let mut backoff = Backoff::new(Duration::from_millis(500), Duration::from_secs(10));
    let mut last_note = Instant::now();
    loop {
        for e in new_events(aws_, stack_id, after.as_deref(), &mut seen).await? {
            print_event(&e, start.elapsed());
            events.push(e);
        }
        let stack = aws_
            .cfn
            .describe_stacks()
            .stack_name(stack_id)
            .send()
            .await
            .map_err(|e| aws("cloudformation:DescribeStacks", &aws_.endpoint, e))?;
        let stack = stack.stacks().first();
        let status = stack.map_or_else(|| "DELETE_COMPLETE".to_owned(), crate::stack::status_of);
        let reason = stack
            .and_then(|s| s.stack_status_reason())
            .map(str::to_owned);
        if !status.ends_with("_IN_PROGRESS") {
            return Ok(Followed {
                events,
                ending: Ending::Settled(status),
                status_reason: reason,
            });
        }
        if start.elapsed() >= limit {
            return Ok(Followed {
                events,
                ending: Ending::TimedOut(status),
                status_reason: reason,
            });
        }
        if last_note.elapsed() >= Duration::from_secs(30) {
            ui::detail(&format!("… {status} ({})", ui::elapsed(start.elapsed())));
            last_note = Instant::now();
        }
        let delay = backoff
            .next_delay()
            .min(limit.saturating_sub(start.elapsed()));
        if !cancel.sleep(delay).await {
            return Ok(Followed {
                events,
                ending: Ending::Interrupted,
                status_reason: reason,
            });
        }
    }
}

fn print_event(e: &Event, at: Duration) {
    let reason = e
        .reason
        .as_deref()
        .map(|r| format!("  {r}"))
        .unwrap_or_default();
    ui::detail(&format!(
        "[{:>6}] {:<24} {:<36} {}{reason}",
        ui::elapsed(at),
        e.status,
        e.logical_id,
        e.resource_type
    ));
}

/// The root cause of a failed operation: the first failed resource event that is not a
/// cancellation, else the first failed event, else the stack's status reason.
pub(crate) fn root_cause(followed: &Followed) -> Option<String> {
    let failed = |e: &&Event| e.status.ends_with("_FAILED");
    let cancelled = |e: &&Event| {
        e.reason
            .as_deref()
            .is_some_and(|r| r.contains("cancelled") || r.contains("canceled"))
    };
    let resource = followed
        .events
        .iter()
        .filter(failed)
        .find(|e| !cancelled(e) && e.resource_type != "AWS::CloudFormation::Stack")
        .or_else(|| {
            followed
                .events
                .iter()
                .filter(failed)
                .find(|e| !cancelled(e))
        });
    match resource {
        Some(e) => Some(format!(
            "{} ({}) {}: {}",
            e.logical_id,
            if e.resource_type.is_empty() {
                "stack"
            } else {
                &e.resource_type
            },
            e.status,
            e.reason.as_deref().unwrap_or("no reason given")
        )),
        None => followed.status_reason.clone(),
    }
}

/// What a settled failure status means and what to do next.
pub(crate) fn after_failure(status: &str, stack: &str, args: &str) -> (String, String) {
    match status {
        "ROLLBACK_COMPLETE" => (
            format!(
                "the first creation of {stack} was rolled back (ROLLBACK_COMPLETE); only retained resources remain"
            ),
            format!(
                "fix the cause above and run `agentc deploy {args}` again (it deletes the rolled-back stack first)"
            ),
        ),
        "UPDATE_ROLLBACK_COMPLETE" => (
            format!(
                "{stack} was rolled back to its previous state (UPDATE_ROLLBACK_COMPLETE); it still serves the last good deployment"
            ),
            format!("fix the cause above and run `agentc deploy {args}` again"),
        ),
        "UPDATE_ROLLBACK_FAILED" => (
            format!("the update failed and so did its rollback: {stack} is UPDATE_ROLLBACK_FAILED"),
            format!(
                "fix what blocks the rollback, run `aws cloudformation continue-update-rollback --stack-name {stack}` \
                 (with `--resources-to-skip ID` for resources that cannot roll back), then `agentc deploy {args}`"
            ),
        ),
        "ROLLBACK_FAILED" | "CREATE_FAILED" => (
            format!("{stack} could not be cleaned up after the failure ({status})"),
            format!(
                "remove what blocks the failed resources, then `agentc destroy {args}` and deploy again"
            ),
        ),
        "DELETE_FAILED" => (
            format!("{stack} could not be deleted completely (DELETE_FAILED)"),
            format!(
                "remove what blocks the resources above, then run `agentc destroy {args}` again"
            ),
        ),
        other => (
            format!("{stack} ended in {other}"),
            format!("see `agentc status {args}`"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(id: &str, t: &str, status: &str, reason: Option<&str>) -> Event {
        Event {
            logical_id: id.into(),
            resource_type: t.into(),
            status: status.into(),
            reason: reason.map(Into::into),
        }
    }

    #[test]
    fn root_cause_is_the_first_real_failure() {
        let followed = Followed {
            events: vec![
                ev(
                    "s",
                    "AWS::CloudFormation::Stack",
                    "UPDATE_IN_PROGRESS",
                    Some("User Initiated"),
                ),
                ev(
                    "Role",
                    "AWS::IAM::Role",
                    "UPDATE_FAILED",
                    Some("Resource update cancelled"),
                ),
                ev(
                    "Runtime",
                    "AWS::BedrockAgentCore::Runtime",
                    "UPDATE_FAILED",
                    Some("Access denied while validating ECR URI"),
                ),
                ev(
                    "Logs",
                    "AWS::Logs::LogGroup",
                    "UPDATE_FAILED",
                    Some("later"),
                ),
                ev(
                    "s",
                    "AWS::CloudFormation::Stack",
                    "UPDATE_ROLLBACK_COMPLETE",
                    None,
                ),
            ],
            ending: Ending::Settled("UPDATE_ROLLBACK_COMPLETE".into()),
            status_reason: None,
        };
        assert_eq!(
            root_cause(&followed).unwrap(),
            "Runtime (AWS::BedrockAgentCore::Runtime) UPDATE_FAILED: Access denied while validating ECR URI"
        );
        let bare = Followed {
            events: vec![],
            ending: Ending::Settled("ROLLBACK_COMPLETE".into()),
            status_reason: Some("x".into()),
        };
        assert_eq!(root_cause(&bare).as_deref(), Some("x"));
    }

    #[test]
    fn every_failure_status_has_a_next_step() {
        for s in [
            "ROLLBACK_COMPLETE",
            "UPDATE_ROLLBACK_COMPLETE",
            "UPDATE_ROLLBACK_FAILED",
            "DELETE_FAILED",
            "ODD",
        ] {
            let (what, next) = after_failure(s, "p-dev", "p.kdl --env dev");
            assert!(!what.is_empty() && next.contains("agentc"), "{s}");
        }
        assert!(
            after_failure("UPDATE_ROLLBACK_FAILED", "p-dev", "")
                .1
                .contains("continue-update-rollback")
        );
    }
}
