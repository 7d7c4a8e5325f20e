//! `agentc destroy`: delete the stack agentc created for this spec and environment (never a
//! stack without agentc's owner tag for it), wait, and report what stays on purpose: the
//! resources the deployed template retains (production repositories with their images, log
//! groups, user pools, audit buckets and keys) and the runtime log groups AgentCore itself
//! created, which no stack owns.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use crate::aws::{self, Aws};
use crate::error::{Failure, Result, aws as aws_err};
use crate::events::{self, Ending};
use crate::stack;
use crate::ui::{self, Cancel};
use crate::{DestroyOptions, Outcome, runtime};
use agentc_ir::Deployment;

pub(crate) async fn run(deployment: &Deployment, options: &DestroyOptions) -> Outcome {
    let cancel = Cancel::install();
    let args = &options.connection.command_args;
    let interrupted = || {
        Failure::failed(
            "interrupted (Ctrl-C); a deletion already started goes on in CloudFormation",
        )
        .next(format!("see where it is with `agentc status {args}`"))
    };
    match ui::interruptible(&cancel, destroy(deployment, options, &cancel), interrupted).await {
        Ok(()) => Outcome::Success,
        Err(failure) => failure.print(),
    }
}

/// Physical ids of the stack's resources, by logical id.
async fn physical_ids(aws_: &Aws, stack_id: &str) -> Result<BTreeMap<String, String>> {
    let mut ids = BTreeMap::new();
    let mut token = None;
    for _ in 0..50 {
        let out = aws_
            .cfn
            .list_stack_resources()
            .stack_name(stack_id)
            .set_next_token(token.take())
            .send()
            .await
            .map_err(|e| aws_err("cloudformation:ListStackResources", &aws_.endpoint, e))?;
        for r in out.stack_resource_summaries() {
            if let (Some(l), Some(p)) = (r.logical_resource_id(), r.physical_resource_id()) {
                ids.insert(l.to_owned(), p.to_owned());
            }
        }
        match out.next_token() {
            Some(t) => token = Some(t.to_owned()),
            None => break,
        }
    }
    Ok(ids)
}

async fn destroy(deployment: &Deployment, options: &DestroyOptions, cancel: &Cancel) -> Result<()> {
    let name = &deployment.stack_name;
    let args = &options.connection.command_args;
    let aws = aws::connect(&options.connection, deployment).await?;
    let Some(existing) = stack::describe(&aws, name).await? else {
        println!(
            "{name}: not deployed in account {}, {}; nothing to destroy",
            aws.account, aws.region
        );
        return Ok(());
    };
    stack::check_owned(
        &existing,
        name,
        &format!("{}/{}", deployment.project, deployment.environment),
    )?;
    let status = stack::status_of(&existing);
    if !stack::is_settled(&status) {
        return Err(
            Failure::failed(format!("{name} is busy ({status})")).next(format!(
                "wait for the operation to finish (`agentc status {args}`), then destroy again"
            )),
        );
    }
    let stack_id = existing.stack_id().unwrap_or(name).to_owned();
    let template = stack::deployed_template(&aws, name)
        .await?
        .unwrap_or_default();
    let retained = stack::retained(&template);
    let ids = physical_ids(&aws, &stack_id).await?;
    let outputs = stack::outputs_of(&existing);
    let mut service_logs = Vec::new();
    for agent in &deployment.agents {
        if let Some(rt) = runtime::find(&aws, agent, &outputs).await? {
            service_logs.push(format!("/aws/bedrock-agentcore/runtimes/{}-DEFAULT", rt.id));
        }
    }
    ui::step(&format!(
        "destroying {name} ({status}, {} resources) in account {}, {}",
        ids.len(),
        aws.account,
        aws.region
    ));
    for (id, kind, policy) in &retained {
        ui::detail(&format!(
            "kept on purpose: {id} ({kind}, DeletionPolicy {policy})"
        ));
    }
    if matches!(deployment.network, agentc_ir::Network::Vpc { .. }) {
        ui::warn(
            "VPC mode: AgentCore can hold its network interfaces for hours after a runtime is deleted; the security group may wait for them",
        );
    }
    let kept = if retained.is_empty() {
        String::new()
    } else {
        format!(" (keeping the {} retained above)", retained.len())
    };
    if !ui::confirm(
        &format!("Delete stack {name} and everything it created{kept}?"),
        options.yes,
        cancel,
    )
    .await?
    {
        return Err(Failure::failed(
            "not destroyed: the deletion was not confirmed; nothing was changed",
        ));
    }
    let started = Instant::now();
    delete_and_follow(
        &aws,
        &stack_id,
        Duration::from_secs(options.timeout_secs),
        cancel,
        args,
    )
    .await?;
    ui::ok(&format!(
        "{name} deleted ({})",
        ui::elapsed(started.elapsed())
    ));
    print!("{}", report(name, &retained, &ids, &service_logs));
    Ok(())
}

