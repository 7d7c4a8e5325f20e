//! KDL document → [`Spec`]: one function per node kind, each naming the children and
//! properties it takes. Unknown names, wrong types and duplicates are reported here; values are
//! judged later, by `agentc-sema`.

use agentc_diagnostics::{Code, Diagnostic, Diagnostics, Span};
use kdl::KdlNode;

use crate::ast::{
    Agent, Alarm, Allow, Audit, Auth, Entry, Environment, Image, Layer, Lifecycle, Network,
    Observability, Permissions, Project, Secret, SecretStore, Spec, Suppression,
};
use crate::reader::{
    NodeReader, leaf_bool, leaf_int, leaf_list, leaf_string, set_once, unknown_node,
};

/// The nodes of a layer (top level or `environment` block).
const LAYER_NODES: &[&str] = &[
    "project",
    "agent",
    "image",
    "network",
    "auth",
    "observability",
    "permissions",
    "audit",
];

/// Decode a whole document.
pub(crate) fn decode_spec(nodes: &[KdlNode], diags: &mut Diagnostics) -> Spec {
    let mut spec = Spec::default();
    let mut top: Vec<&str> = LAYER_NODES.to_vec();
    top.extend(["environment", "suppress"]);
    let mut layer_nodes = Vec::new();
    for node in nodes {
        match node.name().value() {
            "environment" => {
                if let Some(env) = decode_environment(node, &spec.environments, diags) {
                    spec.environments.push(env);
                }
            }
            "suppress" => spec.suppressions.extend(decode_suppression(node, diags)),
            name if LAYER_NODES.contains(&name) => layer_nodes.push(node),
            _ => unknown_node(node, "the spec", &top, diags),
        }
    }
    spec.base = decode_layer(&layer_nodes, diags);
    spec
}

/// Decode the nodes of one layer; `nodes` hold only layer node names.
fn decode_layer(nodes: &[&KdlNode], diags: &mut Diagnostics) -> Layer {
    let mut layer = Layer::default();
    for node in nodes {
        match node.name().value() {
            "project" => {
                set_once(
                    &mut layer.project,
                    Some(decode_project(node, diags)),
                    node,
                    diags,
                );
            }
            "agent" => {
                if let Some(agent) = decode_agent(node, diags) {
                    if let Some(first) = layer
                        .agents
                        .iter()
                        .find(|a| a.name.value == agent.name.value)
                    {
                        diags.push(duplicate_keyed(
                            "agent",
                            &agent.name.value,
                            agent.span,
                            first.span,
                        ));
                    } else {
                        layer.agents.push(agent);
                    }
                }
            }
            "image" => {
                set_once(
                    &mut layer.image,
                    Some(decode_image(node, diags)),
                    node,
                    diags,
                );
            }
            "network" => {
                set_once(
                    &mut layer.network,
                    Some(decode_network(node, diags)),
                    node,
                    diags,
                );
            }
            "auth" => {
                set_once(&mut layer.auth, Some(decode_auth(node, diags)), node, diags);
            }
            "observability" => {
                let value = Some(decode_observability(node, diags));
                set_once(&mut layer.observability, value, node, diags);
            }
            "permissions" => {
                let value = Some(decode_permissions(node, diags));
                set_once(&mut layer.permissions, value, node, diags);
            }
            "audit" => {
                set_once(
                    &mut layer.audit,
                    Some(decode_audit(node, diags)),
                    node,
                    diags,
                );
            }
            _ => unreachable_node(node, diags),
        }
    }
    layer
}

/// A node `decode_layer` was handed that is not a layer node: an agentc bug, reported, never a
/// panic.
fn unreachable_node(node: &KdlNode, diags: &mut Diagnostics) {
    diags.push(
        Diagnostic::new(
            Code::InternalBug,
            format!(
                "agentc's decoder was handed `{}` as a layer node",
                node.name().value()
            ),
        )
        .at(crate::reader::head_span(node), "here"),
    );
}

/// Add map entries from one more `tags`/`env` node, reporting keys an earlier node gave.
fn extend_entries(
    target: &mut Vec<Entry>,
    entries: Vec<Entry>,
    what: &str,
    diags: &mut Diagnostics,
) {
    for entry in entries {
        if let Some(first) = target.iter().find(|e| e.key.value == entry.key.value) {
            diags.push(
                Diagnostic::new(
                    Code::SchemaDuplicateProperty,
                    format!("{what} `{}` is given twice", entry.key.value),
                )
                .at(entry.key.span, "given again here")
                .also(first.key.span, "first given here")
                .help("keep one of them: the spec would otherwise silently use the last"),
            );
        } else {
            target.push(entry);
        }
    }
}

