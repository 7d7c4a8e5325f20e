//! The facts of a Terraform module (see [`super::mapping`]), keyed as the CloudFormation ones.

use hcl::expr::Expression;

use super::mapping::{Facts, TYPES};
use super::model::{Tf, attr, block, field, key_text};

/// The facts of a Terraform module.
pub fn tf_facts(m: &Tf) -> Facts {
    let mut f = Facts::new();
    let mapped: Vec<&str> = TYPES.iter().map(|(_, t)| *t).collect();
    for ((t, n), b) in &m.resources {
        if !mapped.contains(&t.as_str()) {
            continue;
        }
        let k = format!("{t}.{n}");
        let mut put = |fact: &str, v: String| drop(f.insert(format!("{k} {fact}"), v));
        put("exists", "yes".into());
        assert!(
            attr(b, "tags").is_none(),
            "{k}: resource-level tags (every tag comes from default_tags)"
        );
        let s = |body: &hcl::Body, key: &str| {
            attr(body, key).map_or_else(|| "none".to_owned(), |e| m.s(e))
        };
        let sub = |kind: &str| {
            m.resources
                .get(&(kind.to_owned(), n.clone()))
                .unwrap_or_else(|| panic!("no {kind}.{n}"))
        };
        let blk = |body: &hcl::Body, path: &[&str]| {
            path.iter()
                .try_fold(body, |b, name| block(b, name))
                .cloned()
                .unwrap_or_else(|| panic!("{k}: no block {path:?}"))
        };
        match t.as_str() {
            "aws_kms_key" => {
                put("rotation", s(b, "enable_key_rotation"));
                put("policy", m.statements(attr(b, "policy")).join("\n"));
            }
            "aws_sns_topic" => put("kms", s(b, "kms_master_key_id")),
            "aws_cognito_user_pool" => {
                put("mfa", s(b, "mfa_configuration"));
                put("tier", s(b, "user_pool_tier"));
                put(
                    "advanced_security",
                    s(&blk(b, &["user_pool_add_ons"]), "advanced_security_mode"),
                );
                put(
                    "admin_only",
                    s(
                        &blk(b, &["admin_create_user_config"]),
                        "allow_admin_create_user_only",
                    ),
                );
                let pw = blk(b, &["password_policy"]);
                put(
                    "password",
                    [
                        "minimum_length",
                        "require_uppercase",
                        "require_lowercase",
                        "require_numbers",
                        "require_symbols",
                    ]
                    .map(|k| s(&pw, k))
                    .join(","),
                );
            }
            "aws_cognito_user_pool_client" => {
                put("pool", s(b, "user_pool_id"));
                put("secret", s(b, "generate_secret"));
                put("flows", m.list(attr(b, "explicit_auth_flows")).join(","));
            }
            "aws_security_group" => {
                put("vpc", s(b, "vpc_id"));
                for (fact, kind, peer) in [
                    (
                        "ingress",
                        "aws_vpc_security_group_ingress_rule",
                        "referenced_security_group_id",
                    ),
                    ("egress", "aws_vpc_security_group_egress_rule", "cidr_ipv4"),
                ] {
                    let mut rules = Vec::new();
                    for ((rt, _), r) in m.resources.iter().filter(|((rt, _), r)| {
                        rt == kind && s(r, "security_group_id") == format!("{{ref:{n}}}")
                    }) {
                        let _ = rt;
                        let rule = |each: Option<&Expression>| {
                            let v = |key: &str| match (attr(r, key), each) {
                                (Some(e), Some(each)) if m.s(e).starts_with("{each:") => {
                                    let name = m.s(e);
                                    let field_name = name
                                        .trim_start_matches("{each:")
                                        .trim_end_matches('}')
                                        .to_owned();
                                    field(each, &[&field_name])
                                        .map(|e| m.s(e))
                                        .unwrap_or_default()
                                }
                                (Some(e), _) => m.s(e),
                                (None, _) => "none".into(),
                            };
                            format!(
                                "{} {}-{} {}",
                                v("ip_protocol"),
                                v("from_port"),
                                v("to_port"),
                                v(peer)
                            )
                        };
                        match attr(r, "for_each") {
                            Some(Expression::Object(o)) => {
                                rules.extend(o.values().map(|each| rule(Some(each))))
                            }
                            _ => rules.push(rule(None)),
                        }
                    }
                    rules.sort();
                    put(fact, rules.join(";"));
                }
            }
            "aws_s3_bucket" => {
                let sse = blk(
                    sub("aws_s3_bucket_server_side_encryption_configuration"),
                    &["rule", "apply_server_side_encryption_by_default"],
                );
                let kms =
                    attr(&sse, "kms_master_key_id").map_or_else(|| "null".to_owned(), |e| m.s(e));
                put("sse", format!("{} {kms}", s(&sse, "sse_algorithm")));
                put(
                    "versioning",
                    s(
                        &blk(
                            sub("aws_s3_bucket_versioning"),
                            &["versioning_configuration"],
                        ),
                        "status",
                    ),
                );
                let pab = sub("aws_s3_bucket_public_access_block");
                put(
                    "public_access_block",
                    [
                        "block_public_acls",
                        "block_public_policy",
                        "ignore_public_acls",
                        "restrict_public_buckets",
                    ]
                    .map(|k| s(pab, k))
                    .join(","),
                );
                put(
                    "ownership",
                    s(
                        &blk(sub("aws_s3_bucket_ownership_controls"), &["rule"]),
                        "object_ownership",
                    ),
                );
                let logging = m
                    .resources
                    .get(&("aws_s3_bucket_logging".to_owned(), n.clone()));
                put(
                    "logging",
                    logging.map_or_else(
                        || "none none".to_owned(),
                        |l| format!("{} {}", s(l, "target_bucket"), s(l, "target_prefix")),
                    ),
                );
            }
            "aws_s3_bucket_policy" | "aws_iam_role_policy" => {
                put("policy", m.statements(attr(b, "policy")).join("\n"));
                if t == "aws_iam_role_policy" {
                    put("name", s(b, "name"));
                    put("role", s(b, "role"));
                } else {
                    put("bucket", s(b, "bucket"));
                }
            }
            "aws_cloudtrail" => {
                for (fact, key) in [
                    ("name", "name"),
                    ("bucket", "s3_bucket_name"),
                    ("kms", "kms_key_id"),
                    ("logging", "enable_logging"),
                    ("multi_region", "is_multi_region_trail"),
                    ("global_events", "include_global_service_events"),
                    ("validation", "enable_log_file_validation"),
                ] {
                    put(fact, s(b, key));
                }
                let selectors: Vec<String> = b
                    .blocks()
                    .filter(|x| x.identifier() == "advanced_event_selector")
                    .map(|sel| {
                        let fields: Vec<String> = sel
                            .body()
                            .blocks()
                            .filter(|x| x.identifier() == "field_selector")
                            .map(|fs| {
                                let op = fs
                                    .body()
                                    .attributes()
                                    .find(|a| a.key() != "field")
                                    .expect("operator");
                                let op_name = match op.key() {
                                    "equals" => "Equals",
                                    "starts_with" => "StartsWith",
                                    other => other,
                                };
                                format!(
                                    "{} {op_name} {}",
                                    s(fs.body(), "field"),
                                    m.list(Some(op.expr())).join(",")
                                )
                            })
                            .collect();
                        format!("{}: {}", s(sel.body(), "name"), fields.join("; "))
                    })
                    .collect();
                put("selectors", selectors.join("\n"));
            }
            "aws_ecr_repository" => {
                put("name", s(b, "name"));
                put("mutability", s(b, "image_tag_mutability"));
                put(
                    "scan_on_push",
                    s(&blk(b, &["image_scanning_configuration"]), "scan_on_push"),
                );
                put(
                    "encryption",
                    s(&blk(b, &["encryption_configuration"]), "encryption_type"),
                );
                let policy =
                    attr(sub("aws_ecr_lifecycle_policy"), "policy").expect("lifecycle policy");
                let rule = field(policy, &["rules", "0"]).expect("a rule");
                let get = |path: &[&str]| field(rule, path).map(|e| m.s(e)).unwrap_or_default();
                put(
                    "keep",
                    [
                        get(&["rulePriority"]),
                        get(&["selection", "tagStatus"]),
                        get(&["selection", "countType"]),
                        get(&["selection", "countNumber"]),
                    ]
                    .join(","),
                );
                put("force_delete", s(b, "force_delete"));
            }
            "aws_iam_role" => {
                put(
                    "policy",
                    m.statements(attr(b, "assume_role_policy")).join("\n"),
                );
                put("max_session", s(b, "max_session_duration"));
            }
            "aws_bedrockagentcore_agent_runtime" => {
                put("name", s(b, "agent_runtime_name"));
                put("description", s(b, "description"));
                put("role", s(b, "role_arn"));
                let net = blk(b, &["network_configuration"]);
                put("network", s(&net, "network_mode"));
                let cfg = block(&net, "network_mode_config");
                put(
                    "subnets",
                    m.list(cfg.and_then(|c| attr(c, "subnets"))).join(","),
                );
                put(
                    "security_groups",
                    m.list(cfg.and_then(|c| attr(c, "security_groups")))
                        .join(","),
                );
                let jwt = block(b, "authorizer_configuration")
                    .and_then(|a| block(a, "custom_jwt_authorizer"));
                put(
                    "authorizer",
                    jwt.map_or_else(
                        || "none clients= audience=".to_owned(),
                        |j| {
                            format!(
                                "{} clients={} audience={}",
                                s(j, "discovery_url"),
                                m.list(attr(j, "allowed_clients")).join(","),
                                m.list(attr(j, "allowed_audience")).join(",")
                            )
                        },
                    ),
                );
                put(
                    "protocol",
                    s(&blk(b, &["protocol_configuration"]), "server_protocol"),
                );
                let env = match attr(b, "environment_variables") {
                    Some(Expression::Object(o)) => o
                        .iter()
                        .map(|(k, v)| format!("{}={}", key_text(k), m.s(v)))
                        .collect::<Vec<_>>(),
                    Some(other) => {
                        panic!("{k}: environment_variables is not a literal map: {other:?}")
                    }
                    None => Vec::new(),
                };
                put("env", env.join(";"));
                let lc = attr(b, "lifecycle_configuration").expect("lifecycle_configuration");
                let get = |key: &str| {
                    field(lc, &["0", key])
                        .map(|e| m.s(e))
                        .unwrap_or_else(|| "none".into())
                };
                put(
                    "lifecycle",
                    format!(
                        "{} {}",
                        get("idle_runtime_session_timeout"),
                        get("max_lifetime")
                    ),
                );
            }
            "aws_cloudwatch_log_group" => {
                put("name", s(b, "name"));
                put("retention", s(b, "retention_in_days"));
                put("kms", s(b, "kms_key_id"));
            }
            "aws_cloudwatch_log_delivery_source" => {
                put("name", s(b, "name"));
                put("log_type", s(b, "log_type"));
                put("resource", s(b, "resource_arn"));
            }
            "aws_cloudwatch_log_delivery_destination" => {
                put("name", s(b, "name"));
                let dest = block(b, "delivery_destination_configuration")
                    .map(|d| s(d, "destination_resource_arn"));
                // The provider infers CWL from a log group destination.
                let kind = attr(b, "delivery_destination_type")
                    .map(|e| m.s(e))
                    .or_else(|| dest.as_ref().map(|_| "CWL".to_owned()));
                put("type", kind.unwrap_or_else(|| "none".into()));
                put("destination", dest.unwrap_or_else(|| "none".into()));
            }
            "aws_cloudwatch_log_delivery" => {
                put("source", s(b, "delivery_source_name"));
                put("destination", s(b, "delivery_destination_arn"));
            }
            "aws_cloudwatch_metric_alarm" => {
                for (fact, key) in [
                    ("name", "alarm_name"),
                    ("namespace", "namespace"),
                    ("metric", "metric_name"),
                    ("statistic", "statistic"),
                    ("period", "period"),
                    ("evaluation_periods", "evaluation_periods"),
                    ("threshold", "threshold"),
                    ("comparison", "comparison_operator"),
                    ("missing_data", "treat_missing_data"),
                ] {
                    put(fact, s(b, key));
                }
                put("actions", m.list(attr(b, "alarm_actions")).join(","));
                let dims = match attr(b, "dimensions") {
                    Some(Expression::Object(o)) => o
                        .iter()
                        .map(|(k, v)| format!("{}={}", key_text(k), m.s(v)))
                        .collect::<Vec<_>>(),
                    _ => Vec::new(),
                };
                put("dimensions", dims.join(";"));
            }
            _ => {}
        }
    }
    let mut tags: Vec<String> = match m.default_tags.as_ref().map(|t| match t {
        Expression::Traversal(_) => m.locals.get("tags").cloned().expect("local.tags"),
        other => other.clone(),
    }) {
        Some(Expression::Object(o)) => o
            .iter()
            .map(|(k, v)| format!("{}={}", key_text(k), m.s(v)))
            .collect(),
        _ => Vec::new(),
    };
    tags.sort();
    f.insert("tags".into(), tags.join(";"));
    f
}
