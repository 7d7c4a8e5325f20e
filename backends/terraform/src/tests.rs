//! Every template against a fully populated and a minimal view model, and spec values that try
//! to break out of their strings: the output must still parse (hcl-rs), keep the value intact,
//! and hold no interpolation or directive the spec wrote.

use hcl::expr::{Expression, TraversalOperator};
use hcl::template::Element;

use crate::hcl::{Piece, Value};
use crate::view::*;

/// A value that would break or inject into HCL, shell and markdown if it were not escaped.
const NASTY: &str =
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
            crate::build::one_line(s)
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
                skip(&crate::build::one_line(s))
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
fn full(s: &str) -> Module {
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
        retention_skip: skip(&crate::build::one_line(s)),
    }
}

/// Every flag off, one agent, empty optional lists.
fn minimal() -> Module {
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

/// The parsed `.tf` files of `module`, each rendered from every template (not only the files
/// `module` would write).
fn render_all(module: &Module) -> Vec<(String, String)> {
    let hb = crate::render::registry().expect("templates register");
    let mut out = Vec::new();
    for (name, _) in crate::render::TEMPLATES {
        let text = hb
            .render(name, module)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = if name.ends_with(".tf") {
            crate::format::format(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
        } else {
            text
        };
        out.push(((*name).to_owned(), text));
    }
    out
}

fn visit(e: &Expression, f: &mut dyn FnMut(&Expression)) {
    f(e);
    match e {
        Expression::Array(items) => items.iter().for_each(|i| visit(i, f)),
        Expression::Object(o) => o.values().for_each(|v| visit(v, f)),
        Expression::Traversal(t) => visit(&t.expr, f),
        Expression::FuncCall(c) => c.args.iter().for_each(|a| visit(a, f)),
        Expression::Parenthesis(p) => visit(p, f),
        Expression::Conditional(c) => [&c.cond_expr, &c.true_expr, &c.false_expr]
            .into_iter()
            .for_each(|x| visit(x, f)),
        _ => {}
    }
}

/// Every expression of every attribute in `body`, recursively.
fn expressions(body: &hcl::Body, out: &mut Vec<(String, Expression)>) {
    for a in body.attributes() {
        visit(&a.expr, &mut |e| out.push((a.key.to_string(), e.clone())));
    }
    for b in body.blocks() {
        expressions(&b.body, out);
    }
}

fn assert_no_injection(name: &str, text: &str) {
    let body = hcl::parse(text).unwrap_or_else(|e| panic!("{name} does not parse: {e}\n{text}"));
    let mut exprs = Vec::new();
    expressions(&body, &mut exprs);
    for (key, e) in &exprs {
        if let Expression::TemplateExpr(t) = e {
            let template =
                hcl::Template::from_expr(t).unwrap_or_else(|err| panic!("{name}: {key}: {err}"));
            for element in template.elements() {
                match element {
                    Element::Literal(_) => {}
                    Element::Interpolation(i) => {
                        let root = match &i.expr {
                            Expression::Traversal(tr) => tr.expr.clone(),
                            other => other.clone(),
                        };
                        let ok = matches!(&root, Expression::Variable(v) if ["local", "aws_cognito_user_pool", "aws_s3_bucket", "var", "aws_ecr_repository"].contains(&v.as_str()))
                            || matches!(&root, Expression::String(s) if s == "$")
                            || matches!(&i.expr, Expression::FuncCall(_));
                        assert!(
                            ok,
                            "{name}: {key}: an interpolation agentc did not write: {:?}",
                            i.expr
                        );
                    }
                    Element::Directive(d) => panic!("{name}: {key}: a template directive: {d:?}"),
                }
            }
        }
        if let Expression::Traversal(t) = e {
            assert!(!t.operators.iter().any(|o| matches!(o, TraversalOperator::GetAttr(a) if a.as_str() == "x" || a.as_str() == "z")));
        }
        if let Expression::Variable(v) = e {
            assert!(
                !["x", "y", "z", "if"].contains(&v.as_str()),
                "{name}: {key}: injected variable {v:?}"
            );
        }
    }
}

#[test]
fn every_template_renders_with_a_full_and_a_minimal_view() {
    for module in [full("plain text"), minimal()] {
        for (name, text) in render_all(&module) {
            assert!(!text.is_empty(), "{name} is empty");
            if name.ends_with(".tf") {
                assert_no_injection(&name, &text);
                assert_eq!(
                    crate::format::format(&text).as_deref(),
                    Ok(text.as_str()),
                    "{name}: formatting is not stable"
                );
            }
        }
    }
}

#[test]
fn spec_values_cannot_break_or_inject_into_the_output() {
    let module = full(NASTY);
    let files = render_all(&module);
    for (name, text) in &files {
        if name.ends_with(".tf") {
            assert_no_injection(name, text);
        }
    }
    // The value arrives intact where it is a string.
    let runtime = &files
        .iter()
        .find(|(n, _)| n == "runtime.tf")
        .expect("runtime.tf")
        .1;
    let body = hcl::parse(runtime).expect("parses");
    let resource = body
        .blocks()
        .find(|b| b.identifier() == "resource")
        .expect("a resource");
    let description = resource
        .body
        .attributes()
        .find(|a| a.key() == "description")
        .expect("description");
    assert_eq!(description.expr, Expression::String(NASTY.to_owned()));
    // Comments hold one line only; the shell gets one single-quoted word.
    let deploy = &files
        .iter()
        .find(|(n, _)| n == "deploy.sh")
        .expect("deploy.sh")
        .1;
    let start = deploy
        .find("digest=\"$(build_and_push ")
        .expect("build line")
        + "digest=\"$(build_and_push ".len();
    let args = &deploy[start
        ..start
            + deploy[start..]
                .find(")\"\nvars+=")
                .expect("end of the build line")];
    let script = format!("here=/h; printf '%s\\n' {args}");
    let out = std::process::Command::new("bash")
        .args(["-c", &script])
        .output()
        .expect("bash runs");
    let printed = String::from_utf8_lossy(&out.stdout);
    let mut lines = printed.lines();
    assert_eq!(lines.next(), Some("aws_ecr_repository.first_repository"));
    assert_eq!(
        printed.matches(NASTY).count(),
        2,
        "the build paths must reach the shell intact: {printed}"
    );
}

/// Writes the full (hostile) and minimal renderings to `$AGENTC_TF_DUMP/{full,minimal}` for a
/// manual `terraform fmt -check`; the gates in tests/terraform_gates.rs check the goldens.
#[test]
fn dump_renderings_when_asked() {
    let Some(dir) = std::env::var_os("AGENTC_TF_DUMP") else {
        return;
    };
    for (sub, module) in [("full", full(NASTY)), ("minimal", minimal())] {
        let d = std::path::Path::new(&dir).join(sub);
        std::fs::create_dir_all(&d).expect("mkdir");
        for (name, text) in render_all(&module) {
            std::fs::write(d.join(name), text).expect("write");
        }
    }
}