/// What stays after the deletion, for stdout.
fn report(
    name: &str,
    retained: &[(String, String, String)],
    ids: &BTreeMap<String, String>,
    service_logs: &[String],
) -> String {
    let mut out = String::new();
    if retained.is_empty() && service_logs.is_empty() {
        let _ = writeln!(out, "{name}: deleted; nothing was kept");
        return out;
    }
    let _ = writeln!(out, "{name}: deleted; kept on purpose:");
    for (id, kind, policy) in retained {
        let physical = ids.get(id).map(|p| format!(" {p}")).unwrap_or_default();
        let _ = writeln!(out, "  {id} ({kind}){physical}: DeletionPolicy {policy}");
    }
    for group in service_logs {
        let _ = writeln!(
            out,
            "  {group}: created by AgentCore, not by the stack; delete it with `aws logs delete-log-group` when no longer needed"
        );
    }
    out
}

/// Delete the stack and follow the deletion to its end.
pub(crate) async fn delete_and_follow(
    aws_: &Aws,
    stack_id: &str,
    limit: Duration,
    cancel: &Cancel,
    args: &str,
) -> Result<()> {
    let marker = events::newest_event_id(aws_, stack_id).await.ok().flatten();
    aws_.cfn
        .delete_stack()
        .stack_name(stack_id)
        .send()
        .await
        .map_err(|e| aws_err("cloudformation:DeleteStack", &aws_.endpoint, e))?;
    let followed = events::follow(aws_, stack_id, marker, limit, cancel).await?;
    match &followed.ending {
        Ending::Settled(s) if s == "DELETE_COMPLETE" => Ok(()),
        Ending::Settled(s) => {
            let cause = events::root_cause(&followed)
                .unwrap_or_else(|| "CloudFormation gave no reason".to_owned());
            let (what, mut next) = events::after_failure(s, stack_id, args);
            if cause.contains("DependencyViolation")
                || cause.contains("has dependencies")
                || cause.contains("in use")
            {
                next = format!(
                    "something still uses it; in VPC mode AgentCore's network interfaces can take up to 8 hours to go: {next}"
                );
            }
            Err(Failure::failed(format!("root cause: {cause}\n  then: {what}")).next(next))
        }
        Ending::TimedOut(s) => Err(Failure::failed(format!(
            "the deletion is still {s} after {}",
            ui::elapsed(limit)
        ))
        .next(format!(
            "it goes on in CloudFormation: follow it with `agentc status {args}`"
        ))),
        Ending::Interrupted => Err(Failure::failed(
            "stopped following the deletion (Ctrl-C); it goes on in CloudFormation",
        )
        .next(format!("see where it is with `agentc status {args}`"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_lists_what_stays() {
        let retained = vec![(
            "Repo".to_owned(),
            "AWS::ECR::Repository".to_owned(),
            "Retain".to_owned(),
        )];
        let ids = BTreeMap::from([("Repo".to_owned(), "p/prod/a".to_owned())]);
        let text = report(
            "p-prod",
            &retained,
            &ids,
            &["/aws/bedrock-agentcore/runtimes/x-DEFAULT".to_owned()],
        );
        assert!(
            text.contains("Repo (AWS::ECR::Repository) p/prod/a: DeletionPolicy Retain"),
            "{text}"
        );
        assert!(text.contains("created by AgentCore"));
        assert_eq!(
            report("p-dev", &[], &ids, &[]),
            "p-dev: deleted; nothing was kept\n"
        );
    }
}