fn duplicate_keyed(kind: &str, name: &str, again: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::SchemaDuplicateNode,
        format!("{kind} `{name}` is declared twice"),
    )
    .at(again, "declared again here")
    .also(first, "first declared here")
    .help(format!(
        "give each {kind} its own name, or merge the two blocks"
    ))
}

fn decode_environment(
    node: &KdlNode,
    seen: &[Environment],
    diags: &mut Diagnostics,
) -> Option<Environment> {
    let mut r = NodeReader::new(node, diags);
    let name = r.required_arg_string(0, "a name", "environment \"dev\"", diags);
    r.at_most_args(1, diags);
    let production = r.prop_bool("production", diags);
    let children = r.children();
    let at = r.span();
    r.finish(true, diags);
    let mut layer_nodes = Vec::new();
    for child in children {
        if LAYER_NODES.contains(&child.name().value()) {
            layer_nodes.push(child);
        } else {
            unknown_node(child, "`environment`", LAYER_NODES, diags);
        }
    }
    let layer = decode_layer(&layer_nodes, diags);
    let name = name?;
    if let Some(first) = seen.iter().find(|e| e.name.value == name.value) {
        diags.push(duplicate_keyed("environment", &name.value, at, first.span));
        return None;
    }
    Some(Environment {
        name,
        production,
        span: at,
        layer,
    })
}

fn decode_suppression(node: &KdlNode, diags: &mut Diagnostics) -> Option<Suppression> {
    let mut r = NodeReader::new(node, diags);
    let code = r.required_arg_string(
        0,
        "the code to suppress",
        "suppress \"agentc::network::public-in-production\" because=\"…\"",
        diags,
    );
    r.at_most_args(1, diags);
    let env = r.prop_string("env", diags);
    let because = r.prop_string("because", diags);
    let at = r.span();
    r.finish(false, diags);
    Some(Suppression {
        code: code?,
        env,
        because,
        span: at,
    })
}

fn decode_project(node: &KdlNode, diags: &mut Diagnostics) -> Project {
    let r = NodeReader::new(node, diags);
    let mut p = Project {
        span: r.span(),
        name: r.arg_string(0, diags),
        ..Project::default()
    };
    r.at_most_args(1, diags);
    let children = r.children();
    r.finish(true, diags);
    const KNOWN: &[&str] = &["owner", "cost-center", "region", "account", "tags"];
    for child in children {
        match child.name().value() {
            "owner" => {
                let v = leaf_string(child, "owner \"platform-team\"", diags);
                set_once(&mut p.owner, v, child, diags);
            }
            "cost-center" => {
                let v = leaf_string(child, "cost-center \"CC-1234\"", diags);
                set_once(&mut p.cost_center, v, child, diags);
            }
            "region" => {
                let v = leaf_string(child, "region \"us-east-1\"", diags);
                set_once(&mut p.region, v, child, diags);
            }
            "account" => {
                let v = leaf_string(child, "account \"123456789012\"", diags);
                set_once(&mut p.account, v, child, diags);
            }
            "tags" => {
                let mut t = NodeReader::new(child, diags);
                t.at_most_args(0, diags);
                let entries = t.all_props_as_entries(diags);
                extend_entries(&mut p.tags, entries, "tag", diags);
                t.finish(false, diags);
            }
            _ => unknown_node(child, "`project`", KNOWN, diags),
        }
    }
    p
}

