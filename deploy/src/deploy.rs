//! `agentc deploy`: image before runtime. A new stack is first created with empty image
//! references (repository, role, log group, keys); then each agent's image is resolved to a
//! digest (built and pushed, or given); then the stack is updated with the digests, which
//! creates or updates the runtimes. Each stack change is a change set, shown, confirmed and
//! followed; an unchanged template with unchanged parameters is "up to date" without one.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crate::aws::{self, Aws};
use crate::changeset::{self, MAX_TEMPLATE_BODY, Plan};
use crate::error::{Failure, Result};
use crate::events::{self, Ending};
use crate::stack::{self, OWNER_TAG};
use crate::ui::{self, Cancel};
use crate::{DeployOptions, ImageSource, Outcome, image, runtime, status};
use agentc_ir::{Agent, Deployment};

pub(crate) async fn run(deployment: &Deployment, options: &DeployOptions) -> Outcome {
    let cancel = Cancel::install();
    let args = &options.connection.command_args;
    let interrupted = || {
        Failure::failed("interrupted (Ctrl-C); whatever CloudFormation was doing goes on, and the stack is left as it is")
            .next(format!("see where it is with `agentc status {args}`, then run `agentc deploy {args}` again"))
    };
    match ui::interruptible(&cancel, deploy(deployment, options, &cancel), interrupted).await {
        Ok(()) => Outcome::Success,
        Err(failure) => failure.print(),
    }
}

/// Everything one deploy carries around.
struct Ctx<'a> {
    aws: Aws,
    deployment: &'a Deployment,
    options: &'a DeployOptions,
    template: serde_json::Value,
    body: String,
    tags: BTreeMap<String, String>,
    cancel: &'a Cancel,
    /// The user said yes once: later change sets that only add resources go ahead.
    confirmed: bool,
}

/// Which image source each agent uses.
fn sources_for<'a>(
    deployment: &Deployment,
    images: &'a [(Option<String>, ImageSource)],
) -> Result<Vec<&'a ImageSource>> {
    static BUILD: ImageSource = ImageSource::Build { tool: None };
    for name in images.iter().filter_map(|(n, _)| n.as_ref()) {
        if !deployment.agents.iter().any(|a| &a.name == name) {
            let known: Vec<&str> = deployment.agents.iter().map(|a| a.name.as_str()).collect();
            return Err(Failure::could_not_run(format!(
                "no agent `{name}` in this spec (agents: {})",
                known.join(", ")
            )));
        }
    }
    let shared = images
        .iter()
        .rev()
        .find(|(n, _)| n.is_none())
        .map(|(_, s)| s);
    if deployment.agents.len() > 1
        && matches!(shared, Some(ImageSource::Uri(_) | ImageSource::Digest(_)))
    {
        return Err(Failure::could_not_run(
            "this spec has several agents: name the agent of each image, e.g. --image-uri AGENT=URI",
        ));
    }
    Ok(deployment
        .agents
        .iter()
        .map(|a| {
            images
                .iter()
                .rev()
                .find(|(n, _)| n.as_deref() == Some(a.name.as_str()))
                .map(|(_, s)| s)
                .or(shared)
                .unwrap_or(&BUILD)
        })
        .collect())
}

