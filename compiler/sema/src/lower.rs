//! Lowering: one environment's checked spec → [`Deployment`]. Defaults are applied here and
//! nowhere else; names, logical IDs and IAM statements are decided here, once.
//!
//! Lowering runs only after every rule passed, so a value that fails to convert is an agentc
//! bug, reported as `agentc::internal::bug`, never a panic.

use std::collections::BTreeMap;

use agentc_diagnostics::{Code, Diagnostic, Diagnostics, Span};
use agentc_ir::{
    AccountId, Agent, AgentIds, AgentNames, Alarm, AlarmTarget, Audit, Auth, Build, Deployment,
    EnvironmentName, Framework, Lifecycle, LogicalId, Metric, Network, Observability, ProjectName,
    Protocol, Region, Repository, RuntimeName, SecretRef, SecretStore, StackIds, Statistic,
    pascal_case,
};
use agentc_syntax::ast::{self, Layer};

use crate::{names, policy};

/// Defaults (documented in docs/spec.md).
const DEFAULT_KEEP_LAST: u32 = 30;
const DEFAULT_RETENTION_DAYS: u32 = 30;
pub(crate) const DEFAULT_IDLE_TIMEOUT: u32 = 900;
pub(crate) const DEFAULT_MAX_LIFETIME: u32 = 28_800;
const DEFAULT_ALARM_PERIOD: u32 = 300;

/// A value lowering expected to be valid; the error names it for the bug report.
type Lowered<T> = Result<T, String>;

fn id(text: String) -> Lowered<LogicalId> {
    LogicalId::new(text)
}

/// Lower `layer`, the checked effective spec of `env`.
pub(crate) fn lower(
    layer: &Layer,
    env: &ast::Environment,
    production: bool,
    suppressions: Vec<(String, String)>,
    diags: &mut Diagnostics,
) -> Option<Deployment> {
    match try_lower(layer, env, production, suppressions) {
        Ok(deployment) => {
            let collisions = logical_id_collisions(&deployment, layer);
            if collisions.is_empty() {
                Some(deployment)
            } else {
                diags.extend(collisions);
                None
            }
        }
        Err(why) => {
            diags.push(
                Diagnostic::new(
                    Code::InternalBug,
                    format!(
                        "agentc could not lower environment `{}`: {why}",
                        env.name.value
                    ),
                )
                .at(env.name.span, "while lowering this environment")
                .help("please report this with the spec attached"),
            );
            None
        }
    }
}

fn try_lower(
    layer: &Layer,
    env: &ast::Environment,
    production: bool,
    suppressions: Vec<(String, String)>,
) -> Lowered<Deployment> {
    let project = layer.project.as_ref().ok_or("no project")?;
    let project_name = ProjectName::new(
        project
            .name
            .as_ref()
            .ok_or("no project name")?
            .value
            .clone(),
    )?;
    let environment = EnvironmentName::new(env.name.value.clone())?;
    let stack_name = format!("{project_name}-{environment}");
    let region = Region::new(project.region.as_ref().ok_or("no region")?.value.clone())?;
    let account = project
        .account
        .as_ref()
        .map(|a| AccountId::new(a.value.clone()))
        .transpose()?;
    let value =
        |v: &Option<ast::Spanned<String>>| v.as_ref().map(|s| s.value.clone()).unwrap_or_default();
    let mut tags = vec![
        ("Project".to_owned(), project_name.to_string()),
        ("Environment".to_owned(), environment.to_string()),
        ("Owner".to_owned(), value(&project.owner)),
        ("CostCenter".to_owned(), value(&project.cost_center)),
    ];
    tags.extend(
        project
            .tags
            .iter()
            .filter(|t| !crate::rules::is_derived_tag(&t.key.value))
            .map(|t| (t.key.value.clone(), t.value.value.clone())),
    );

    let observability = lower_observability(layer.observability.as_ref());
    let image = layer.image.as_ref();
    let mut agents = Vec::new();
    for agent in &layer.agents {
        agents.push(lower_agent(
            agent,
            layer,
            &project_name,
            &environment,
            production,
            image,
        )?);
    }
    Ok(Deployment {
        project: project_name,
        environment,
        production,
        stack_name: stack_name.clone(),
        region,
        account,
        tags,
        agents,
        network: lower_network(layer.network.as_ref()),
        auth: lower_auth(
            layer.auth.as_ref(),
            project
                .region
                .as_ref()
                .map(|r| r.value.as_str())
                .unwrap_or_default(),
        ),
        observability,
        audit: layer
            .audit
            .as_ref()
            .filter(|a| a.cloudtrail.as_ref().is_some_and(|c| c.value))
            .map(|a| Audit {
                trail_name: format!("{stack_name}-audit"),
                data_events: a.data_events.as_ref().is_some_and(|d| d.value),
                retain: true,
            }),
        ids: StackIds {
            log_key: id("LogKey".into())?,
            alarm_key: id("AlarmKey".into())?,
            alarm_topic: id("AlarmTopic".into())?,
            user_pool: id("UserPool".into())?,
            user_pool_client: id("UserPoolClient".into())?,
            runtime_security_group: id("RuntimeSecurityGroup".into())?,
            audit_key: id("AuditKey".into())?,
            audit_bucket: id("AuditBucket".into())?,
            audit_log_bucket: id("AuditLogBucket".into())?,
            audit_bucket_policy: id("AuditBucketPolicy".into())?,
            audit_log_bucket_policy: id("AuditLogBucketPolicy".into())?,
            audit_trail: id("AuditTrail".into())?,
        },
        suppressions,
    })
}

