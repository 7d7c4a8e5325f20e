//! IR → [`crate::view::Module`]: every name, statement and value comes from the IR; this
//! module only decides how Terraform spells the stack-wide parts (network, auth, alarms,
//! audit, retention); [`crate::agent`] does each agent and [`crate::names`] the references.

use agentc_ir::{AlarmTarget, Auth, Deployment, Network, Template};

use crate::hcl::{Piece, Value};
use crate::names::{Arns, one_line, stack_names, suppression, truncate};
use crate::view::{AuditView, Authorizer, Ingress, Module, NetworkView, Pair, Skip};

/// checkov asks for a year of log retention (CKV_AWS_338).
const CHECKOV_RETENTION_DAYS: u32 = 365;

/// The longest `bucket_prefix` an S3 bucket takes (63 minus Terraform's 26-character suffix).
const BUCKET_PREFIX_MAX: usize = 37;

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
                if !ports.contains(&a.protocol.port()) {
                    ports.push(a.protocol.port());
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
        .map(|a| crate::agent::agent(d, a, &arns, spec_dir))
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
