//! `image`, `network`, `auth` and `observability`: what production demands (immutable scanned
//! images, VPC, JWT auth), the shapes of AWS ids, and CloudWatch's accepted values.

use agentc_diagnostics::{Code, Diagnostic, Diagnostics, Span};
use agentc_ir::{LOG_RETENTION_DAYS, Metric, Statistic};
use agentc_syntax::ast::{Auth, Image, Layer, Network, Observability, Spanned, SpannedList};

use super::{EnvContext, in_env, missing, one_of};
use crate::names;

/// CloudWatch Logs retention required for compliance (FR-025).
pub(crate) const MIN_RETENTION_DAYS: i128 = 30;

pub(super) fn check(layer: &Layer, env: &EnvContext<'_>, diags: &mut Diagnostics) {
    check_image(layer.image.as_ref(), env, diags);
    check_network(layer.network.as_ref(), env, diags);
    check_auth(layer.auth.as_ref(), env, diags);
    if let Some(o) = &layer.observability {
        check_observability(o, diags);
    }
}

fn check_image(image: Option<&Image>, env: &EnvContext<'_>, diags: &mut Diagnostics) {
    let Some(image) = image else { return };
    if let Some(m) = &image.tag_mutability
        && one_of(m, "tag mutability", &["immutable", "mutable"], diags)
        && m.value == "mutable"
        && env.production
    {
        diags.push(
            Diagnostic::new(Code::ImageMutableInProduction, "production images may be overwritten under the same tag")
                .at(m.span, "mutable tags")
                .note(in_env(env))
                .help("use `tag-mutability \"immutable\"` (FR-007), or override it in a non-production environment only"),
        );
    }
    if let Some(scan) = &image.scan_on_push
        && !scan.value
        && env.production
    {
        diags.push(
            Diagnostic::new(
                Code::ImageScanDisabledInProduction,
                "production images are pushed without a vulnerability scan",
            )
            .at(scan.span, "scanning off")
            .note(in_env(env))
            .help("set `scan-on-push #true` (FR-008)"),
        );
    }
    if let Some(keep) = &image.keep_last
        && !(1..=1000).contains(&keep.value)
    {
        diags.push(
            Diagnostic::new(
                Code::SchemaInvalidValue,
                format!("`keep-last` is {}; it must be 1–1000", keep.value),
            )
            .at(keep.span, "out of range")
            .help("keep enough images to roll back: 30 is a good start"),
        );
    }
}

fn check_network(network: Option<&Network>, env: &EnvContext<'_>, diags: &mut Diagnostics) {
    let public = match network {
        None => true,
        Some(n) => match &n.mode {
            Some(mode) if one_of(mode, "network mode", &["public", "vpc"], diags) => {
                if mode.value == "vpc" {
                    check_vpc(n, diags);
                    false
                } else {
                    for (list, name) in [
                        (&n.subnets, "subnets"),
                        (&n.security_groups, "security-groups"),
                        (&n.ingress_from, "ingress-from"),
                    ] {
                        if let Some(l) = list {
                            diags.push(only_for(l.span, name, "network \"vpc\""));
                        }
                    }
                    if let Some(v) = &n.vpc_id {
                        diags.push(only_for(v.span, "vpc-id", "network \"vpc\""));
                    }
                    true
                }
            }
            _ => false,
        },
    };
    if public && env.production {
        let at = network.map_or(env.name_span, |n| {
            n.mode.as_ref().map_or(n.span, |m| m.span)
        });
        let d = Diagnostic::new(Code::NetworkPublicInProduction, "production runs on the public network")
            .at(at, if network.is_some() { "public network" } else { "no `network`: public by default" })
            .note(in_env(env))
            .help("use `network \"vpc\" { vpc-id …; subnets …; ingress-from … }` (FR-004), or suppress this with the reason");
        diags.push(d);
    }
}

