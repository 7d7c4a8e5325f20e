//! IR → [`view::Module`]: every name, statement and value comes from the IR; this module only
//! decides how Terraform spells them (snake_case names, `local.partition` for `{partition}`,
//! `aws_ecr_repository.x.arn` for the ARN of `XRepository`, …).

use std::collections::BTreeMap;

use agentc_ir::{
    Agent, AlarmTarget, Auth, Condition, Deployment, Network, Part, Protocol, Template,
};

use crate::hcl::{self, Piece, Value};
use crate::view::{
    AgentNames, AgentView, AlarmView, AuditView, Authorizer, ConditionView, Ingress, Module,
    NetworkView, OutputDescriptions, Pair, RepositoryView, Skip, StackNames, StatementView,
};

/// checkov asks for a year of log retention (CKV_AWS_338).
const CHECKOV_RETENTION_DAYS: u32 = 365;

/// The longest `name_prefix` an IAM role takes (64 minus Terraform's 26-character suffix).
const ROLE_PREFIX_MAX: usize = 38;

/// The longest `bucket_prefix` an S3 bucket takes (63 minus Terraform's 26-character suffix).
const BUCKET_PREFIX_MAX: usize = 37;

/// How each logical ID's ARN is spelled in Terraform.
struct Arns(BTreeMap<String, String>);

impl Arns {
    fn new(d: &Deployment, tf: &StackNames) -> Self {
        let mut m = BTreeMap::new();
        let ids = &d.ids;
        for (id, expr) in [
            (&ids.log_key, format!("aws_kms_key.{}.arn", tf.log_key)),
            (&ids.alarm_key, format!("aws_kms_key.{}.arn", tf.alarm_key)),
            (
                &ids.alarm_topic,
                format!("aws_sns_topic.{}.arn", tf.alarm_topic),
            ),
            (
                &ids.user_pool,
                format!("aws_cognito_user_pool.{}.arn", tf.user_pool),
            ),
            (
                &ids.runtime_security_group,
                format!("aws_security_group.{}.arn", tf.runtime_security_group),
            ),
            (&ids.audit_key, format!("aws_kms_key.{}.arn", tf.audit_key)),
            (
                &ids.audit_bucket,
                format!("aws_s3_bucket.{}.arn", tf.audit_bucket),
            ),
            (
                &ids.audit_log_bucket,
                format!("aws_s3_bucket.{}.arn", tf.audit_log_bucket),
            ),
            (
                &ids.audit_trail,
                format!("aws_cloudtrail.{}.arn", tf.audit_trail),
            ),
        ] {
            m.insert(id.to_string(), expr);
        }
        for a in &d.agents {
            let s = |id: &agentc_ir::LogicalId| hcl::snake_case(id.as_str());
            let i = &a.ids;
            m.insert(
                i.repository.to_string(),
                format!("aws_ecr_repository.{}.arn", s(&i.repository)),
            );
            m.insert(
                i.role.to_string(),
                format!("aws_iam_role.{}.arn", s(&i.role)),
            );
            m.insert(
                i.log_group.to_string(),
                format!("aws_cloudwatch_log_group.{}.arn", s(&i.log_group)),
            );
            m.insert(
                i.runtime.to_string(),
                format!("local.{}_runtime_arn", s(&i.prefix)),
            );
        }
        Self(m)
    }

    /// `template` as an HCL string value.
    fn value(&self, template: &Template) -> Result<Value, String> {
        template
            .0
            .iter()
            .map(|part| {
                Ok(match part {
                    Part::Text(t) => Piece::Text(t.clone()),
                    Part::Partition => Piece::Ref("local.partition".into()),
                    Part::Region => Piece::Ref("local.region".into()),
                    Part::Account => Piece::Ref("local.account_id".into()),
                    Part::ArnOf(id) => Piece::Ref(
                        self.0
                            .get(id.as_str())
                            .cloned()
                            .ok_or_else(|| format!("no Terraform ARN for `{id}`"))?,
                    ),
                })
            })
            .collect::<Result<Vec<_>, String>>()
            .map(Value)
    }
}

