//! IR → view model: every decision about how a value is spelt in TypeScript is made here (or
//! in [`crate::agent`] for the per-agent part), never in a template.

use agentc_diagnostics::{Code, Diagnostic};
use agentc_ir::{AlarmTarget, Auth, Condition, Deployment, Network, Part, Template};

use crate::nag;
use crate::ts;
use crate::view::{
    AlarmTopicView, AppView, AuditView, Indexed, IngressView, JwtView, KeyView, Pair, ReadmeView,
    SecurityGroupView, UserPoolView, VpcView,
};

/// A build failure: a value the IR holds that this backend cannot spell (boxed: a
/// `Diagnostic` is large and failures are rare).
pub type Built<T> = Result<T, Box<Diagnostic>>;

/// An internal error: the IR broke one of its own promises.
pub(crate) fn bug(message: String) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::new(
            Code::InternalBug,
            format!("the CDK backend could not render the deployment: {message}"),
        )
        .help("please report this with the spec attached"),
    )
}

/// `arn:{partition}:{service}:{region}:{account}:{rest}` with literal `rest` (never parsed for
/// holes), `region`/`account` left empty where the service's ARNs have none.
pub(crate) fn pseudo_arn(service: &str, region: bool, account: bool, rest: &str) -> Template {
    let mut parts = vec![Part::Text("arn:".into()), Part::Partition];
    parts.push(Part::Text(format!(":{service}:")));
    if region {
        parts.push(Part::Region);
    }
    parts.push(Part::Text(":".into()));
    if account {
        parts.push(Part::Account);
    }
    parts.push(Part::Text(format!(":{rest}")));
    Template(parts)
}

/// `RemovalPolicy.RETAIN` or `RemovalPolicy.DESTROY`.
pub(crate) fn removal(retain: bool) -> String {
    if retain {
        "RemovalPolicy.RETAIN".to_owned()
    } else {
        "RemovalPolicy.DESTROY".to_owned()
    }
}

/// Longest line the emitted code aims at.
const WIDTH: usize = 110;

/// `items` (TypeScript expressions) between `open` and `close`: on the line when it fits after
/// `used` columns, else one per line at `indent + 2` and the closing bracket at `indent`.
pub(crate) fn wrap(
    items: &[String],
    open: &str,
    close: &str,
    indent: usize,
    used: usize,
) -> String {
    let pad = if open == "{" { " " } else { "" };
    let inline = format!("{open}{pad}{}{pad}{close}", items.join(", "));
    if used + inline.len() <= WIDTH && !inline.contains('\n') {
        return inline;
    }
    let inner = " ".repeat(indent + 2);
    let lines: String = items.iter().map(|i| format!("{inner}{i},\n")).collect();
    format!("{open}\n{lines}{}{close}", " ".repeat(indent))
}

/// A list of expressions as an array literal (see [`wrap`]).
pub(crate) fn array(items: &[String], indent: usize, used: usize) -> String {
    wrap(items, "[", "]", indent, used)
}

/// An IAM condition block as a TypeScript object literal, operators in first-use order, laid
/// out for a property whose line is indented by `indent` with `used` columns before the value.
pub(crate) fn conditions(
    conditions: &[Condition],
    arn_of: &dyn Fn(&str) -> Option<String>,
    indent: usize,
    used: usize,
) -> Built<String> {
    let mut operators: Vec<(&str, Vec<String>)> = Vec::new();
    for c in conditions {
        let mut values = Vec::new();
        for v in &c.values {
            values.push(ts::template(v, arn_of).map_err(bug)?);
        }
        let value = match values.as_slice() {
            [one] => one.clone(),
            many => format!("[{}]", many.join(", ")),
        };
        let entry = format!("{}: {value}", ts::key(&c.key));
        match operators.iter_mut().find(|(op, _)| *op == c.operator) {
            Some((_, entries)) => entries.push(entry),
            None => operators.push((&c.operator, vec![entry])),
        }
    }
    let blocks: Vec<String> = operators
        .into_iter()
        .map(|(op, entries)| format!("{}: {{ {} }}", ts::key(op), entries.join(", ")))
        .collect();
    Ok(wrap(&blocks, "{", "}", indent, used))
}

fn tags(d: &Deployment) -> Vec<Pair> {
    d.tags
        .iter()
        .map(|(key, value)| Pair {
            key: key.clone(),
            value: value.clone(),
        })
        .collect()
}