fn lower_agent(
    agent: &ast::Agent,
    layer: &Layer,
    project: &ProjectName,
    environment: &EnvironmentName,
    production: bool,
    image: Option<&ast::Image>,
) -> Lowered<Agent> {
    let prefix = pascal_case(&agent.name.value);
    let ids = AgentIds {
        prefix: id(prefix.clone())?,
        repository: id(format!("{prefix}Repository"))?,
        role: id(format!("{prefix}Role"))?,
        role_policy: id(format!("{prefix}RolePolicy"))?,
        runtime: id(format!("{prefix}Runtime"))?,
        log_group: id(format!("{prefix}LogGroup"))?,
        log_source: id(format!("{prefix}LogSource"))?,
        log_destination: id(format!("{prefix}LogDestination"))?,
        log_delivery: id(format!("{prefix}LogDelivery"))?,
        trace_source: id(format!("{prefix}TraceSource"))?,
        trace_destination: id(format!("{prefix}TraceDestination"))?,
        trace_delivery: id(format!("{prefix}TraceDelivery"))?,
        image_ref: id(format!("{prefix}ImageRef"))?,
        has_image: id(format!("{prefix}HasImage"))?,
        image_is_digest: id(format!("{prefix}ImageIsDigest"))?,
    };
    let runtime_name =
        RuntimeName::new(names::runtime_name(&agent.name.value, environment.as_str()))?;
    let entrypoint = agent
        .entrypoint
        .as_ref()
        .ok_or("no entrypoint")?
        .value
        .clone();
    let models: Vec<String> = agent
        .models
        .as_ref()
        .map(|m| m.items.iter().map(|i| i.value.clone()).collect())
        .unwrap_or_default();
    let secrets: Vec<SecretRef> = agent
        .secrets
        .iter()
        .filter_map(|s| {
            let (store, id) = s.source.as_ref()?;
            Some(SecretRef {
                name: s.name.value.clone(),
                store: match store {
                    ast::SecretStore::SecretsManager => SecretStore::SecretsManager,
                    ast::SecretStore::SsmParameter => SecretStore::SsmParameter,
                },
                id: id.value.clone(),
            })
        })
        .collect();
    let mut env: BTreeMap<String, String> = agent
        .env
        .iter()
        .map(|e| (e.key.value.clone(), e.value.value.clone()))
        .collect();
    if let Some(first) = models.first() {
        env.entry("MODEL_ID".to_owned())
            .or_insert_with(|| first.clone());
    }
    for s in &secrets {
        let reference = match s.store {
            SecretStore::SecretsManager => format!("secretsmanager:{}", s.id),
            SecretStore::SsmParameter => format!("ssm:{}", s.id),
        };
        env.insert(format!("{}_SECRET_REF", s.name), reference);
    }
    let lifecycle = agent.lifecycle.as_ref();
    let seconds = |v: Option<&ast::Spanned<u64>>, default: u32| -> Lowered<u32> {
        v.map_or(Ok(default), |s| {
            u32::try_from(s.value).map_err(|e| e.to_string())
        })
    };
    let allows: &[ast::Allow] = layer.permissions.as_ref().map_or(&[], |p| &p.allows);
    let statements = policy::statements(
        &ids.repository,
        runtime_name.as_str(),
        &models,
        &secrets,
        allows,
    );
    let stack = format!("{project}-{environment}");
    let alarms = lower_alarms(
        layer.observability.as_ref(),
        &ids.prefix,
        &stack,
        &agent.name.value,
    )?;
    let names = AgentNames {
        log_source: format!("{runtime_name}-logs"),
        log_destination: format!("{runtime_name}-logs-cwl"),
        trace_source: format!("{runtime_name}-traces"),
        trace_destination: format!("{runtime_name}-traces-xray"),
        role_policy: format!("{runtime_name}-execution"),
    };
    let metric_dimensions = vec![
        ("Operation".to_owned(), "InvokeAgentRuntime".to_owned()),
        ("Name".to_owned(), format!("{runtime_name}::DEFAULT")),
    ];
    Ok(Agent {
        name: agent.name.value.clone(),
        origin: agent.span,
        runtime_name,
        description: agent.description.as_ref().map(|d| d.value.clone()),
        build: Build {
            context: names::parent_dir(&entrypoint),
            dockerfile: agent.dockerfile.as_ref().map_or_else(
                || names::default_dockerfile(&entrypoint),
                |d| d.value.clone(),
            ),
            entrypoint,
            requirements: agent.requirements.as_ref().map(|r| r.value.clone()),
        },
        framework: agent
            .framework
            .as_ref()
            .map_or(Some(Framework::Strands), |f| Framework::parse(&f.value))
            .ok_or("framework")?,
        protocol: agent
            .protocol
            .as_ref()
            .map_or(Some(Protocol::Http), |p| Protocol::parse(&p.value))
            .ok_or("protocol")?,
        models,
        env,
        secrets,
        lifecycle: Lifecycle {
            idle_timeout: seconds(
                lifecycle.and_then(|l| l.idle_timeout.as_ref()),
                DEFAULT_IDLE_TIMEOUT,
            )?,
            max_lifetime: seconds(
                lifecycle.and_then(|l| l.max_lifetime.as_ref()),
                DEFAULT_MAX_LIFETIME,
            )?,
        },
        repository: Repository {
            name: format!(
                "{project}/{environment}/{}",
                agent.name.value.to_ascii_lowercase()
            ),
            immutable_tags: image
                .and_then(|i| i.tag_mutability.as_ref())
                .is_none_or(|m| m.value == "immutable"),
            scan_on_push: image
                .and_then(|i| i.scan_on_push.as_ref())
                .is_none_or(|s| s.value),
            keep_last: image
                .and_then(|i| i.keep_last.as_ref())
                .map_or(Ok(DEFAULT_KEEP_LAST), |k| {
                    u32::try_from(k.value).map_err(|e| e.to_string())
                })?,
            retain: production,
        },
        log_group_name: format!(
            "/aws/vendedlogs/bedrock-agentcore/{stack}/{}",
            agent.name.value
        ),
        names,
        statements,
        trust_conditions: policy::trust_conditions(),
        metric_dimensions,
        alarms,
        ids,
    })
}

