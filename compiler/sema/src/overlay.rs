//! Environment overlays: an `environment` block overrides the top level deeply.
//!
//! - A node that may appear once merges field by field: what the overlay sets wins.
//! - `network` and `auth` whose kind argument differs are replaced whole (a `network "public"`
//!   overlay drops the base's VPC settings).
//! - Named nodes (`agent`, `alarm`, `secret`) and map entries (`env`, `tags`) merge by name.
//! - `allow` statements add to the base's.

use agentc_syntax::ast::{
    Agent, Alarm, Audit, Auth, Entry, Image, Layer, Lifecycle, Network, Observability, Permissions,
    Project, Secret,
};

/// `base` with `overlay` applied.
pub(crate) fn apply(base: &Layer, overlay: &Layer) -> Layer {
    Layer {
        project: merge_opt(&base.project, &overlay.project, merge_project),
        agents: merge_named(
            &base.agents,
            &overlay.agents,
            |a| &a.name.value,
            merge_agent,
        ),
        image: merge_opt(&base.image, &overlay.image, merge_image),
        network: merge_opt(&base.network, &overlay.network, merge_network),
        auth: merge_opt(&base.auth, &overlay.auth, merge_auth),
        observability: merge_opt(
            &base.observability,
            &overlay.observability,
            merge_observability,
        ),
        permissions: merge_opt(&base.permissions, &overlay.permissions, merge_permissions),
        audit: merge_opt(&base.audit, &overlay.audit, merge_audit),
    }
}

fn merge_opt<T: Clone>(base: &Option<T>, overlay: &Option<T>, merge: fn(&T, &T) -> T) -> Option<T> {
    match (base, overlay) {
        (Some(b), Some(o)) => Some(merge(b, o)),
        (b, None) => b.clone(),
        (None, o) => o.clone(),
    }
}

/// Overlay's value where it has one.
fn or<T: Clone>(base: &Option<T>, overlay: &Option<T>) -> Option<T> {
    overlay.clone().or_else(|| base.clone())
}

fn merge_named<T: Clone>(
    base: &[T],
    overlay: &[T],
    key: fn(&T) -> &String,
    merge: fn(&T, &T) -> T,
) -> Vec<T> {
    let mut out: Vec<T> = base.to_vec();
    for o in overlay {
        match out.iter_mut().find(|b| key(b) == key(o)) {
            Some(b) => *b = merge(b, o),
            None => out.push(o.clone()),
        }
    }
    out
}

fn merge_entries(base: &[Entry], overlay: &[Entry]) -> Vec<Entry> {
    merge_named(base, overlay, |e| &e.key.value, |_, o| o.clone())
}

fn merge_project(b: &Project, o: &Project) -> Project {
    Project {
        span: b.span,
        name: or(&b.name, &o.name),
        owner: or(&b.owner, &o.owner),
        cost_center: or(&b.cost_center, &o.cost_center),
        region: or(&b.region, &o.region),
        account: or(&b.account, &o.account),
        tags: merge_entries(&b.tags, &o.tags),
    }
}

fn merge_agent(b: &Agent, o: &Agent) -> Agent {
    Agent {
        span: b.span,
        name: b.name.clone(),
        description: or(&b.description, &o.description),
        entrypoint: or(&b.entrypoint, &o.entrypoint),
        requirements: or(&b.requirements, &o.requirements),
        dockerfile: or(&b.dockerfile, &o.dockerfile),
        framework: or(&b.framework, &o.framework),
        protocol: or(&b.protocol, &o.protocol),
        models: or(&b.models, &o.models),
        env: merge_entries(&b.env, &o.env),
        secrets: merge_named(
            &b.secrets,
            &o.secrets,
            |s: &Secret| &s.name.value,
            |_, o| o.clone(),
        ),
        lifecycle: merge_opt(
            &b.lifecycle,
            &o.lifecycle,
            |b: &Lifecycle, o: &Lifecycle| Lifecycle {
                span: o.span,
                idle_timeout: or(&b.idle_timeout, &o.idle_timeout),
                max_lifetime: or(&b.max_lifetime, &o.max_lifetime),
            },
        ),
    }
}

fn merge_image(b: &Image, o: &Image) -> Image {
    Image {
        span: b.span,
        scan_on_push: or(&b.scan_on_push, &o.scan_on_push),
        tag_mutability: or(&b.tag_mutability, &o.tag_mutability),
        keep_last: or(&b.keep_last, &o.keep_last),
    }
}