fn log_key(d: &Deployment) -> Built<KeyView> {
    let mut folders: Vec<&str> = Vec::new();
    for agent in &d.agents {
        let dir = agent
            .log_group_name
            .rsplit_once('/')
            .map_or(agent.log_group_name.as_str(), |(dir, _)| dir);
        if !folders.contains(&dir) {
            folders.push(dir);
        }
    }
    let mut arns = Vec::new();
    for dir in folders {
        let t = pseudo_arn("logs", true, true, &format!("log-group:{dir}/*"));
        arns.push(ts::template(&t, &|_| None).map_err(bug)?);
    }
    Ok(KeyView {
        id: d.ids.log_key.to_string(),
        description: describe(d, "encrypts the agents' CloudWatch Logs log groups"),
        removal_ts: removal(d.production),
        log_group_arns_ts: match arns.as_slice() {
            [one] => one.clone(),
            many => format!("[{}]", many.join(", ")),
        },
    })
}

/// `agentc {stack}: {what}`.
pub(crate) fn describe(d: &Deployment, what: &str) -> String {
    format!("agentc {}: {what}", d.stack_name)
}

fn vpc(d: &Deployment) -> Option<VpcView> {
    let Network::Vpc {
        vpc_id,
        subnets,
        security_groups,
        ingress_from,
    } = &d.network
    else {
        return None;
    };
    let indexed = |kind: &str, items: &[String]| {
        items
            .iter()
            .enumerate()
            .map(|(i, v)| Indexed {
                construct_id: format!("{kind}{}", i + 1),
                value: v.clone(),
            })
            .collect()
    };
    let security_group = (!ingress_from.is_empty()).then(|| {
        let mut ports: Vec<u32> = Vec::new();
        for agent in &d.agents {
            if !ports.contains(&agent.protocol.port()) {
                ports.push(agent.protocol.port());
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
                ingress.push(IngressView {
                    source: group.clone(),
                    port: p,
                    description,
                });
            }
        }
        SecurityGroupView {
            id: d.ids.runtime_security_group.to_string(),
            description: describe(d, "AgentCore runtimes"),
            ingress,
        }
    });
    Some(VpcView {
        has_security_group: security_group.is_some(),
        vpc_id: vpc_id.clone(),
        subnets: indexed("Subnet", subnets),
        declared_groups: indexed("SecurityGroup", security_groups),
        security_group,
        vpc_ack: nag::owned(
            "Annotation::@aws-cdk/aws-ec2:vpcAttributeIsListTokenavailabilityZones",
            "Vpc",
            "The VPC is imported by id only to place the runtime security group in it; the runtime's subnets are given by id, so nothing reads its availability zones at synthesis.",
        ),
        subnet_ack: nag::owned(
            "Annotation::@aws-cdk/aws-ec2:noSubnetRouteTableId",
            "Subnet",
            "The runtime needs only the subnet ids (NetworkModeConfig.Subnets); nothing reads their route tables.",
        ),
    })
}

fn audit(d: &Deployment) -> Built<Option<AuditView>> {
    let Some(audit) = &d.audit else {
        return Ok(None);
    };
    let mut prefixes = Vec::new();
    for agent in &d.agents {
        let t = pseudo_arn(
            "bedrock-agentcore",
            true,
            true,
            &format!("runtime/{}-", agent.runtime_name),
        );
        prefixes.push(ts::template(&t, &|_| None).map_err(bug)?);
    }
    let ids = &d.ids;
    Ok(Some(AuditView {
        key_id: ids.audit_key.to_string(),
        key_description: describe(d, "encrypts the CloudTrail audit log"),
        log_bucket_id: ids.audit_log_bucket.to_string(),
        log_bucket_policy_id: ids.audit_log_bucket_policy.to_string(),
        bucket_id: ids.audit_bucket.to_string(),
        bucket_policy_id: ids.audit_bucket_policy.to_string(),
        trail_id: ids.audit_trail.to_string(),
        trail_name: audit.trail_name.clone(),
        trail_arn_ts: ts::template(
            &pseudo_arn(
                "cloudtrail",
                true,
                true,
                &format!("trail/{}", audit.trail_name),
            ),
            &|_| None,
        )
        .map_err(bug)?,
        removal_ts: removal(audit.retain),
        has_data_events: audit.data_events,
        runtime_arn_prefixes_ts: prefixes,
    }))
}