fn lower_alarms(
    o: Option<&ast::Observability>,
    prefix: &LogicalId,
    stack: &str,
    agent: &str,
) -> Lowered<Vec<Alarm>> {
    let declared = o.map(|o| o.alarms.as_slice()).unwrap_or_default();
    let mut alarms = Vec::new();
    if declared.is_empty() {
        // FR-022: alarms on runtime failures exist even when the spec declares none.
        for (name, metric, threshold) in [
            ("system-errors", Metric::SystemErrors, 1.0),
            ("throttles", Metric::Throttles, 5.0),
        ] {
            alarms.push(Alarm {
                id: id(format!("{prefix}{}Alarm", pascal_case(name)))?,
                alarm_name: format!("{stack}-{agent}-{name}"),
                metric,
                statistic: Statistic::Sum,
                threshold,
                period: DEFAULT_ALARM_PERIOD,
                evaluation_periods: 1,
            });
        }
    }
    for a in declared {
        let metric = a
            .metric
            .as_ref()
            .and_then(|m| Metric::parse(&m.value))
            .ok_or("alarm metric")?;
        let default_statistic = if metric == Metric::Latency {
            Statistic::Average
        } else {
            Statistic::Sum
        };
        alarms.push(Alarm {
            id: id(format!("{prefix}{}Alarm", pascal_case(&a.name.value)))?,
            alarm_name: format!("{stack}-{agent}-{}", a.name.value),
            metric,
            statistic: a
                .statistic
                .as_ref()
                .map_or(Some(default_statistic), |s| Statistic::parse(&s.value))
                .ok_or("statistic")?,
            threshold: a.threshold.as_ref().ok_or("alarm threshold")?.value,
            period: a.period.as_ref().map_or(Ok(DEFAULT_ALARM_PERIOD), |p| {
                u32::try_from(p.value).map_err(|e| e.to_string())
            })?,
            evaluation_periods: a
                .evaluation_periods
                .as_ref()
                .map_or(Ok(1), |e| u32::try_from(e.value).map_err(|e| e.to_string()))?,
        });
    }
    Ok(alarms)
}