async fn deploy(deployment: &Deployment, options: &DeployOptions, cancel: &Cancel) -> Result<()> {
    let template: serde_json::Value = serde_json::from_str(&options.template).map_err(|e| {
        Failure::failed(format!(
            "the compiled template is not JSON ({e}): this is an agentc bug"
        ))
    })?;
    let body = serde_json::to_string(&template).unwrap_or_default();
    if body.len() > MAX_TEMPLATE_BODY {
        return Err(Failure::failed(format!(
            "the template is {} bytes; CloudFormation takes at most {MAX_TEMPLATE_BODY} inline",
            body.len()
        ))
        .next("split the agents over several specs (agentc does not upload templates to S3 yet)"));
    }
    let sources = sources_for(deployment, &options.images)?;
    let aws = aws::connect(&options.connection, deployment).await?;
    ui::step(&format!(
        "deploying {} ({}) to account {}, {} via {}",
        deployment.stack_name, deployment.environment, aws.account, aws.region, aws.endpoint
    ));
    let tags = BTreeMap::from([(
        OWNER_TAG.to_owned(),
        format!("{}/{}", deployment.project, deployment.environment),
    )]);
    let mut ctx = Ctx {
        aws,
        deployment,
        options,
        template,
        body,
        tags,
        cancel,
        confirmed: false,
    };
    let started = Instant::now();
    prepare(&mut ctx).await?;

    let name = &deployment.stack_name;
    let stack = stack::describe(&ctx.aws, name)
        .await?
        .ok_or_else(|| Failure::failed(format!("stack {name} vanished")))?;
    let outputs = stack::outputs_of(&stack);
    ui::step("images");
    let mut refs = BTreeMap::new();
    for (agent, source) in deployment.agents.iter().zip(sources) {
        let uri = repository_uri(&ctx.aws, agent, &outputs).await?;
        let digest = image::resolve(&ctx.aws, agent, source, &uri, &options.spec_dir).await?;
        ui::detail(&format!("{}: {uri}@{digest}", agent.name));
        refs.insert(agent.ids.image_ref.to_string(), digest);
    }

    let deployed = stack::deployed_template(&ctx.aws, name).await?;
    if stack::unchanged(&stack, deployed.as_ref(), &ctx.template, &refs, &ctx.tags) {
        ui::ok(&format!(
            "{name} is up to date: the same template and images are deployed ({})",
            stack::status_of(&stack)
        ));
    } else {
        ui::step(&format!(
            "updating {name}: the template, with the runtimes pinned to these digests"
        ));
        apply(&mut ctx, false, &refs).await?;
    }

    ui::step("runtimes");
    let stack = stack::describe(&ctx.aws, name)
        .await?
        .ok_or_else(|| Failure::failed(format!("stack {name} vanished")))?;
    let outputs = stack::outputs_of(&stack);
    let limit = Duration::from_secs(options.runtime_timeout_secs);
    for agent in &deployment.agents {
        runtime::wait_ready(
            &ctx.aws,
            agent,
            &outputs,
            limit,
            cancel,
            &options.connection.command_args,
        )
        .await?;
    }
    ui::ok(&format!(
        "{name} deployed in {}",
        ui::elapsed(started.elapsed())
    ));
    let report = status::gather(&ctx.aws, deployment, Some(stack)).await?;
    print!("{}", status::text(&report));
    Ok(())
}

/// Make sure the stack exists and can be updated: create it with empty image references on
/// the first deploy; replace a stack whose first creation was rolled back.
async fn prepare(ctx: &mut Ctx<'_>) -> Result<()> {
    let name = &ctx.deployment.stack_name;
    let owner = format!("{}/{}", ctx.deployment.project, ctx.deployment.environment);
    let args = &ctx.options.connection.command_args;
    let mut existing = stack::describe(&ctx.aws, name).await?;
    if let Some(s) = &existing {
        stack::check_owned(s, name, &owner)?;
        let status = stack::status_of(s);
        if let Some(blocked) = stack::blocking(&status, name, args) {
            return Err(blocked);
        }
        if status == "ROLLBACK_COMPLETE" {
            ui::warn(&format!(
                "the first creation of {name} failed and was rolled back; CloudFormation cannot update it"
            ));
            if !ui::confirm(
                &format!("Delete the rolled-back stack {name} and create it again?"),
                ctx.options.yes,
                ctx.cancel,
            )
            .await?
            {
                return Err(declined());
            }
            ctx.confirmed = true;
            let id = s.stack_id().unwrap_or(name).to_owned();
            crate::destroy::delete_and_follow(
                &ctx.aws,
                &id,
                Duration::from_secs(ctx.options.stack_timeout_secs),
                ctx.cancel,
                args,
            )
            .await?;
            existing = None;
        }
    }
    let is_new = existing
        .as_ref()
        .is_none_or(|s| stack::status_of(s) == "REVIEW_IN_PROGRESS");
    if is_new {
        ui::step(&format!(
            "first deploy of {name}: repository, role, log group and keys; the runtime follows once its image is in ECR"
        ));
        let empty: BTreeMap<String, String> = ctx
            .deployment
            .agents
            .iter()
            .map(|a| (a.ids.image_ref.to_string(), String::new()))
            .collect();
        apply(ctx, true, &empty).await?;
    }
    Ok(())
}

fn declined() -> Failure {
    Failure::failed("not deployed: the changes were not confirmed; nothing was changed")
}

/// Known causes and what to do about them.
fn hint_for(reason: &str) -> Option<&'static str> {
    let r = reason.to_ascii_lowercase();
    if r.contains("already exists") {
        Some(
            "a resource with that name already exists outside this stack (left from an earlier deploy, or made by hand): delete or import it, or change the project or environment name",
        )
    } else if r.contains("validating ecr uri") {
        Some(
            "the execution role could not pull the image: check the role policy's ECR statements and that the image is in the repository",
        )
    } else if r.contains("not authorized") || r.contains("accessdenied") {
        Some("the deploying identity lacks a permission named above: grant it and deploy again")
    } else {
        None
    }
}