fn decode_agent(node: &KdlNode, diags: &mut Diagnostics) -> Option<Agent> {
    let r = NodeReader::new(node, diags);
    let name = r.required_arg_string(0, "a name", "agent \"support_agent\" { … }", diags);
    r.at_most_args(1, diags);
    let children = r.children();
    let at = r.span();
    r.finish(true, diags);
    let mut a = Agent {
        span: at,
        name: name
            .clone()
            .unwrap_or_else(|| crate::ast::Spanned::new(String::new(), at)),
        description: None,
        entrypoint: None,
        requirements: None,
        dockerfile: None,
        framework: None,
        protocol: None,
        models: None,
        env: Vec::new(),
        secrets: Vec::new(),
        lifecycle: None,
    };
    const KNOWN: &[&str] = &[
        "description",
        "entrypoint",
        "requirements",
        "dockerfile",
        "framework",
        "protocol",
        "model",
        "env",
        "secret",
        "lifecycle",
    ];
    for child in children {
        match child.name().value() {
            "description" => {
                let v = leaf_string(child, "description \"What the agent does\"", diags);
                set_once(&mut a.description, v, child, diags);
            }
            "entrypoint" => {
                let v = leaf_string(child, "entrypoint \"agent/app.py\"", diags);
                set_once(&mut a.entrypoint, v, child, diags);
            }
            "requirements" => {
                let v = leaf_string(child, "requirements \"agent/requirements.txt\"", diags);
                set_once(&mut a.requirements, v, child, diags);
            }
            "dockerfile" => {
                let v = leaf_string(child, "dockerfile \"agent/Dockerfile\"", diags);
                set_once(&mut a.dockerfile, v, child, diags);
            }
            "framework" => {
                let v = leaf_string(child, "framework \"strands\"", diags);
                set_once(&mut a.framework, v, child, diags);
            }
            "protocol" => {
                let v = leaf_string(child, "protocol \"http\"", diags);
                set_once(&mut a.protocol, v, child, diags);
            }
            "model" => {
                let v = leaf_list(
                    child,
                    "model id",
                    "model \"us.anthropic.claude-sonnet-4-5-20250929-v1:0\"",
                    diags,
                );
                set_once(&mut a.models, v, child, diags);
            }
            "env" => {
                let mut e = NodeReader::new(child, diags);
                e.at_most_args(0, diags);
                let entries = e.all_props_as_entries(diags);
                extend_entries(&mut a.env, entries, "environment variable", diags);
                e.finish(false, diags);
            }
            "secret" => {
                if let Some(secret) = decode_secret(child, diags) {
                    if let Some(first) =
                        a.secrets.iter().find(|s| s.name.value == secret.name.value)
                    {
                        diags.push(duplicate_keyed(
                            "secret",
                            &secret.name.value,
                            secret.span,
                            first.span,
                        ));
                    } else {
                        a.secrets.push(secret);
                    }
                }
            }
            "lifecycle" => {
                let v = Some(decode_lifecycle(child, diags));
                set_once(&mut a.lifecycle, v, child, diags);
            }
            _ => unknown_node(child, "`agent`", KNOWN, diags),
        }
    }
    name.map(|_| a)
}

fn decode_secret(node: &KdlNode, diags: &mut Diagnostics) -> Option<Secret> {
    let mut r = NodeReader::new(node, diags);
    let name = r.required_arg_string(
        0,
        "the variable name",
        "secret \"API_KEY\" secrets-manager=\"my-app/api-key\"",
        diags,
    );
    r.at_most_args(1, diags);
    let sm = r.prop_string("secrets-manager", diags);
    let ssm = r.prop_string("ssm-parameter", diags);
    let at = r.span();
    let name_span = r.name_span();
    r.finish(false, diags);
    let source = match (sm, ssm) {
        (Some(sm), None) => Some((SecretStore::SecretsManager, sm)),
        (None, Some(ssm)) => Some((SecretStore::SsmParameter, ssm)),
        (Some(_), Some(ssm)) => {
            diags.push(
                Diagnostic::new(
                    Code::SchemaInvalidValue,
                    "a secret lives in one store, not two",
                )
                .at(ssm.span, "second store")
                .help("keep either `secrets-manager=` or `ssm-parameter=`"),
            );
            None
        }
        (None, None) => {
            diags.push(
                Diagnostic::new(
                    Code::SchemaMissingValue,
                    "`secret` needs the store it lives in",
                )
                .at(name_span, "no store given")
                .help("add `secrets-manager=\"name-or-arn\"` or `ssm-parameter=\"/path\"`"),
            );
            None
        }
    };
    Some(Secret {
        span: at,
        name: name?,
        source,
    })
}

fn decode_lifecycle(node: &KdlNode, diags: &mut Diagnostics) -> Lifecycle {
    let mut r = NodeReader::new(node, diags);
    r.at_most_args(0, diags);
    let l = Lifecycle {
        span: r.span(),
        idle_timeout: r.prop_duration("idle-timeout", diags),
        max_lifetime: r.prop_duration("max-lifetime", diags),
    };
    r.finish(false, diags);
    l
}