fn stack_names(d: &Deployment) -> StackNames {
    let s = |id: &agentc_ir::LogicalId| hcl::snake_case(id.as_str());
    let ids = &d.ids;
    StackNames {
        log_key: s(&ids.log_key),
        alarm_key: s(&ids.alarm_key),
        alarm_topic: s(&ids.alarm_topic),
        user_pool: s(&ids.user_pool),
        user_pool_client: s(&ids.user_pool_client),
        runtime_security_group: s(&ids.runtime_security_group),
        audit_key: s(&ids.audit_key),
        audit_bucket: s(&ids.audit_bucket),
        audit_log_bucket: s(&ids.audit_log_bucket),
        audit_bucket_policy: s(&ids.audit_bucket_policy),
        audit_log_bucket_policy: s(&ids.audit_log_bucket_policy),
        audit_trail: s(&ids.audit_trail),
    }
}

/// One line of text: control characters (newlines included) become spaces.
pub(crate) fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The first `max` characters of `text`.
fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// `base/rel`, `/`-separated, with `.` and `x/..` steps removed.
pub(crate) fn join_path(base: &str, rel: &str) -> String {
    if rel.starts_with('/') {
        return rel.to_owned();
    }
    let mut out: Vec<&str> = Vec::new();
    let absolute = base.starts_with('/');
    for step in base.split('/').chain(rel.split('/')) {
        match step {
            "" | "." => {}
            ".." if out.last().is_some_and(|l| *l != "..") => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    match (absolute, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_owned(),
        (false, false) => joined,
    }
}

/// The port a runtime serves `protocol` on.
fn port(protocol: Protocol) -> u32 {
    match protocol {
        Protocol::Http | Protocol::Agui => 8080,
        Protocol::Mcp => 8000,
        Protocol::A2a => 9000,
    }
}

fn suppression<'d>(d: &'d Deployment, code: &str) -> Option<&'d str> {
    d.suppressions
        .iter()
        .find(|(c, _)| c == code)
        .map(|(_, r)| r.as_str())
}

fn conditions(arns: &Arns, conditions: &[Condition]) -> Result<Vec<ConditionView>, String> {
    conditions
        .iter()
        .map(|c| {
            Ok(ConditionView {
                test: c.operator.clone(),
                variable: c.key.clone(),
                values: c
                    .values
                    .iter()
                    .map(|v| arns.value(v))
                    .collect::<Result<_, String>>()?,
            })
        })
        .collect()
}