fn same_kind<T>(
    b: &Option<agentc_syntax::ast::Spanned<T>>,
    o: &Option<agentc_syntax::ast::Spanned<T>>,
) -> bool
where
    T: PartialEq,
{
    match (b, o) {
        (Some(b), Some(o)) => b.value == o.value,
        _ => true,
    }
}

fn merge_network(b: &Network, o: &Network) -> Network {
    if !same_kind(&b.mode, &o.mode) {
        return o.clone();
    }
    Network {
        span: o.span,
        mode: or(&b.mode, &o.mode),
        vpc_id: or(&b.vpc_id, &o.vpc_id),
        subnets: or(&b.subnets, &o.subnets),
        security_groups: or(&b.security_groups, &o.security_groups),
        ingress_from: or(&b.ingress_from, &o.ingress_from),
    }
}

fn merge_auth(b: &Auth, o: &Auth) -> Auth {
    if !same_kind(&b.kind, &o.kind) {
        return o.clone();
    }
    Auth {
        span: o.span,
        kind: or(&b.kind, &o.kind),
        user_pool: or(&b.user_pool, &o.user_pool),
        discovery_url: or(&b.discovery_url, &o.discovery_url),
        allowed_clients: or(&b.allowed_clients, &o.allowed_clients),
        allowed_audiences: or(&b.allowed_audiences, &o.allowed_audiences),
    }
}

fn merge_observability(b: &Observability, o: &Observability) -> Observability {
    Observability {
        span: b.span,
        log_retention_days: or(&b.log_retention_days, &o.log_retention_days),
        tracing: or(&b.tracing, &o.tracing),
        notify: or(&b.notify, &o.notify),
        alarms: merge_named(
            &b.alarms,
            &o.alarms,
            |a: &Alarm| &a.name.value,
            |b, o| Alarm {
                span: o.span,
                name: b.name.clone(),
                metric: or(&b.metric, &o.metric),
                threshold: or(&b.threshold, &o.threshold),
                statistic: or(&b.statistic, &o.statistic),
                period: or(&b.period, &o.period),
                evaluation_periods: or(&b.evaluation_periods, &o.evaluation_periods),
                rejected: b.rejected.iter().chain(&o.rejected).cloned().collect(),
            },
        ),
    }
}

fn merge_permissions(b: &Permissions, o: &Permissions) -> Permissions {
    Permissions {
        span: b.span,
        allows: b.allows.iter().chain(&o.allows).cloned().collect(),
    }
}

fn merge_audit(b: &Audit, o: &Audit) -> Audit {
    Audit {
        span: b.span,
        cloudtrail: or(&b.cloudtrail, &o.cloudtrail),
        data_events: or(&b.data_events, &o.data_events),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use agentc_diagnostics::{Diagnostics, SourceFile};

    fn layers(text: &str) -> (Layer, Vec<Layer>) {
        let mut diags = Diagnostics::new();
        let spec = agentc_syntax::parse(&SourceFile::new("t.kdl", text), &mut diags).unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        (
            spec.base,
            spec.environments.into_iter().map(|e| e.layer).collect(),
        )
    }

    #[test]
    fn overlays_merge_deeply_and_replace_on_a_kind_change() {
        let (base, envs) = layers(
            r#"
            network "vpc" { vpc-id "vpc-1"; subnets "subnet-a" "subnet-b" }
            observability { log-retention-days 30; tracing #true; alarm "a" metric="Throttles" threshold=1 }
            agent "x" { env A="1" B="2" }
            environment "dev" {
                network "public"
                observability { log-retention-days 90; alarm "a" threshold=5 }
                agent "x" { env B="3" C="4" }
            }
            "#,
        );
        let merged = apply(&base, &envs[0]);
        let network = merged.network.unwrap();
        assert_eq!(network.mode.unwrap().value, "public");
        assert!(
            network.vpc_id.is_none(),
            "a kind change drops the base's children"
        );
        let obs = merged.observability.unwrap();
        assert_eq!(obs.log_retention_days.unwrap().value, 90);
        assert!(obs.tracing.unwrap().value, "unset fields keep the base");
        assert_eq!(obs.alarms[0].threshold.as_ref().unwrap().value, 5.0);
        assert_eq!(obs.alarms[0].metric.as_ref().unwrap().value, "Throttles");
        let env: Vec<(String, String)> = merged.agents[0]
            .env
            .iter()
            .map(|e| (e.key.value.clone(), e.value.value.clone()))
            .collect();
        assert_eq!(
            env,
            [("A", "1"), ("B", "3"), ("C", "4")].map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
    }
}