fn decode_image(node: &KdlNode, diags: &mut Diagnostics) -> Image {
    let r = NodeReader::new(node, diags);
    r.at_most_args(0, diags);
    let mut i = Image {
        span: r.span(),
        ..Image::default()
    };
    let children = r.children();
    r.finish(true, diags);
    const KNOWN: &[&str] = &["scan-on-push", "tag-mutability", "keep-last"];
    for child in children {
        match child.name().value() {
            "scan-on-push" => {
                set_once(&mut i.scan_on_push, leaf_bool(child, diags), child, diags);
            }
            "tag-mutability" => {
                let v = leaf_string(child, "tag-mutability \"immutable\"", diags);
                set_once(&mut i.tag_mutability, v, child, diags);
            }
            "keep-last" => {
                set_once(&mut i.keep_last, leaf_int(child, diags), child, diags);
            }
            _ => unknown_node(child, "`image`", KNOWN, diags),
        }
    }
    i
}

fn decode_network(node: &KdlNode, diags: &mut Diagnostics) -> Network {
    let r = NodeReader::new(node, diags);
    let mut n = Network {
        span: r.span(),
        mode: r.required_arg_string(
            0,
            "a mode",
            "network \"public\" or network \"vpc\" { … }",
            diags,
        ),
        ..Network::default()
    };
    r.at_most_args(1, diags);
    let children = r.children();
    r.finish(true, diags);
    const KNOWN: &[&str] = &["vpc-id", "subnets", "security-groups", "ingress-from"];
    for child in children {
        match child.name().value() {
            "vpc-id" => {
                let v = leaf_string(child, "vpc-id \"vpc-0a1b2c3d4e5f67890\"", diags);
                set_once(&mut n.vpc_id, v, child, diags);
            }
            "subnets" => {
                let v = leaf_list(
                    child,
                    "subnet id",
                    "subnets \"subnet-0aaa1111bbbb2222c\" \"subnet-0ddd3333eeee4444f\"",
                    diags,
                );
                set_once(&mut n.subnets, v, child, diags);
            }
            "security-groups" => {
                let v = leaf_list(
                    child,
                    "security group id",
                    "security-groups \"sg-0123456789abcdef0\"",
                    diags,
                );
                set_once(&mut n.security_groups, v, child, diags);
            }
            "ingress-from" => {
                let v = leaf_list(
                    child,
                    "security group id",
                    "ingress-from \"sg-0123456789abcdef0\"",
                    diags,
                );
                set_once(&mut n.ingress_from, v, child, diags);
            }
            _ => unknown_node(child, "`network`", KNOWN, diags),
        }
    }
    n
}

fn decode_auth(node: &KdlNode, diags: &mut Diagnostics) -> Auth {
    let r = NodeReader::new(node, diags);
    let mut a = Auth {
        span: r.span(),
        kind: r.required_arg_string(
            0,
            "a kind",
            "auth \"iam\", auth \"cognito\" { … } or auth \"jwt\" { … }",
            diags,
        ),
        ..Auth::default()
    };
    r.at_most_args(1, diags);
    let children = r.children();
    r.finish(true, diags);
    const KNOWN: &[&str] = &[
        "user-pool",
        "discovery-url",
        "allowed-clients",
        "allowed-audiences",
    ];
    for child in children {
        match child.name().value() {
            "user-pool" => {
                let v = leaf_string(child, "user-pool \"create\"", diags);
                set_once(&mut a.user_pool, v, child, diags);
            }
            "discovery-url" => {
                let v = leaf_string(
                    child,
                    "discovery-url \"https://issuer.example.com/.well-known/openid-configuration\"",
                    diags,
                );
                set_once(&mut a.discovery_url, v, child, diags);
            }
            "allowed-clients" => {
                let v = leaf_list(child, "client id", "allowed-clients \"client-id\"", diags);
                set_once(&mut a.allowed_clients, v, child, diags);
            }
            "allowed-audiences" => {
                let v = leaf_list(
                    child,
                    "audience",
                    "allowed-audiences \"api://my-agent\"",
                    diags,
                );
                set_once(&mut a.allowed_audiences, v, child, diags);
            }
            _ => unknown_node(child, "`auth`", KNOWN, diags),
        }
    }
    a
}