/// Create, show, confirm, execute and follow one change set.
async fn apply(
    ctx: &mut Ctx<'_>,
    create: bool,
    parameters: &BTreeMap<String, String>,
) -> Result<()> {
    let name = ctx.deployment.stack_name.clone();
    let args = ctx.options.connection.command_args.clone();
    let request = changeset::Request {
        stack_name: &name,
        create,
        body: &ctx.body,
        parameters,
        tags: &ctx.tags,
        description: format!(
            "agentc {} deploy of {} ({})",
            env!("CARGO_PKG_VERSION"),
            ctx.deployment.project,
            ctx.deployment.environment
        ),
    };
    let Plan::Ready {
        id,
        stack_id,
        changes,
    } = changeset::create(&ctx.aws, &request, ctx.cancel).await?
    else {
        ui::ok(&format!(
            "{name} is up to date: CloudFormation found no changes"
        ));
        return Ok(());
    };
    ui::detail(&format!(
        "change set {}:",
        id.rsplit(['/', ':']).nth(1).unwrap_or(&id)
    ));
    let warnings = changeset::show(&changes, &ctx.template);
    if !ctx.confirmed || !warnings.is_empty() || !changeset::only_adds(&changes) {
        let question = if warnings.is_empty() {
            format!("Deploy these changes to {name}?")
        } else {
            format!("Deploy these changes to {name} despite the warnings above?")
        };
        let answer = ui::confirm(&question, ctx.options.yes, ctx.cancel).await;
        if !matches!(answer, Ok(true)) {
            changeset::delete(&ctx.aws, &id, &name).await;
            return Err(answer.err().unwrap_or_else(declined));
        }
        ctx.confirmed = true;
    }
    let marker = events::newest_event_id(&ctx.aws, &stack_id)
        .await
        .ok()
        .flatten();
    let started = Instant::now();
    if let Err(reason) = changeset::execute(&ctx.aws, &id, &name).await {
        let status = stack::describe(&ctx.aws, &name)
            .await
            .ok()
            .flatten()
            .map(|s| stack::status_of(&s));
        let mut failure = Failure::failed(format!(
            "root cause: CloudFormation refused to execute the change set: {reason}\n  then: {name} is {} (nothing was changed by this deploy)",
            status.as_deref().unwrap_or("not created")
        ));
        failure.next = Some(hint_for(&reason).map_or_else(
            || format!("fix the cause and run `agentc deploy {args}` again"),
            str::to_owned,
        ));
        return Err(failure);
    }
    let limit = Duration::from_secs(ctx.options.stack_timeout_secs);
    let followed = events::follow(&ctx.aws, &stack_id, marker, limit, ctx.cancel).await?;
    match &followed.ending {
        Ending::Settled(status) if matches!(status.as_str(), "CREATE_COMPLETE" | "UPDATE_COMPLETE" | "IMPORT_COMPLETE") => {
            ui::ok(&format!("{name}: {status} ({})", ui::elapsed(started.elapsed())));
            Ok(())
        }
        Ending::Settled(status) => {
            let cause = events::root_cause(&followed).unwrap_or_else(|| "CloudFormation gave no reason".to_owned());
            let (what, next) = events::after_failure(status, &name, &args);
            let next = hint_for(&cause).map_or(next.clone(), |h| format!("{h}; then {next}"));
            Err(Failure::failed(format!("root cause: {cause}\n  then: {what}")).next(next))
        }
        Ending::TimedOut(status) => Err(Failure::failed(format!(
            "{name} is still {status} after {}; CloudFormation carries on",
            ui::elapsed(limit)
        ))
        .next(format!("follow it with `agentc status {args}` and deploy again once it has settled"))),
        Ending::Interrupted => Err(Failure::failed(format!(
            "stopped following {name} (Ctrl-C); the operation goes on in CloudFormation and the stack is left as it is"
        ))
        .next(format!(
            "see where it is with `agentc status {args}`; once it has settled, `agentc deploy {args}` picks up from there \
             (a failed update rolls back by itself)"
        ))),
    }
}

/// The agent's repository URI: the stack output, else ECR.
async fn repository_uri(
    aws_: &Aws,
    agent: &Agent,
    outputs: &BTreeMap<String, String>,
) -> Result<String> {
    if let Some(uri) = outputs.get(&format!("{}RepositoryUri", agent.ids.prefix)) {
        return Ok(uri.clone());
    }
    let out = aws_
        .ecr
        .describe_repositories()
        .repository_names(&agent.repository.name)
        .send()
        .await
        .map_err(|e| crate::error::aws("ecr:DescribeRepositories", &aws_.endpoint, e))?;
    out.repositories()
        .first()
        .and_then(|r| r.repository_uri())
        .map(str::to_owned)
        .ok_or_else(|| {
            Failure::failed(format!(
                "the ECR repository {} was not found",
                agent.repository.name
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_for_known_causes() {
        assert!(
            hint_for("Resource of type 'AWS::ECR::Repository' with identifier 'x' already exists.")
                .is_some()
        );
        assert!(
            hint_for("Access denied while validating ECR URI")
                .unwrap()
                .contains("role")
        );
        assert!(hint_for("something new").is_none());
    }
}