/// The view of `d`. Errors are agentc bugs (an ARN the IR asks for that has no Terraform
/// spelling).
pub(crate) fn module(d: &Deployment, spec_dir: &str) -> Result<Module, String> {
    let tf = stack_names(d);
    let arns = Arns::new(d, &tf);
    let stack = d.stack_name.as_str();
    let mut tags: Vec<Pair> = Vec::new();
    for (key, value) in &d.tags {
        // The IR lists the derived four first; the first of a key wins.
        if !tags.iter().any(|t| &t.key == key) {
            tags.push(Pair {
                key: key.clone(),
                value: value.clone(),
            });
        }
    }
    let mut log_group_arns = Vec::new();
    for a in &d.agents {
        let dir = a
            .log_group_name
            .rsplit_once('/')
            .map_or(a.log_group_name.as_str(), |(dir, _)| dir);
        let arn = arns.value(&Template::parse(&format!(
            "arn:{{partition}}:logs:{{region}}:{{account}}:log-group:{dir}/*"
        )))?;
        if !log_group_arns.contains(&arn) {
            log_group_arns.push(arn);
        }
    }
    let has_alarms = d.agents.iter().any(|a| !a.alarms.is_empty());
    let alarm_topic = has_alarms && d.observability.alarm_target == AlarmTarget::CreateTopic;
    let alarm_actions = match &d.observability.alarm_target {
        AlarmTarget::CreateTopic => vec![Value::reference(format!(
            "aws_sns_topic.{}.arn",
            tf.alarm_topic
        ))],
        AlarmTarget::Topic(arn) => vec![Value::text(arn.clone())],
    };
    let authorizer = match &d.auth {
        Auth::Iam => None,
        Auth::CognitoCreate => Some(Authorizer {
            discovery_url: Value(vec![
                Piece::Text("https://cognito-idp.".into()),
                Piece::Ref("local.region".into()),
                Piece::Text(".amazonaws.com/".into()),
                Piece::Ref(format!("aws_cognito_user_pool.{}.id", tf.user_pool)),
                Piece::Text("/.well-known/openid-configuration".into()),
            ]),
            has_clients: true,
            allowed_clients: vec![Value::reference(format!(
                "aws_cognito_user_pool_client.{}.id",
                tf.user_pool_client
            ))],
            ..Authorizer::default()
        }),
        Auth::Jwt {
            discovery_url,
            allowed_clients,
            allowed_audiences,
        } => Some(Authorizer {
            discovery_url: Value::text(discovery_url.clone()),
            has_clients: !allowed_clients.is_empty(),
            allowed_clients: allowed_clients
                .iter()
                .map(|c| Value::text(c.clone()))
                .collect(),
            has_audience: !allowed_audiences.is_empty(),
            allowed_audience: allowed_audiences.clone(),
        }),
    };
    let network = match &d.network {
        Network::Public => None,
        Network::Vpc {
            vpc_id,
            subnets,
            security_groups,
            ingress_from,
        } => {
            let creates = !ingress_from.is_empty();
            let mut ports: Vec<u32> = Vec::new();
            for a in &d.agents {
                if !ports.contains(&port(a.protocol)) {
                    ports.push(port(a.protocol));
                }
            }
            let mut ingress = Vec::new();
            for &p in &ports {
                for group in ingress_from {
                    let description = if ports.len() == 1 {
                        format!("Agent port from {group}")
                    } else {
                        format!("Agent port {p} from {group}")
                    };
                    ingress.push(Ingress {
                        key: format!("{group}:{p}"),
                        group: group.clone(),
                        port: p,
                        description,
                    });
                }
            }
            let mut groups = Vec::new();
            if creates {
                groups.push(Value::reference(format!(
                    "aws_security_group.{}.id",
                    tf.runtime_security_group
                )));
            }
            groups.extend(security_groups.iter().map(|g| Value::text(g.clone())));
            Some(NetworkView {
                vpc_id: vpc_id.clone(),
                name: format!("{stack}-runtime"),
                description: format!("agentc {stack}: AgentCore runtimes"),
                subnets: subnets.clone(),
                security_groups: groups,
                creates_security_group: creates,
                ingress,
            })
        }
    };
    let audit = match &d.audit {
        None => None,
        Some(audit) => Some(AuditView {
            trail_name: audit.trail_name.clone(),
            data_events: audit.data_events,
            runtime_arn_prefixes: d
                .agents
                .iter()
                .map(|a| {
                    arns.value(&Template::parse(&format!(
                        "arn:{{partition}}:bedrock-agentcore:{{region}}:{{account}}:runtime/{}-",
                        a.runtime_name
                    )))
                })
                .collect::<Result<_, String>>()?,
            bucket_prefix: truncate(&format!("{stack}-audit-"), BUCKET_PREFIX_MAX),
            log_bucket_prefix: truncate(&format!("{stack}-audit-logs-"), BUCKET_PREFIX_MAX),
        }),
    };
    let retention = d.observability.log_retention_days;
    let retention_skip = if retention < CHECKOV_RETENTION_DAYS {
        let reason = suppression(d, "agentc::logs::retention-too-short").map_or_else(
            || format!("The spec keeps logs {retention} days in environment {}; agentc requires at least 30 (FR-025), checkov asks for 365.", d.environment),
            str::to_owned,
        );
        vec![Skip {
            id: "CKV_AWS_338".into(),
            reason: one_line(&reason),
        }]
    } else {
        Vec::new()
    };
    let agents = d
        .agents
        .iter()
        .map(|a| agent(d, a, &arns, spec_dir))
        .collect::<Result<Vec<_>, String>>()?;
    let creates_sg = network.as_ref().is_some_and(|n| n.creates_security_group);
    let cognito = d.auth == Auth::CognitoCreate;
    let files = [
        (
            "ecr.tf",
            true,
            "the ECR repositories and their lifecycle policies",
        ),
        (
            "iam.tf",
            true,
            "the execution roles and their least-privilege policies",
        ),
        ("runtime.tf", true, "the AgentCore runtimes"),
        ("network.tf", creates_sg, "the runtime security group"),
        ("auth.tf", cognito, "the Cognito user pool and app client"),
        (
            "logs.tf",
            true,
            "the log KMS key, log groups, and log and trace delivery",
        ),
        (
            "alarms.tf",
            has_alarms,
            "the CloudWatch alarms and their topic",
        ),
        (
            "audit.tf",
            audit.is_some(),
            "CloudTrail, its KMS key and buckets",
        ),
    ]
    .into_iter()
    .filter(|(_, present, _)| *present)
    .map(|(name, _, what)| Pair {
        key: name.to_owned(),
        value: what.to_owned(),
    })
    .collect();
    let mut kept = Vec::new();
    if d.agents.iter().any(|a| a.repository.retain) {
        kept.push("the ECR repositories and their images (production)".to_owned());
    }
    if cognito && d.production {
        kept.push("the Cognito user pool (production)".to_owned());
    }
    if d.production {
        kept.push(
            "the KMS key of the log groups (production: the retained log groups need it)"
                .to_owned(),
        );
    }
    if audit.is_some() {
        kept.push(
            "the CloudTrail KMS key and both audit buckets (audit evidence outlives the module)"
                .to_owned(),
        );
    }
    Ok(Module {
        project: d.project.to_string(),
        environment: d.environment.to_string(),
        stack: stack.to_owned(),
        region: d.region.to_string(),
        production: d.production,
        has_account: d.account.is_some(),
        account: d
            .account
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        tags,
        tf,
        agents,
        log_group_arns,
        log_key_retain: d.production,
        log_key_description: format!(
            "agentc {stack}: encrypts the agents' CloudWatch Logs log groups"
        ),
        alarm_key_description: format!(
            "agentc {stack}: encrypts the alarm topic (CloudWatch alarms cannot use alias/aws/sns)"
        ),
        audit_key_description: format!("agentc {stack}: encrypts the CloudTrail audit log"),
        alarm_topic_name: format!("{stack}-alarms"),
        alarm_topic_display_name: format!("agentc {stack} alarms"),
        has_alarms,
        alarm_topic,
        alarm_actions,
        tracing: d.observability.tracing,
        cognito,
        user_pool_name: format!("{stack}-users"),
        user_pool_client_name: format!("{stack}-client"),
        has_authorizer: authorizer.is_some(),
        authorizer: authorizer.unwrap_or_default(),
        vpc: network.is_some(),
        network: network.unwrap_or_default(),
        has_audit: audit.is_some(),
        audit: audit.unwrap_or_default(),
        files,
        has_kept: !kept.is_empty(),
        kept,
        retention_days: retention,
        retention_skip,
    })
}

fn agent(d: &Deployment, a: &Agent, arns: &Arns, spec_dir: &str) -> Result<AgentView, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_lexically() {
        assert_eq!(join_path("../..", "."), "../..");
        assert_eq!(join_path("../specs", "../agent"), "../agent");
        assert_eq!(join_path(".", "agent"), "agent");
        assert_eq!(join_path("..", ".."), "../..");
        assert_eq!(
            join_path("/abs/specs", "../agent/Dockerfile"),
            "/abs/agent/Dockerfile"
        );
        assert_eq!(join_path("specs", ".."), ".");
    }

    #[test]
    fn one_line_drops_control_characters() {
        assert_eq!(one_line("a\nb\r\tc"), "a b  c");
    }
}
