//! Change sets: create one, wait for CloudFormation to compute it, show what it adds, changes,
//! replaces and removes (loudly when the runtime or a retained resource would be replaced),
//! and execute or delete it. "No changes" (however CloudFormation says it) ends as
//! [`Plan::Empty`].

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use aws_sdk_cloudformation::types::{Capability, ChangeSetStatus, ChangeSetType, Parameter, Tag};

use crate::aws::Aws;
use crate::error::{Failure, Result, aws, code_of, message_of};
use crate::ui::{self, Backoff, Cancel};

/// Longest wait for CloudFormation to compute a change set.
const CREATE_LIMIT: Duration = Duration::from_secs(600);
/// CreateChangeSet's limit for an inline template body.
pub(crate) const MAX_TEMPLATE_BODY: usize = 51_200;

/// One resource change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Change {
    /// `Add`, `Modify`, `Remove`, `Import`, `Dynamic`.
    pub action: String,
    /// Logical id.
    pub logical_id: String,
    /// Resource type.
    pub resource_type: String,
    /// `True`, `False` or `Conditional` for modifications.
    pub replacement: Option<String>,
}

/// A computed change set.
#[derive(Debug, Clone)]
pub(crate) enum Plan {
    /// CloudFormation found nothing to do.
    Empty,
    /// Ready to execute.
    Ready {
        /// Its ARN.
        id: String,
        /// The stack's ARN.
        stack_id: String,
        /// What it changes.
        changes: Vec<Change>,
    },
}

/// What to create.
pub(crate) struct Request<'a> {
    /// The stack.
    pub stack_name: &'a str,
    /// CREATE for a new stack (or one in REVIEW_IN_PROGRESS), UPDATE otherwise.
    pub create: bool,
    /// The template, minified.
    pub body: &'a str,
    /// Parameter values.
    pub parameters: &'a BTreeMap<String, String>,
    /// Stack tags.
    pub tags: &'a BTreeMap<String, String>,
    /// Shown in the console.
    pub description: String,
}

fn no_changes(reason: &str) -> bool {
    reason.contains("didn't contain changes") || reason.contains("No updates are to be performed")
}

/// Create the change set and wait until CloudFormation has computed it.
pub(crate) async fn create(aws_: &Aws, req: &Request<'_>, cancel: &Cancel) -> Result<Plan> {
    let name = format!(
        "agentc-{}",
        aws_smithy_types::DateTime::from(std::time::SystemTime::now()).secs()
    );
    let mut call = aws_
        .cfn
        .create_change_set()
        .stack_name(req.stack_name)
        .change_set_name(&name)
        .change_set_type(if req.create {
            ChangeSetType::Create
        } else {
            ChangeSetType::Update
        })
        .template_body(req.body)
        .description(&req.description)
        .capabilities(Capability::CapabilityIam)
        .capabilities(Capability::CapabilityNamedIam);
    for (k, v) in req.parameters {
        call = call.parameters(
            Parameter::builder()
                .parameter_key(k)
                .parameter_value(v)
                .build(),
        );
    }
    for (k, v) in req.tags {
        call = call.tags(Tag::builder().key(k).value(v).build());
    }
    let created = match call.send().await {
        Ok(out) => out,
        Err(e) if code_of(&e) == Some("ValidationError") && no_changes(&message_of(&e)) => {
            return Ok(Plan::Empty);
        }
        Err(e) if code_of(&e) == Some("ValidationError") => {
            return Err(Failure::failed(format!(
                "CloudFormation rejected the template or its parameters: {}",
                message_of(&e)
            ))
            .next("if `agentc check` passes on this spec, this is an agentc bug: please report it with the spec"));
        }
        Err(e) => return Err(aws("cloudformation:CreateChangeSet", &aws_.endpoint, e)),
    };
    let id = created.id().unwrap_or(&name).to_owned();
    let stack_id = created.stack_id().unwrap_or(req.stack_name).to_owned();
    wait(aws_, &id, req.stack_name, cancel)
        .await?
        .map_or(Ok(Plan::Empty), |changes| {
            Ok(Plan::Ready {
                id,
                stack_id,
                changes,
            })
        })
}