/// The stack-wide part of the view; agents are added by the caller.
pub(crate) fn app(d: &Deployment, spec_dir: &str) -> Built<AppView> {
    let stack_class = format!("{}Stack", agentc_ir::pascal_case(&d.stack_name));
    ts::ident(&stack_class).map_err(bug)?;
    let has_alarms = d.agents.iter().any(|a| !a.alarms.is_empty());
    let alarm_topic = (has_alarms && d.observability.alarm_target == AlarmTarget::CreateTopic)
        .then(|| AlarmTopicView {
            key_id: d.ids.alarm_key.to_string(),
            key_description: describe(
                d,
                "encrypts the alarm topic (CloudWatch alarms cannot use alias/aws/sns)",
            ),
            topic_id: d.ids.alarm_topic.to_string(),
            display_name: format!("agentc {} alarms", d.stack_name),
        });
    let notify_topic = match &d.observability.alarm_target {
        AlarmTarget::Topic(arn) if has_alarms => Some(arn.clone()),
        _ => None,
    };
    let user_pool = (d.auth == Auth::CognitoCreate).then(|| UserPoolView {
        pool_id: d.ids.user_pool.to_string(),
        client_id: d.ids.user_pool_client.to_string(),
        name: format!("{}-users", d.stack_name),
        removal_ts: removal(d.production),
        ack: nag::owned(
            "AwsSolutions-COG2",
            d.ids.user_pool.as_str(),
            "MFA is OPTIONAL with software tokens: the runtimes are called by service clients through USER_PASSWORD_AUTH, which cannot answer an MFA challenge; sign-up is admin-only and advanced security is ENFORCED.",
        ),
    });
    let jwt = match &d.auth {
        Auth::Jwt {
            discovery_url,
            allowed_clients,
            allowed_audiences,
        } => {
            let strings =
                |items: &[String]| items.iter().map(|i| ts::string(i)).collect::<Vec<_>>();
            Some(JwtView {
                discovery_url: discovery_url.clone(),
                clients_ts: if allowed_clients.is_empty() {
                    "undefined".to_owned()
                } else {
                    array(&strings(allowed_clients), 6, 6)
                },
                audiences_ts: array(&strings(allowed_audiences), 6, 6),
                has_audiences: !allowed_audiences.is_empty(),
            })
        }
        _ => None,
    };
    let suppressions: Vec<Pair> = d
        .suppressions
        .iter()
        .map(|(key, value)| Pair {
            key: key.clone(),
            value: value.clone(),
        })
        .collect();
    let plural = if d.agents.len() == 1 { "" } else { "s" };
    let runtimes: Vec<&str> = d.agents.iter().map(|a| a.runtime_name.as_str()).collect();
    Ok(AppView {
        project: d.project.to_string(),
        environment: d.environment.to_string(),
        env_mismatch: format!(
            "this app deploys {stack} (environment {env}): run cdk with -c env={env}; for another environment compile the spec again with agentc compile <spec> --target cdk --env <name> -o <folder>",
            stack = d.stack_name,
            env = d.environment
        ),
        stack_name: d.stack_name.clone(),
        region: d.region.to_string(),
        has_account: d.account.is_some(),
        account: d
            .account
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        account_assertion: d
            .account
            .as_ref()
            .map(|a| format!("the spec pins account {a}: deploy this stack there"))
            .unwrap_or_default(),
        region_assertion: format!("the spec deploys to {}: deploy this stack there", d.region),
        is_production: d.production,
        package_name: format!("{}-cdk", d.stack_name),
        stack_class,
        stack_import: format!("../lib/{}-stack", d.stack_name),
        spec_dir: spec_dir.to_owned(),
        description: format!(
            "agentc: {} ({}), AgentCore Runtime{plural} {}",
            d.project,
            d.environment,
            runtimes.join(", ")
        ),
        tags: tags(d),
        log_key: log_key(d)?,
        alarm_topic,
        notify_topic,
        has_iam_auth: d.auth == Auth::Iam,
        user_pool,
        jwt,
        vpc: vpc(d),
        audit: audit(d)?,
        agents: Vec::new(),
        creates_alarm_topic: false,
        has_notify_topic: false,
        has_user_pool: false,
        has_jwt: false,
        has_vpc: false,
        has_audit: false,
        has_alarms,
        has_tracing: d.observability.tracing,
        has_suppressions: !suppressions.is_empty(),
        suppressions,
        acks: Vec::new(),
        scripts: crate::readme::scripts(d),
        readme: ReadmeView::default(),
    })
}
