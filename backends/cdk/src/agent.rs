//! IR agent → [`AgentView`]: the repository, role and statements, log group, image, runtime,
//! deliveries and alarms of one agent, spelt for the stack template.

use agentc_diagnostics::{Code, Diagnostic};
use agentc_ir::{Agent, Deployment, Protocol};

use crate::build::{Built, array, bug, conditions, removal};
use crate::nag;
use crate::ts;
use crate::view::{AgentOutputs, AgentView, AlarmView, OutputView, Pair, StatementView};

/// Stack members an agent's `add{Agent}` method must not shadow.
const STACK_ADD_METHODS: &[&str] = &[
    "addDependency",
    "addMetadata",
    "addStackDependency",
    "addStackTag",
    "addTransform",
];

/// `logs.RetentionDays` member of a CloudWatch Logs retention value.
fn retention(days: u32) -> String {
    let name = match days {
        1 => "ONE_DAY",
        3 => "THREE_DAYS",
        5 => "FIVE_DAYS",
        7 => "ONE_WEEK",
        14 => "TWO_WEEKS",
        30 => "ONE_MONTH",
        60 => "TWO_MONTHS",
        90 => "THREE_MONTHS",
        120 => "FOUR_MONTHS",
        150 => "FIVE_MONTHS",
        180 => "SIX_MONTHS",
        365 => "ONE_YEAR",
        400 => "THIRTEEN_MONTHS",
        545 => "EIGHTEEN_MONTHS",
        731 => "TWO_YEARS",
        1096 => "THREE_YEARS",
        1827 => "FIVE_YEARS",
        2192 => "SIX_YEARS",
        2557 => "SEVEN_YEARS",
        2922 => "EIGHT_YEARS",
        3288 => "NINE_YEARS",
        3653 => "TEN_YEARS",
        other => return format!("{other} as logs.RetentionDays"),
    };
    format!("logs.RetentionDays.{name}")
}

/// `Duration.hours(8)`, `Duration.minutes(15)` or `Duration.seconds(90)`.
pub(crate) fn duration(seconds: u32) -> String {
    if seconds >= 3600 && seconds.is_multiple_of(3600) {
        format!("Duration.hours({})", seconds / 3600)
    } else if seconds >= 60 && seconds.is_multiple_of(60) {
        format!("Duration.minutes({})", seconds / 60)
    } else {
        format!("Duration.seconds({seconds})")
    }
}

/// A number as TypeScript writes it (`1`, `0.5`, `30000`).
fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

/// The Dockerfile as the image asset takes it (relative to the build context): a literal
/// when the path is known here, else computed by the app from the spec's folder.
pub(crate) fn dockerfile_ts(context: &str, dockerfile: &str) -> String {
    if context == "." {
        return ts::string(dockerfile.trim_start_matches("./"));
    }
    if let Some(rest) = dockerfile.strip_prefix(&format!("{context}/")) {
        return ts::string(rest);
    }
    let parts: Vec<&str> = context
        .split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .collect();
    if !parts.contains(&"..") {
        return ts::string(&format!("{}{dockerfile}", "../".repeat(parts.len())));
    }
    format!(
        "path.relative(context, path.join(props.specDirectory, {}))",
        ts::string(dockerfile)
    )
}

fn protocol(p: Protocol) -> String {
    let name = match p {
        Protocol::Http => "HTTP",
        Protocol::Mcp => "MCP",
        Protocol::A2a => "A2A",
        Protocol::Agui => "AGUI",
    };
    format!("agentcore.ProtocolType.{name}")
}

fn statements(agent: &Agent) -> Built<Vec<StatementView>> {
    let repository = agent.ids.repository.as_str();
    let arn_of = |id: &str| (id == repository).then(|| "repository.repositoryArn".to_owned());
    let mut out = Vec::new();
    for s in &agent.statements {
        let mut resources = Vec::new();
        for r in &s.resources {
            resources.push(ts::template(r, &arn_of).map_err(bug)?);
        }
        let actions: Vec<String> = s.actions.iter().map(|a| ts::string(a)).collect();
        // Properties of a statement are indented by 10: `          actions: `.
        out.push(StatementView {
            sid: s.sid.clone(),
            actions_ts: array(&actions, 10, 19),
            resources_ts: array(&resources, 10, 21),
            has_conditions: !s.conditions.is_empty(),
            conditions_ts: conditions(&s.conditions, &arn_of, 10, 22)?,
        });
    }
    Ok(out)
}