fn lower_network(n: Option<&ast::Network>) -> Network {
    let list = |l: &Option<ast::SpannedList>| {
        l.as_ref()
            .map(|l| l.items.iter().map(|i| i.value.clone()).collect())
            .unwrap_or_default()
    };
    match n {
        Some(n) if n.mode.as_ref().is_some_and(|m| m.value == "vpc") => Network::Vpc {
            vpc_id: n
                .vpc_id
                .as_ref()
                .map(|v| v.value.clone())
                .unwrap_or_default(),
            subnets: list(&n.subnets),
            security_groups: list(&n.security_groups),
            ingress_from: list(&n.ingress_from),
        },
        _ => Network::Public,
    }
}

fn lower_auth(a: Option<&ast::Auth>, region: &str) -> Auth {
    let list = |l: &Option<ast::SpannedList>| {
        l.as_ref()
            .map(|l| l.items.iter().map(|i| i.value.clone()).collect())
            .unwrap_or_default()
    };
    let Some(a) = a else { return Auth::Iam };
    match a.kind.as_ref().map(|k| k.value.as_str()) {
        Some("cognito") => match a.user_pool.as_ref().map(|p| p.value.as_str()) {
            Some("create") | None => Auth::CognitoCreate,
            Some(pool) => {
                let pool_region = pool.split_once('_').map_or(region, |(r, _)| r);
                Auth::Jwt {
                    discovery_url: format!(
                        "https://cognito-idp.{pool_region}.amazonaws.com/{pool}/.well-known/openid-configuration"
                    ),
                    allowed_clients: list(&a.allowed_clients),
                    allowed_audiences: list(&a.allowed_audiences),
                }
            }
        },
        Some("jwt") => Auth::Jwt {
            discovery_url: a
                .discovery_url
                .as_ref()
                .map(|u| u.value.clone())
                .unwrap_or_default(),
            allowed_clients: list(&a.allowed_clients),
            allowed_audiences: list(&a.allowed_audiences),
        },
        _ => Auth::Iam,
    }
}