/// Wait for the change set; `None` when it holds no changes (it is deleted then).
async fn wait(aws_: &Aws, id: &str, stack: &str, cancel: &Cancel) -> Result<Option<Vec<Change>>> {
    let start = Instant::now();
    let mut backoff = Backoff::new(Duration::from_millis(300), Duration::from_secs(5));
    loop {
        let mut changes = Vec::new();
        let mut token = None;
        for _ in 0..50 {
            let out = aws_
                .cfn
                .describe_change_set()
                .change_set_name(id)
                .stack_name(stack)
                .set_next_token(token.take())
                .send()
                .await
                .map_err(|e| aws("cloudformation:DescribeChangeSet", &aws_.endpoint, e))?;
            match out.status() {
                Some(ChangeSetStatus::CreateComplete) => {}
                Some(ChangeSetStatus::Failed) => {
                    let reason = out.status_reason().unwrap_or("no reason given").to_owned();
                    delete(aws_, id, stack).await;
                    if no_changes(&reason) {
                        return Ok(None);
                    }
                    let details = validation_details(aws_, id, stack).await;
                    return Err(Failure::failed(format!("CloudFormation rejected the change set: {reason}{details}"))
                        .next("fix the cause above (pre-deployment validation stops before anything changes) and deploy again"));
                }
                _ => break,
            }
            for c in out.changes() {
                if let Some(rc) = c.resource_change() {
                    changes.push(Change {
                        action: rc.action().map_or("?", |a| a.as_str()).to_owned(),
                        logical_id: rc.logical_resource_id().unwrap_or("?").to_owned(),
                        resource_type: rc.resource_type().unwrap_or("").to_owned(),
                        replacement: rc.replacement().map(|r| r.as_str().to_owned()),
                    });
                }
            }
            match out.next_token() {
                Some(t) => token = Some(t.to_owned()),
                None => return Ok(Some(changes)),
            }
        }
        if start.elapsed() > CREATE_LIMIT {
            return Err(Failure::failed(format!(
                "CloudFormation did not compute the change set within {}",
                ui::elapsed(CREATE_LIMIT)
            )));
        }
        if !cancel.sleep(backoff.next_delay()).await {
            delete(aws_, id, stack).await;
            return Err(Failure::failed(
                "interrupted while CloudFormation computed the change set; nothing was changed",
            ));
        }
    }
}

/// Pre-deployment validation failures of a change set (DescribeEvents), as indented lines;
/// empty when there are none or the endpoint does not offer them.
async fn validation_details(aws_: &Aws, id: &str, stack: &str) -> String {
    let filter = aws_sdk_cloudformation::types::EventFilter::builder()
        .failed_events(true)
        .build();
    let Ok(out) = aws_
        .cfn
        .describe_events()
        .change_set_name(id)
        .stack_name(stack)
        .filters(filter)
        .send()
        .await
    else {
        return String::new();
    };
    out.operation_events()
        .iter()
        .filter_map(|e| {
            let reason = e
                .validation_status_reason()
                .or(e.resource_status_reason())?;
            let what = e.logical_resource_id().unwrap_or("stack");
            let rule = e
                .validation_name()
                .map(|n| format!(" [{n}]"))
                .unwrap_or_default();
            Some(format!("\n  {what}{rule}: {reason}"))
        })
        .collect()
}

/// Delete a change set (best effort).
pub(crate) async fn delete(aws_: &Aws, id: &str, stack: &str) {
    let _ = aws_
        .cfn
        .delete_change_set()
        .change_set_name(id)
        .stack_name(stack)
        .send()
        .await;
}

/// Execute the change set.
pub(crate) async fn execute(aws_: &Aws, id: &str, stack: &str) -> Result<(), String> {
    match aws_
        .cfn
        .execute_change_set()
        .change_set_name(id)
        .stack_name(stack)
        .send()
        .await
    {
        Ok(_) => Ok(()),
        Err(e) => {
            let code = code_of(&e).unwrap_or("").to_owned();
            let message = message_of(&e);
            Err(if code.is_empty() {
                message
            } else {
                format!("{code}: {message}")
            })
        }
    }
}