fn alarms(agent: &Agent) -> Built<Vec<AlarmView>> {
    let mut out = Vec::new();
    for alarm in &agent.alarms {
        if !alarm.threshold.is_finite() {
            return Err(Box::new(
                Diagnostic::new(
                    Code::TargetUnsupported,
                    format!(
                        "alarm `{}` of agent `{}` has threshold {}, which CloudWatch cannot hold",
                        alarm.alarm_name, agent.name, alarm.threshold
                    ),
                )
                .at(agent.origin, "in this agent")
                .help("give the alarm a finite threshold"),
            ));
        }
        let periods = if alarm.evaluation_periods == 1 {
            String::new()
        } else {
            format!(", {} periods", alarm.evaluation_periods)
        };
        out.push(AlarmView {
            id: alarm.id.to_string(),
            alarm_name: alarm.alarm_name.clone(),
            description: format!(
                "{}: {} >= {} ({} over {} s{periods})",
                agent.runtime_name,
                alarm.metric.as_str(),
                alarm.threshold,
                alarm.statistic.as_str(),
                alarm.period
            ),
            metric: alarm.metric.as_str().to_owned(),
            statistic: alarm.statistic.as_str().to_owned(),
            period_ts: duration(alarm.period),
            threshold_ts: number(alarm.threshold),
            evaluation_periods: alarm.evaluation_periods,
        });
    }
    Ok(out)
}

fn outputs(agent: &Agent) -> AgentOutputs {
    let prefix = agent.ids.prefix.as_str();
    let runtime = agent.runtime_name.as_str();
    let output = |suffix: &str, description: String| OutputView {
        name: format!("{prefix}{suffix}"),
        description,
    };
    AgentOutputs {
        repository_uri: output(
            "RepositoryUri",
            format!("ECR repository for the {} image", agent.name),
        ),
        log_group_name: output("LogGroupName", format!("Log group of {runtime}")),
        runtime_arn: output(
            "RuntimeArn",
            format!("ARN of the AgentCore runtime {runtime}"),
        ),
        runtime_id: output(
            "RuntimeId",
            format!("ID of the AgentCore runtime {runtime}"),
        ),
        invocation_url: output(
            "InvocationUrl",
            format!("HTTPS invocation URL of {runtime} (DEFAULT endpoint)"),
        ),
    }
}