fn only_for(at: Span, name: &str, kind: &str) -> Diagnostic {
    Diagnostic::new(
        Code::SchemaInvalidValue,
        format!("`{name}` applies only to {kind}"),
    )
    .at(at, "not used in this mode")
    .help(format!("remove it, or switch to {kind}"))
}

fn check_vpc(n: &Network, diags: &mut Diagnostics) {
    match &n.vpc_id {
        None => diags.push(missing(
            n.span,
            "a `vpc-id` in `network \"vpc\"`",
            "vpc-id \"vpc-0a1b2c3d4e5f67890\"",
        )),
        Some(v) => check_id(v, "vpc-", "VPC id", diags),
    }
    match &n.subnets {
        None => diags.push(missing(
            n.span,
            "`subnets` in `network \"vpc\"`",
            "subnets \"subnet-0aaa1111bbbb2222c\" \"subnet-0ddd3333eeee4444f\"",
        )),
        Some(list) => {
            list.items
                .iter()
                .for_each(|s| check_id(s, "subnet-", "subnet id", diags));
            if list.items.len() < 2 {
                diags.push(
                    Diagnostic::new(Code::NetworkTooFewSubnets, "VPC mode needs at least two subnets")
                        .at(list.span, "one subnet")
                        .help("give two private subnets in different supported availability zones, so the runtime survives an AZ outage"),
                );
            }
            duplicates(list, "subnet", diags);
        }
    }
    for list in [&n.security_groups, &n.ingress_from].into_iter().flatten() {
        list.items
            .iter()
            .for_each(|s| check_id(s, "sg-", "security group id", diags));
        duplicates(list, "security group", diags);
    }
    if n.security_groups.is_none() && n.ingress_from.is_none() {
        diags.push(
            Diagnostic::new(Code::NetworkNoSecurityGroup, "VPC mode names no security group")
                .at(n.mode.as_ref().map_or(n.span, |m| m.span), "no security group")
                .help("add `ingress-from \"sg-…\"` (agentc creates a group that admits only it, FR-034) or `security-groups \"sg-…\"`"),
        );
    }
}

fn check_id(id: &Spanned<String>, prefix: &str, what: &str, diags: &mut Diagnostics) {
    let hex = id.value.strip_prefix(prefix).unwrap_or("");
    let ok = id.value.starts_with(prefix)
        && (hex.len() == 8 || hex.len() == 17)
        && hex
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c));
    if !ok {
        diags.push(
            Diagnostic::new(
                Code::NetworkInvalidId,
                format!("`{}` is not a {what}", id.value),
            )
            .at(id.span, format!("not a {what}"))
            .help(format!(
                "{what}s are `{prefix}` followed by 8 or 17 lowercase hex digits"
            )),
        );
    }
}

fn duplicates(list: &SpannedList, what: &str, diags: &mut Diagnostics) {
    for (i, item) in list.items.iter().enumerate() {
        if let Some(first) = list.items[..i].iter().find(|f| f.value == item.value) {
            diags.push(
                Diagnostic::new(
                    Code::SchemaInvalidValue,
                    format!("{what} `{}` is listed twice", item.value),
                )
                .at(item.span, "listed again")
                .also(first.span, "first listed here")
                .help("list each once"),
            );
        }
    }
}