fn is_replacement(c: &Change) -> bool {
    matches!(c.replacement.as_deref(), Some("True" | "Conditional"))
}

/// Print the changes; return the warnings (already printed) so callers can re-ask.
pub(crate) fn show(changes: &[Change], template: &serde_json::Value) -> Vec<String> {
    let retained: Vec<String> = crate::stack::retained(template)
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();
    if changes.is_empty() {
        ui::detail("CloudFormation lists no resource changes (parameters, outputs or tags only)");
    }
    for c in changes {
        let (mark, note) = match (c.action.as_str(), c.replacement.as_deref()) {
            ("Add", _) => ("+", String::new()),
            ("Remove", _) => ("-", String::new()),
            ("Modify", Some("True")) => ("±", "  REPLACED".to_owned()),
            ("Modify", Some("Conditional")) => ("±", "  may be replaced".to_owned()),
            ("Modify", _) => ("~", String::new()),
            (other, _) => ("?", format!("  {other}")),
        };
        ui::detail(&format!(
            "{mark} {:<36} {}{note}",
            c.logical_id, c.resource_type
        ));
    }
    let count = |a: &str| changes.iter().filter(|c| c.action == a).count();
    ui::detail(&format!(
        "{} to add, {} to change ({} replaced), {} to remove",
        count("Add"),
        count("Modify"),
        changes.iter().filter(|c| is_replacement(c)).count(),
        count("Remove")
    ));
    let mut warnings = Vec::new();
    for c in changes {
        let kept = retained.contains(&c.logical_id);
        if is_replacement(c) && c.resource_type == "AWS::BedrockAgentCore::Runtime" {
            warnings.push(format!(
                "{} (the AgentCore runtime) will be REPLACED: it gets a new ARN and invocation URL, callers of the \
                 old ones break and its sessions end",
                c.logical_id
            ));
        } else if is_replacement(c) && kept {
            warnings.push(format!(
                "{} ({}) will be REPLACED; the old one is retained (DeletionPolicy Retain) and a new, empty one is \
                 created: its data does not move",
                c.logical_id, c.resource_type
            ));
        } else if c.action == "Remove" && kept {
            warnings.push(format!(
                "{} ({}) leaves the stack but is retained: it stays in the account, no longer managed",
                c.logical_id, c.resource_type
            ));
        }
    }
    for w in &warnings {
        ui::warn(w);
    }
    warnings
}

/// Whether a change set only adds resources.
pub(crate) fn only_adds(changes: &[Change]) -> bool {
    changes.iter().all(|c| c.action == "Add")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(action: &str, id: &str, t: &str, repl: Option<&str>) -> Change {
        Change {
            action: action.into(),
            logical_id: id.into(),
            resource_type: t.into(),
            replacement: repl.map(Into::into),
        }
    }

    #[test]
    fn replacements_of_the_runtime_and_retained_resources_warn() {
        let template = serde_json::json!({"Resources": {"Repo": {"Type": "AWS::ECR::Repository", "DeletionPolicy": "Retain"}}});
        let warnings = show(
            &[
                change(
                    "Modify",
                    "Runtime",
                    "AWS::BedrockAgentCore::Runtime",
                    Some("True"),
                ),
                change(
                    "Modify",
                    "Repo",
                    "AWS::ECR::Repository",
                    Some("Conditional"),
                ),
                change("Modify", "Role", "AWS::IAM::Role", Some("False")),
                change("Add", "Alarm", "AWS::CloudWatch::Alarm", None),
            ],
            &template,
        );
        assert_eq!(warnings.len(), 2);
        assert!(warnings[0].contains("new ARN"));
        assert!(warnings[1].contains("retained"));
        assert!(only_adds(&[change("Add", "A", "T", None)]));
        assert!(!only_adds(&[change("Modify", "A", "T", Some("False"))]));
        assert!(no_changes(
            "The submitted information didn't contain changes. Submit different information"
        ));
        assert!(no_changes("No updates are to be performed."));
    }
}