/// The view of one agent of `d`.
pub(crate) fn agent(d: &Deployment, agent: &Agent) -> Built<AgentView> {
    let ids = &agent.ids;
    let prefix = ids.prefix.as_str();
    let method = format!("add{prefix}");
    if STACK_ADD_METHODS.contains(&method.as_str()) || ts::ident(&method).is_err() {
        return Err(Box::new(Diagnostic::new(
            Code::TargetUnsupported,
            format!("agent `{}` would be created by a stack method `{method}`, which CDK's Stack already has", agent.name),
        )
        .at(agent.origin, "this agent")
        .help("rename the agent")));
    }
    let repo = &agent.repository;
    let noun = if repo.keep_last == 1 {
        "image"
    } else {
        "images"
    };
    // `      assumedBy: new iam.ServicePrincipal("bedrock-agentcore.amazonaws.com").withConditions(`
    let trust = conditions(&agent.trust_conditions, &|_| None, 6, 90)?;
    Ok(AgentView {
        name: agent.name.clone(),
        method,
        repository_id: ids.repository.to_string(),
        role_id: ids.role.to_string(),
        role_ref_id: format!("{prefix}RoleRef"),
        role_policy_id: ids.role_policy.to_string(),
        runtime_id: ids.runtime.to_string(),
        log_group_id: ids.log_group.to_string(),
        log_source_id: ids.log_source.to_string(),
        log_destination_id: ids.log_destination.to_string(),
        log_delivery_id: ids.log_delivery.to_string(),
        trace_source_id: ids.trace_source.to_string(),
        trace_destination_id: ids.trace_destination.to_string(),
        trace_delivery_id: ids.trace_delivery.to_string(),
        image_id: format!("{prefix}Image"),
        outputs: outputs(agent),
        runtime_name: agent.runtime_name.to_string(),
        description: agent.description.clone().unwrap_or_default(),
        has_description: agent.description.is_some(),
        repository_name: repo.name.clone(),
        tag_mutability_ts: if repo.immutable_tags {
            "ecr.TagMutability.IMMUTABLE".to_owned()
        } else {
            "ecr.TagMutability.MUTABLE".to_owned()
        },
        scan_on_push: repo.scan_on_push,
        keep_last: repo.keep_last,
        keep_last_description: format!("Keep the last {} {noun}", repo.keep_last),
        removal_ts: removal(repo.retain),
        has_empty_on_delete: !repo.retain,
        role_description: format!(
            "agentc {}: execution role of the AgentCore runtime {}",
            d.stack_name, agent.runtime_name
        ),
        trust_conditions_ts: trust,
        policy_name: agent.names.role_policy.clone(),
        statements: statements(agent)?,
        policy_acks: nag::policy_acks(agent, &d.suppressions),
        log_group_name: agent.log_group_name.clone(),
        retention_ts: retention(d.observability.log_retention_days),
        build_context: agent.build.context.clone(),
        dockerfile_ts: dockerfile_ts(&agent.build.context, &agent.build.dockerfile),
        protocol_ts: protocol(agent.protocol),
        env: agent
            .env
            .iter()
            .map(|(key, value)| Pair {
                key: key.clone(),
                value: value.clone(),
            })
            .collect(),
        has_env: !agent.env.is_empty(),
        idle_timeout_ts: duration(agent.lifecycle.idle_timeout),
        max_lifetime_ts: duration(agent.lifecycle.max_lifetime),
        runtime_ack: nag::owned(
            "Annotation::aws-cdk-lib.aws-bedrockagentcore:containerUriValidationSkipped",
            ids.runtime.as_str(),
            "The container URI is {repository URI}:{image asset hash}, known only at deployment; AgentCore validates it when it creates the runtime.",
        ),
        log_source_name: agent.names.log_source.clone(),
        log_destination_name: agent.names.log_destination.clone(),
        trace_source_name: agent.names.trace_source.clone(),
        trace_destination_name: agent.names.trace_destination.clone(),
        dimensions: agent
            .metric_dimensions
            .iter()
            .map(|(key, value)| Pair {
                key: key.clone(),
                value: value.clone(),
            })
            .collect(),
        has_alarms: !agent.alarms.is_empty(),
        alarms: alarms(agent)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_use_the_largest_whole_unit() {
        assert_eq!(duration(28_800), "Duration.hours(8)");
        assert_eq!(duration(900), "Duration.minutes(15)");
        assert_eq!(duration(90), "Duration.seconds(90)");
        assert_eq!(duration(5400), "Duration.minutes(90)");
    }

    #[test]
    fn dockerfiles_are_relative_to_the_build_context() {
        assert_eq!(dockerfile_ts(".", "Dockerfile"), "\"Dockerfile\"");
        assert_eq!(
            dockerfile_ts("../agent", "../agent/Dockerfile"),
            "\"Dockerfile\""
        );
        assert_eq!(
            dockerfile_ts("agent", "docker/Dockerfile"),
            "\"../docker/Dockerfile\""
        );
        assert_eq!(
            dockerfile_ts("../agent", "../docker/Dockerfile"),
            "path.relative(context, path.join(props.specDirectory, \"../docker/Dockerfile\"))"
        );
    }

    #[test]
    fn retention_and_numbers() {
        assert_eq!(retention(365), "logs.RetentionDays.ONE_YEAR");
        assert_eq!(retention(42), "42 as logs.RetentionDays");
        assert_eq!(number(1.0), "1");
        assert_eq!(number(0.5), "0.5");
    }
}
