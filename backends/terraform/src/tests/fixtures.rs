//! View models for the template tests: one with every flag on and a given string in every
//! field the spec can influence, and one with every flag off.

use crate::hcl::{Piece, Value};
use crate::view::*;

/// A value that would break or inject into HCL, shell and markdown if it were not escaped.
pub(super) const NASTY: &str =
    "q\"b\\s ${x} %{ if true }y%{ endif } $${z}\nnext'line $(touch pwned) `tick` \u{7}";

fn pair(key: &str, value: &str) -> Pair {
    Pair {
        key: key.into(),
        value: value.into(),
    }
}

fn skip(reason: &str) -> Vec<Skip> {
    vec![Skip {
        id: "CKV_AWS_1".into(),
        reason: reason.into(),
    }]
}

fn agent(id: &str, full: bool, s: &str) -> AgentView {
    let n = |suffix: &str| format!("{id}_{suffix}");
    let text = |t: &str| if full { s.to_owned() } else { t.to_owned() };
    let statement = StatementView {
        sid: "Spec1".into(),
        has_reason: full,
        reason: if full {
            crate::names::one_line(s)
        } else {
            String::new()
        },
        actions: vec!["s3:GetObject".into(), text("s3:PutObject")],
        resources: vec![Value(vec![
            Piece::Text(text("arn:")),
            Piece::Ref("local.partition".into()),
            Piece::Text(text(":x")),
        ])],
        conditions: if full {
            vec![ConditionView {
                test: s.into(),
                variable: s.into(),
                values: vec![Value::text(s), Value::reference("local.account_id")],
            }]
        } else {
            Vec::new()
        },
    };
    AgentView {
        name: text("agent"),
        id: id.into(),
        tf: AgentNames {
            repository: n("repository"),
            role: n("role"),
            role_policy: n("role_policy"),
            runtime: n("runtime"),
            log_group: n("log_group"),
            log_source: n("log_source"),
            log_destination: n("log_destination"),
            log_delivery: n("log_delivery"),
            trace_source: n("trace_source"),
            trace_destination: n("trace_destination"),
            trace_delivery: n("trace_delivery"),
        },
        runtime_name: text("agent_dev"),
        image_var: n("image_ref"),
        image_ref_description: text("image"),
        has_description: full,
        description: text(""),
        repository: RepositoryView {
            name: text("p/dev/agent"),
            mutability: "IMMUTABLE".into(),
            scan_on_push: full,
            keep_last: 30,
            keep_description: text("Keep the last 30 images"),
            retain: full,
            skips: if full {
                skip(&crate::names::one_line(s))
            } else {
                Vec::new()
            },
        },
        role_name_prefix: text("agent_dev-"),
        role_description: text("role"),
        policy_name: text("agent_dev-execution"),
        trust_conditions: statement.conditions.clone(),
        statements: vec![statement],
        protocol: "HTTP".into(),
        has_env: full,
        env: if full {
            vec![pair(s, s), pair("LOG_LEVEL", "INFO")]
        } else {
            Vec::new()
        },
        idle_timeout: 900,
        max_lifetime: 28_800,
        log_group_name: text("/aws/vendedlogs/x"),
        log_source_name: text("agent_dev-logs"),
        log_destination_name: text("agent_dev-logs-cwl"),
        trace_source_name: text("agent_dev-traces"),
        trace_destination_name: text("agent_dev-traces-xray"),
        alarms: if full {
            vec![AlarmView {
                tf: n("alarm"),
                alarm_name: s.into(),
                description: s.into(),
                metric: "Latency".into(),
                statistic: "Average".into(),
                period: 300,
                evaluation_periods: 2,
                threshold: 0.5,
                dimensions: vec![pair(s, s), pair("Operation", "InvokeAgentRuntime")],
            }]
        } else {
            Vec::new()
        },
        outputs: OutputDescriptions {
            runtime_arn: text("arn"),
            runtime_id: text("id"),
            invocation_url: text("url"),
            repository_uri: text("repo"),
            log_group_name: text("logs"),
        },
        build_context: text("../agent"),
        dockerfile: text("../agent/Dockerfile"),
        absolute_paths: false,
    }
}