fn check_auth(auth: Option<&Auth>, env: &EnvContext<'_>, diags: &mut Diagnostics) {
    let kind = auth.and_then(|a| a.kind.as_ref());
    let valid = kind.is_none_or(|k| one_of(k, "auth kind", &["iam", "cognito", "jwt"], diags));
    if !valid {
        return;
    }
    let kind_name = kind.map_or("iam", |k| k.value.as_str());
    if kind_name == "iam" && env.production {
        let at = auth.map_or(env.name_span, |a| kind.map_or(a.span, |k| k.span));
        diags.push(
            Diagnostic::new(Code::AuthMissingInProduction, "production accepts any caller with IAM credentials; no user auth")
                .at(at, if auth.is_some() { "IAM (SigV4) auth" } else { "no `auth`: IAM by default" })
                .note(in_env(env))
                .help("use `auth \"cognito\" { user-pool \"create\" }` or `auth \"jwt\" { … }` (FR-017), or suppress this with the reason"),
        );
    }
    let Some(auth) = auth else { return };
    let lists = [
        (&auth.allowed_clients, "allowed-clients"),
        (&auth.allowed_audiences, "allowed-audiences"),
    ];
    match kind_name {
        "iam" => {
            if let Some(p) = &auth.user_pool {
                diags.push(only_for(p.span, "user-pool", "auth \"cognito\""));
            }
            if let Some(u) = &auth.discovery_url {
                diags.push(only_for(u.span, "discovery-url", "auth \"jwt\""));
            }
            for (list, name) in lists {
                if let Some(l) = list {
                    diags.push(only_for(l.span, name, "auth \"jwt\" or \"cognito\""));
                }
            }
        }
        "cognito" => {
            if let Some(u) = &auth.discovery_url {
                diags.push(only_for(
                    u.span,
                    "discovery-url",
                    "auth \"jwt\" (Cognito's is derived from the pool)",
                ));
            }
            match &auth.user_pool {
                None => diags.push(missing(
                    auth.span,
                    "a `user-pool` in `auth \"cognito\"`",
                    "user-pool \"create\"",
                )),
                Some(pool) if pool.value == "create" => {
                    for (list, name) in lists {
                        if let Some(l) = list {
                            diags.push(
                                Diagnostic::new(
                                    Code::SchemaInvalidValue,
                                    format!(
                                        "`{name}` cannot name clients of a pool agentc creates"
                                    ),
                                )
                                .at(l.span, "not used")
                                .help(
                                    "agentc creates the app client and allows it; remove this line",
                                ),
                            );
                        }
                    }
                }
                Some(pool) => {
                    if !is_user_pool_id(&pool.value) {
                        diags.push(
                            Diagnostic::new(Code::AuthUserPoolId, format!("`{}` is not a Cognito user pool id", pool.value))
                                .at(pool.span, "not a pool id")
                                .help("write \"create\" or an existing pool's id, such as \"us-east-1_AbCdEf123\""),
                        );
                    }
                    if auth.allowed_clients.is_none() {
                        diags.push(
                            Diagnostic::new(Code::AuthJwtWithoutAudience, "an existing user pool needs the app clients it admits")
                                .at(pool.span, "which clients?")
                                .help("add `allowed-clients \"<app client id>\"`: Cognito access tokens carry client_id, not aud"),
                        );
                    }
                }
            }
        }
        _ => {
            if let Some(p) = &auth.user_pool {
                diags.push(only_for(p.span, "user-pool", "auth \"cognito\""));
            }
            match &auth.discovery_url {
                None => diags.push(missing(
                    auth.span,
                    "a `discovery-url` in `auth \"jwt\"`",
                    "discovery-url \"https://issuer.example.com/.well-known/openid-configuration\"",
                )),
                Some(url) => {
                    if !url.value.starts_with("https://")
                        || !url.value.ends_with("/.well-known/openid-configuration")
                        || url.value.len() <= "https:///.well-known/openid-configuration".len()
                    {
                        diags.push(
                            Diagnostic::new(Code::AuthDiscoveryUrl, format!("`{}` is not an OpenID discovery URL AgentCore accepts", url.value))
                                .at(url.span, "not https://…/.well-known/openid-configuration")
                                .help("give the issuer's https URL ending in /.well-known/openid-configuration"),
                        );
                    }
                }
            }
            if auth.allowed_clients.is_none() && auth.allowed_audiences.is_none() {
                diags.push(
                    Diagnostic::new(Code::AuthJwtWithoutAudience, "JWT auth admits no client and no audience: any token of the issuer would pass")
                        .at(kind.map_or(auth.span, |k| k.span), "whose tokens?")
                        .help("add `allowed-clients \"…\"` (Cognito) or `allowed-audiences \"…\"` (Okta, Entra, Auth0)"),
                );
            }
        }
    }
}

