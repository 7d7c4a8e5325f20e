//! One agent's view: its repository, role and statements, runtime settings, log delivery
//! names, alarms, outputs and build paths, from the IR's [`Agent`].

use agentc_ir::{Agent, Deployment};

use crate::hcl;
use crate::names::{Arns, conditions, join_path, one_line, suppression, truncate};
use crate::view::{
    AgentNames, AgentView, AlarmView, OutputDescriptions, Pair, RepositoryView, Skip, StatementView,
};

/// The longest `name_prefix` an IAM role takes (64 minus Terraform's 26-character suffix).
const ROLE_PREFIX_MAX: usize = 38;

pub(crate) fn agent(
    d: &Deployment,
    a: &Agent,
    arns: &Arns,
    spec_dir: &str,
) -> Result<AgentView, String> {
    let s = |id: &agentc_ir::LogicalId| hcl::snake_case(id.as_str());
    let i = &a.ids;
    let repo = &a.repository;
    let why = |code: &str, setting: &str, check: &str| {
        let reason = suppression(d, code).map_or_else(
            || format!("The spec sets {setting} for environment {}, which is not held to production rules ({code} applies to production only).", d.environment),
            str::to_owned,
        );
        Skip {
            id: check.to_owned(),
            reason: one_line(&reason),
        }
    };
    let mut skips = Vec::new();
    if !repo.immutable_tags {
        skips.push(why(
            "agentc::image::mutable-in-production",
            "tag-mutability \"mutable\"",
            "CKV_AWS_51",
        ));
    }
    if !repo.scan_on_push {
        skips.push(why(
            "agentc::image::scan-disabled-in-production",
            "scan-on-push #false",
            "CKV_AWS_163",
        ));
    }
    let statements = a
        .statements
        .iter()
        .map(|st| {
            Ok(StatementView {
                sid: st.sid.clone(),
                has_reason: st.wildcard_reason.is_some(),
                reason: one_line(st.wildcard_reason.as_deref().unwrap_or_default()),
                actions: st.actions.clone(),
                resources: st
                    .resources
                    .iter()
                    .map(|r| arns.value(r))
                    .collect::<Result<_, String>>()?,
                conditions: conditions(arns, &st.conditions)?,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let alarms = a
        .alarms
        .iter()
        .map(|al| {
            let periods = if al.evaluation_periods == 1 {
                String::new()
            } else {
                format!(", {} periods", al.evaluation_periods)
            };
            let threshold =
                hcl::number(al.threshold).ok_or("a non-finite threshold reached the view")?;
            Ok(AlarmView {
                tf: s(&al.id),
                alarm_name: al.alarm_name.clone(),
                description: format!(
                    "{}: {} >= {threshold} ({} over {} s{periods})",
                    a.runtime_name,
                    al.metric.as_str(),
                    al.statistic.as_str(),
                    al.period
                ),
                metric: al.metric.as_str().to_owned(),
                statistic: al.statistic.as_str().to_owned(),
                period: al.period,
                evaluation_periods: al.evaluation_periods,
                threshold: al.threshold,
                dimensions: a
                    .metric_dimensions
                    .iter()
                    .map(|(k, v)| Pair {
                        key: k.clone(),
                        value: v.clone(),
                    })
                    .collect(),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let noun = if repo.keep_last == 1 {
        "image"
    } else {
        "images"
    };
    Ok(AgentView {
        name: a.name.clone(),
        id: s(&i.prefix),
        tf: AgentNames {
            repository: s(&i.repository),
            role: s(&i.role),
            role_policy: s(&i.role_policy),
            runtime: s(&i.runtime),
            log_group: s(&i.log_group),
            log_source: s(&i.log_source),
            log_destination: s(&i.log_destination),
            log_delivery: s(&i.log_delivery),
            trace_source: s(&i.trace_source),
            trace_destination: s(&i.trace_destination),
            trace_delivery: s(&i.trace_delivery),
        },
        runtime_name: a.runtime_name.to_string(),
        image_var: format!("{}_image_ref", s(&i.prefix)),
        image_ref_description: format!(
            "Image of agent {} in {}: a tag or a sha256:<64 hex> digest. Empty (the default) creates everything but the runtime and what depends on it; deploy.sh sets it.",
            a.name, repo.name
        ),
        has_description: a.description.is_some(),
        description: a.description.clone().unwrap_or_default(),
        repository: RepositoryView {
            name: repo.name.clone(),
            mutability: if repo.immutable_tags {
                "IMMUTABLE"
            } else {
                "MUTABLE"
            }
            .into(),
            scan_on_push: repo.scan_on_push,
            keep_last: repo.keep_last,
            keep_description: format!("Keep the last {} {noun}", repo.keep_last),
            retain: repo.retain,
            skips,
        },
        role_name_prefix: truncate(&format!("{}-", a.runtime_name), ROLE_PREFIX_MAX),
        role_description: format!(
            "agentc {}: execution role of the AgentCore runtime {}",
            d.stack_name, a.runtime_name
        ),
        policy_name: a.names.role_policy.clone(),
        trust_conditions: conditions(arns, &a.trust_conditions)?,
        statements,
        protocol: a.protocol.aws_name().to_owned(),
        has_env: !a.env.is_empty(),
        env: a
            .env
            .iter()
            .map(|(k, v)| Pair {
                key: k.clone(),
                value: v.clone(),
            })
            .collect(),
        idle_timeout: a.lifecycle.idle_timeout,
        max_lifetime: a.lifecycle.max_lifetime,
        log_group_name: a.log_group_name.clone(),
        log_source_name: a.names.log_source.clone(),
        log_destination_name: a.names.log_destination.clone(),
        trace_source_name: a.names.trace_source.clone(),
        trace_destination_name: a.names.trace_destination.clone(),
        alarms,
        outputs: OutputDescriptions {
            runtime_arn: format!(
                "ARN of the AgentCore runtime {} (null until its image is pushed)",
                a.runtime_name
            ),
            runtime_id: format!(
                "ID of the AgentCore runtime {} (null until its image is pushed)",
                a.runtime_name
            ),
            invocation_url: format!(
                "HTTPS invocation URL of {} (DEFAULT endpoint; null until its image is pushed)",
                a.runtime_name
            ),
            repository_uri: format!("ECR repository for the {} image", a.name),
            log_group_name: format!("Log group of {}", a.runtime_name),
        },
        build_context: join_path(spec_dir, &a.build.context),
        dockerfile: join_path(spec_dir, &a.build.dockerfile),
        absolute_paths: join_path(spec_dir, &a.build.context).starts_with('/'),
    })
}