fn names() -> StackNames {
    StackNames {
        log_key: "log_key".into(),
        alarm_key: "alarm_key".into(),
        alarm_topic: "alarm_topic".into(),
        user_pool: "user_pool".into(),
        user_pool_client: "user_pool_client".into(),
        runtime_security_group: "runtime_security_group".into(),
        audit_key: "audit_key".into(),
        audit_bucket: "audit_bucket".into(),
        audit_log_bucket: "audit_log_bucket".into(),
        audit_bucket_policy: "audit_bucket_policy".into(),
        audit_log_bucket_policy: "audit_log_bucket_policy".into(),
        audit_trail: "audit_trail".into(),
    }
}

/// Every flag on, two agents, and `s` in every string the spec can influence.
pub(super) fn full(s: &str) -> Module {
    Module {
        project: s.into(),
        environment: s.into(),
        stack: s.into(),
        region: s.into(),
        production: true,
        has_account: true,
        account: s.into(),
        tags: vec![pair("Project", "p"), pair(s, s)],
        tf: names(),
        agents: vec![agent("first", true, s), agent("second", true, s)],
        log_group_arns: vec![Value::text(s), Value::reference("local.region")],
        log_key_description: s.into(),
        alarm_key_description: s.into(),
        audit_key_description: s.into(),
        alarm_topic_name: s.into(),
        alarm_topic_display_name: s.into(),
        log_key_retain: true,
        has_alarms: true,
        alarm_topic: true,
        alarm_actions: vec![
            Value::reference("aws_sns_topic.alarm_topic.arn"),
            Value::text(s),
        ],
        tracing: true,
        cognito: true,
        user_pool_name: s.into(),
        user_pool_client_name: s.into(),
        has_authorizer: true,
        authorizer: Authorizer {
            discovery_url: Value(vec![
                Piece::Text(s.into()),
                Piece::Ref("aws_cognito_user_pool.user_pool.id".into()),
            ]),
            has_clients: true,
            allowed_clients: vec![Value::text(s)],
            has_audience: true,
            allowed_audience: vec![s.into()],
        },
        vpc: true,
        network: NetworkView {
            vpc_id: s.into(),
            name: s.into(),
            description: s.into(),
            subnets: vec![s.into(), "subnet-2".into()],
            security_groups: vec![
                Value::reference("aws_security_group.runtime_security_group.id"),
                Value::text(s),
            ],
            creates_security_group: true,
            ingress: vec![Ingress {
                key: s.into(),
                group: s.into(),
                port: 8080,
                description: s.into(),
            }],
        },
        has_audit: true,
        audit: AuditView {
            trail_name: s.into(),
            data_events: true,
            runtime_arn_prefixes: vec![Value::text(s)],
            bucket_prefix: s.into(),
            log_bucket_prefix: s.into(),
        },
        files: vec![pair("ecr.tf", s)],
        has_kept: true,
        kept: vec![s.into()],
        retention_days: 30,
        retention_skip: skip(&crate::names::one_line(s)),
    }
}

/// Every flag off, one agent, empty optional lists.
pub(super) fn minimal() -> Module {
    Module {
        project: "p".into(),
        environment: "dev".into(),
        stack: "p-dev".into(),
        region: "us-east-1".into(),
        production: false,
        has_account: false,
        account: String::new(),
        tags: vec![pair("Project", "p")],
        tf: names(),
        agents: vec![agent("only", false, "")],
        log_group_arns: vec![Value::text("arn")],
        log_key_description: "k".into(),
        alarm_key_description: "k".into(),
        audit_key_description: "k".into(),
        alarm_topic_name: "t".into(),
        alarm_topic_display_name: "t".into(),
        log_key_retain: false,
        has_alarms: false,
        alarm_topic: false,
        alarm_actions: Vec::new(),
        tracing: false,
        cognito: false,
        user_pool_name: String::new(),
        user_pool_client_name: String::new(),
        has_authorizer: false,
        authorizer: Authorizer::default(),
        vpc: false,
        network: NetworkView::default(),
        has_audit: false,
        audit: AuditView::default(),
        files: Vec::new(),
        has_kept: false,
        kept: Vec::new(),
        retention_days: 365,
        retention_skip: Vec::new(),
    }
}