fn lower_observability(o: Option<&ast::Observability>) -> Observability {
    Observability {
        log_retention_days: o
            .and_then(|o| o.log_retention_days.as_ref())
            .and_then(|d| u32::try_from(d.value).ok())
            .unwrap_or(DEFAULT_RETENTION_DAYS),
        tracing: o.and_then(|o| o.tracing.as_ref()).is_some_and(|t| t.value),
        alarm_target: o
            .and_then(|o| o.notify.as_ref())
            .map_or(AlarmTarget::CreateTopic, |n| {
                AlarmTarget::Topic(n.value.clone())
            }),
    }
}

/// Where a logical ID comes from: a name the user wrote, and its span.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct IdOrigin {
    what: String,
    span: Span,
    agent: String,
}

/// Two resources with one logical ID: CloudFormation would keep only one. Reported once per
/// pair of colliding names, pointing at both.
fn logical_id_collisions(d: &Deployment, layer: &Layer) -> Vec<Diagnostic> {
    let stack = IdOrigin {
        what: "a stack-wide resource".to_owned(),
        span: Span::new(0, 0),
        agent: String::new(),
    };
    let mut seen: BTreeMap<String, IdOrigin> = [
        &d.ids.log_key,
        &d.ids.alarm_key,
        &d.ids.alarm_topic,
        &d.ids.user_pool,
        &d.ids.user_pool_client,
        &d.ids.runtime_security_group,
        &d.ids.audit_key,
        &d.ids.audit_bucket,
        &d.ids.audit_log_bucket,
        &d.ids.audit_bucket_policy,
        &d.ids.audit_log_bucket_policy,
        &d.ids.audit_trail,
    ]
    .into_iter()
    .map(|id| (id.to_string(), stack.clone()))
    .collect();
    let declared_alarms = layer
        .observability
        .as_ref()
        .map(|o| o.alarms.as_slice())
        .unwrap_or_default();
    let mut pairs: std::collections::BTreeSet<(String, String)> = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for (agent, decl) in d.agents.iter().zip(&layer.agents) {
        let agent_origin = IdOrigin {
            what: format!("agent `{}`", agent.name),
            span: decl.name.span,
            agent: agent.name.clone(),
        };
        let i = &agent.ids;
        let mut ids: Vec<(&LogicalId, IdOrigin)> = [
            &i.repository,
            &i.role,
            &i.role_policy,
            &i.runtime,
            &i.log_group,
            &i.log_source,
            &i.log_destination,
            &i.log_delivery,
            &i.trace_source,
            &i.trace_destination,
            &i.trace_delivery,
            &i.image_ref,
        ]
        .into_iter()
        .map(|id| (id, agent_origin.clone()))
        .collect();
        for alarm in &agent.alarms {
            let declared = declared_alarms
                .iter()
                .find(|a| alarm.alarm_name.ends_with(&format!("-{}", a.name.value)));
            let origin = IdOrigin {
                what: format!(
                    "alarm `{}` of agent `{}`",
                    alarm
                        .alarm_name
                        .rsplit_once(&format!("{}-", agent.name))
                        .map_or(alarm.alarm_name.as_str(), |(_, n)| n),
                    agent.name
                ),
                span: declared.map_or(decl.name.span, |a| a.name.span),
                agent: agent.name.clone(),
            };
            ids.push((&alarm.id, origin));
        }
        for (id, origin) in ids {
            if let Some(first) = seen.insert(id.to_string(), origin.clone())
                && first != origin
                // Two agents whose names collide collide on every resource: say it once.
                && (first.agent == origin.agent || pairs.insert((first.agent.clone(), origin.agent.clone())))
                && pairs.insert((first.what.clone(), origin.what.clone()))
            {
                let mut diag = Diagnostic::new(
                    Code::NamesLogicalIdCollision,
                    format!("{} and {} give the same logical ID `{id}`", first.what, origin.what),
                )
                .at(origin.span, "this name")
                .help("logical IDs are the PascalCase of names: rename one so they differ in letters or digits");
                if first != stack {
                    diag = diag.also(first.span, "collides with this one");
                }
                out.push(diag);
            }
        }
    }
    out
}