fn is_user_pool_id(id: &str) -> bool {
    let Some((region, rest)) = id.split_once('_') else {
        return false;
    };
    agentc_ir::Region::new(region).is_ok()
        && !rest.is_empty()
        && rest.chars().all(|c| c.is_ascii_alphanumeric())
}

fn check_observability(o: &Observability, diags: &mut Diagnostics) {
    if let Some(days) = &o.log_retention_days {
        let accepted = u32::try_from(days.value).is_ok_and(|d| LOG_RETENTION_DAYS.contains(&d));
        if !accepted {
            let nearest = LOG_RETENTION_DAYS
                .iter()
                .copied()
                .find(|&d| i128::from(d) >= days.value.max(MIN_RETENTION_DAYS))
                .unwrap_or(3653);
            diags.push(
                Diagnostic::new(
                    Code::LogsRetentionInvalid,
                    format!("CloudWatch Logs cannot keep logs for {} days", days.value),
                )
                .at(days.span, "not a CloudWatch retention")
                .help(format!(
                    "the nearest accepted value is {nearest}; accepted: {}",
                    LOG_RETENTION_DAYS
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        } else if days.value < MIN_RETENTION_DAYS {
            diags.push(
                Diagnostic::new(
                    Code::LogsRetentionTooShort,
                    format!(
                        "logs are kept {} days; at least {MIN_RETENTION_DAYS} are required",
                        days.value
                    ),
                )
                .at(days.span, "too short")
                .help("set `log-retention-days 30` or more (FR-025)"),
            );
        }
    }
    if let Some(n) = &o.notify
        && !(names::is_arn(&n.value) && n.value.split(':').nth(2) == Some("sns"))
    {
        diags.push(
            Diagnostic::new(Code::IamMalformedArn, format!("`{}` is not an SNS topic ARN", n.value))
                .at(n.span, "not an SNS topic ARN")
                .help("write arn:aws:sns:<region>:<account>:<topic>, or remove `notify` to let agentc create a topic"),
        );
    }
    for alarm in &o.alarms {
        let rejected = |key: &str| alarm.rejected.iter().any(|r| r == key);
        match &alarm.metric {
            None if rejected("metric") => {}
            None => diags.push(
                Diagnostic::new(
                    Code::SchemaMissingValue,
                    format!("alarm `{}` needs a metric", alarm.name.value),
                )
                .at(alarm.name.span, "which metric?")
                .help(format!(
                    "add metric=\"SystemErrors\" (one of: {})",
                    Metric::NAMES.join(", ")
                )),
            ),
            Some(m) => {
                one_of(m, "metric", Metric::NAMES, diags);
            }
        }
        if alarm.threshold.is_none() && !rejected("threshold") {
            diags.push(
                Diagnostic::new(
                    Code::SchemaMissingValue,
                    format!("alarm `{}` needs a threshold", alarm.name.value),
                )
                .at(alarm.name.span, "fires at what value?")
                .help("add threshold=1"),
            );
        }
        if let Some(s) = &alarm.statistic {
            one_of(s, "statistic", Statistic::NAMES, diags);
        }
        if let Some(p) = &alarm.period
            && (p.value < 60 || p.value % 60 != 0 || p.value > 86_400)
        {
            diags.push(
                Diagnostic::new(
                    Code::SchemaInvalidValue,
                    format!(
                        "alarm period {} s is not a whole number of minutes up to a day",
                        p.value
                    ),
                )
                .at(p.span, "invalid period")
                .help("AgentCore publishes one data point a minute: use \"1m\", \"5m\", \"1h\" …"),
            );
        }
        if let Some(e) = &alarm.evaluation_periods
            && !(1..=100).contains(&e.value)
        {
            diags.push(
                Diagnostic::new(
                    Code::SchemaInvalidValue,
                    format!("evaluation-periods is {}; it must be 1–100", e.value),
                )
                .at(e.span, "out of range")
                .help("1 fires on the first breaching data point"),
            );
        }
    }
}