fn decode_observability(node: &KdlNode, diags: &mut Diagnostics) -> Observability {
    let r = NodeReader::new(node, diags);
    r.at_most_args(0, diags);
    let mut o = Observability {
        span: r.span(),
        ..Observability::default()
    };
    let children = r.children();
    r.finish(true, diags);
    const KNOWN: &[&str] = &["log-retention-days", "tracing", "notify", "alarm"];
    for child in children {
        match child.name().value() {
            "log-retention-days" => {
                set_once(
                    &mut o.log_retention_days,
                    leaf_int(child, diags),
                    child,
                    diags,
                );
            }
            "tracing" => {
                set_once(&mut o.tracing, leaf_bool(child, diags), child, diags);
            }
            "notify" => {
                let v = leaf_string(
                    child,
                    "notify \"arn:aws:sns:us-east-1:123456789012:oncall\"",
                    diags,
                );
                set_once(&mut o.notify, v, child, diags);
            }
            "alarm" => {
                if let Some(alarm) = decode_alarm(child, diags) {
                    if let Some(first) = o.alarms.iter().find(|a| a.name.value == alarm.name.value)
                    {
                        diags.push(duplicate_keyed(
                            "alarm",
                            &alarm.name.value,
                            alarm.span,
                            first.span,
                        ));
                    } else {
                        o.alarms.push(alarm);
                    }
                }
            }
            _ => unknown_node(child, "`observability`", KNOWN, diags),
        }
    }
    o
}

fn decode_alarm(node: &KdlNode, diags: &mut Diagnostics) -> Option<Alarm> {
    let mut r = NodeReader::new(node, diags);
    let name = r.required_arg_string(
        0,
        "a name",
        "alarm \"system-errors\" metric=\"SystemErrors\" threshold=1",
        diags,
    );
    r.at_most_args(1, diags);
    let mut alarm = Alarm {
        span: r.span(),
        name: name
            .clone()
            .unwrap_or_else(|| crate::ast::Spanned::new(String::new(), r.span())),
        metric: r.prop_string("metric", diags),
        threshold: r.prop_number("threshold", diags),
        statistic: r.prop_string("statistic", diags),
        period: r.prop_duration("period", diags),
        evaluation_periods: r.prop_int("evaluation-periods", diags),
        rejected: Vec::new(),
    };
    for (key, parsed) in [
        ("metric", alarm.metric.is_some()),
        ("threshold", alarm.threshold.is_some()),
    ] {
        if !parsed && r.has_prop(key) {
            alarm.rejected.push(key.to_owned());
        }
    }
    r.finish(false, diags);
    name.map(|_| alarm)
}

fn decode_permissions(node: &KdlNode, diags: &mut Diagnostics) -> Permissions {
    let r = NodeReader::new(node, diags);
    r.at_most_args(0, diags);
    let mut p = Permissions {
        span: r.span(),
        allows: Vec::new(),
    };
    let children = r.children();
    r.finish(true, diags);
    for child in children {
        match child.name().value() {
            "allow" => {
                let mut a = NodeReader::new(child, diags);
                let actions = a.string_args(
                    "action",
                    "allow \"dynamodb:GetItem\" on=\"arn:aws:dynamodb:us-east-1:123456789012:table/tickets\"",
                    diags,
                );
                let allow = Allow {
                    span: a.span(),
                    actions,
                    on: a.prop_string("on", diags),
                    because: a.prop_string("because", diags),
                };
                a.finish(false, diags);
                p.allows.push(allow);
            }
            _ => unknown_node(child, "`permissions`", &["allow"], diags),
        }
    }
    p
}

fn decode_audit(node: &KdlNode, diags: &mut Diagnostics) -> Audit {
    let r = NodeReader::new(node, diags);
    r.at_most_args(0, diags);
    let mut a = Audit {
        span: r.span(),
        ..Audit::default()
    };
    let children = r.children();
    r.finish(true, diags);
    for child in children {
        match child.name().value() {
            "cloudtrail" => {
                set_once(&mut a.cloudtrail, leaf_bool(child, diags), child, diags);
            }
            "data-events" => {
                set_once(&mut a.data_events, leaf_bool(child, diags), child, diags);
            }
            _ => unknown_node(child, "`audit`", &["cloudtrail", "data-events"], diags),
        }
    }
    a
}
