//! Properties every template must have, checked over the deployments of every good golden
//! spec (`golden/*/spec.kdl` without expected diagnostics), every environment.

use std::path::{Path, PathBuf};

use agentc_diagnostics::{Code, Diagnostics, SourceFile};
use agentc_ir::{Deployment, EmitOptions, SecretStore};
use agentc_sema::EnvSelection;

use crate::model::{Json, Object, Template};

fn golden_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../golden")
}

/// `(case/environment, deployment)` of every good golden case.
fn deployments() -> Vec<(String, Deployment)> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(golden_root())
        .expect("golden/ exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.join("spec.kdl").is_file() && !p.join("diagnostics.txt").exists())
        .collect();
    cases.sort();
    let mut out = Vec::new();
    for case in cases {
        let name = case
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(case.join("spec.kdl")).expect("read spec");
        let file = SourceFile::new(format!("golden/{name}/spec.kdl"), text);
        let mut diags = Diagnostics::new();
        let spec = agentc_syntax::parse(&file, &mut diags)
            .unwrap_or_else(|| panic!("{name}: does not parse"));
        let analysis = agentc_sema::analyze(&spec, &case, EnvSelection::All, &mut diags);
        assert!(!diags.has_errors(), "{name}: the spec has errors");
        assert_eq!(
            analysis.deployments.len(),
            analysis.environments.len(),
            "{name}: an environment did not lower"
        );
        out.extend(
            analysis
                .deployments
                .into_iter()
                .map(|d| (format!("{name}/{}", d.environment), d)),
        );
    }
    assert!(
        out.len() >= 10,
        "expected the good golden cases, found {}",
        out.len()
    );
    out
}

fn build(d: &Deployment) -> Template {
    crate::build(d).unwrap_or_else(|e| panic!("{}: {e:?}", d.stack_name))
}

fn props<'t>(t: &'t Template, id: &str) -> &'t Object {
    &t.resource(id)
        .unwrap_or_else(|| panic!("no resource {id}"))
        .properties
}

fn at<'j>(o: &'j Object, path: &[&str]) -> Option<&'j Json> {
    let (first, rest) = path.split_first()?;
    rest.iter()
        .try_fold(o.get(first)?, |j, key| j.as_object()?.get(key))
}

fn many(j: &Json) -> Vec<&Json> {
    match j {
        Json::Array(items) => items.iter().collect(),
        one => vec![one],
    }
}

#[test]
fn role_policies_grant_no_wildcard_action_and_explain_every_wildcard_resource() {
    for (case, d) in deployments() {
        let t = build(&d);
        for agent in &d.agents {
            let policy = t
                .resource(agent.ids.role_policy.as_str())
                .expect("role policy");
            let explained: Vec<(&str, &str)> = at(&policy.metadata, &["agentc", "wildcards"])
                .and_then(Json::as_array)
                .unwrap_or_default()
                .iter()
                .filter_map(|w| {
                    let w = w.as_object()?;
                    Some((w.get("Sid")?.as_str()?, w.get("Reason")?.as_str()?))
                })
                .collect();
            let statements = at(&policy.properties, &["PolicyDocument", "Statement"])
                .and_then(Json::as_array)
                .expect("statements");
            for s in statements {
                let s = s.as_object().expect("statement");
                let sid = s.get("Sid").and_then(Json::as_str).expect("sid");
                for action in many(s.get("Action").expect("action")) {
                    let action = action.as_str().expect("action is text");
                    assert!(
                        action != "*" && !action.ends_with(":*"),
                        "{case}: {sid} grants `{action}`"
                    );
                }
                if many(s.get("Resource").expect("resource"))
                    .iter()
                    .any(|r| r.as_str() == Some("*"))
                {
                    assert!(
                        explained
                            .iter()
                            .any(|(w, reason)| *w == sid && !reason.trim().is_empty()),
                        "{case}: {sid} has Resource * but no reason in Metadata.agentc.wildcards"
                    );
                }
            }
        }
    }
}

#[test]
fn secrets_are_passed_by_reference_only() {
    for (case, d) in deployments() {
        let t = build(&d);
        for agent in &d.agents {
            let Some(runtime) = t.resource(agent.ids.runtime.as_str()) else {
                panic!("{case}: no runtime")
            };
            let env = runtime
                .properties
                .get("EnvironmentVariables")
                .and_then(Json::as_object)
                .cloned()
                .unwrap_or_default();
            for secret in &agent.secrets {
                assert!(
                    env.get(&secret.name).is_none(),
                    "{case}: secret {} is an environment variable",
                    secret.name
                );
                let expected = match secret.store {
                    SecretStore::SecretsManager => format!("secretsmanager:{}", secret.id),
                    SecretStore::SsmParameter => format!("ssm:{}", secret.id),
                };
                let key = format!("{}_SECRET_REF", secret.name);
                assert_eq!(
                    env.get(&key).and_then(Json::as_str),
                    Some(expected.as_str()),
                    "{case}: {key}"
                );
            }
        }
        for s in t.to_json().strings() {
            assert!(
                !looks_like_credential(s),
                "{case}: `{s}` looks like a credential"
            );
        }
    }
}

/// A PEM block or an AWS access key id.
fn looks_like_credential(s: &str) -> bool {
    let access_key = s.len() == 20
        && s.starts_with("AKIA")
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    s.contains("-----BEGIN") || access_key
}

#[test]
fn runtimes_wait_for_their_role_policy_and_image() {
    for (case, d) in deployments() {
        let t = build(&d);
        for agent in &d.agents {
            let runtime = t.resource(agent.ids.runtime.as_str()).expect("runtime");
            assert!(
                runtime
                    .depends_on
                    .iter()
                    .any(|id| id == agent.ids.role_policy.as_str()),
                "{case}: runtime does not depend on its policy"
            );
            assert_eq!(
                runtime.condition.as_deref(),
                Some(agent.ids.has_image.as_str()),
                "{case}: runtime without the image condition"
            );
        }
    }
}

#[test]
fn production_keeps_repositories_and_log_groups() {
    let mut seen_production = false;
    for (case, d) in deployments() {
        let t = build(&d);
        seen_production |= d.production;
        for agent in &d.agents {
            for id in [&agent.ids.repository, &agent.ids.log_group] {
                let r = t.resource(id.as_str()).expect("resource");
                let expected = if d.production {
                    crate::model::Retention::Retain
                } else {
                    crate::model::Retention::Delete
                };
                assert_eq!(r.retention, Some(expected), "{case}: {id}");
            }
            let empty_on_delete = props(&t, agent.ids.repository.as_str())
                .get("EmptyOnDelete")
                .cloned();
            assert_eq!(
                empty_on_delete,
                (!d.production).then_some(Json::Bool(true)),
                "{case}: EmptyOnDelete"
            );
        }
    }
    assert!(seen_production, "no production case");
}

#[test]
fn every_taggable_resource_carries_the_deployment_tags() {
    const UNTAGGABLE: &[&str] = &[
        "AWS::Cognito::UserPoolClient",
        "AWS::S3::BucketPolicy",
        "AWS::IAM::Policy",
    ];
    for (case, d) in deployments() {
        let t = build(&d);
        let stack = crate::stack::Stack::new(&d);
        for (id, r) in &t.resources {
            if UNTAGGABLE.contains(&r.kind) {
                continue;
            }
            let tags = r
                .properties
                .get("Tags")
                .or_else(|| r.properties.get("UserPoolTags"));
            let expected = match r.kind {
                "AWS::BedrockAgentCore::Runtime" | "AWS::Cognito::UserPool" => {
                    Json::Object(stack.tag_map())
                }
                _ => stack.tags(),
            };
            assert_eq!(tags, Some(&expected), "{case}: {id} ({}) tags", r.kind);
        }
    }
}

/// Targets of `Ref`, `Fn::GetAtt` and `${…}` in `Fn::Sub`.
fn references(j: &Json, out: &mut Vec<String>) {
    match j {
        Json::Object(o) => {
            for (k, v) in o.iter() {
                match (k, v) {
                    ("Ref", Json::Str(id)) => out.push(id.clone()),
                    ("Fn::GetAtt", Json::Array(a)) => {
                        out.extend(a.first().and_then(Json::as_str).map(str::to_owned))
                    }
                    ("Fn::Sub", Json::Str(text)) => {
                        let mut rest = text.as_str();
                        while let Some(start) = rest.find("${") {
                            let inner = &rest[start + 2..];
                            let end = inner.find('}').expect("closed ${");
                            if !inner.starts_with('!') {
                                out.push(
                                    inner[..end]
                                        .split('.')
                                        .next()
                                        .unwrap_or_default()
                                        .to_owned(),
                                );
                            }
                            rest = &inner[end..];
                        }
                    }
                    _ => references(v, out),
                }
            }
        }
        Json::Array(a) => a.iter().for_each(|v| references(v, out)),
        _ => {}
    }
}

#[test]
fn every_reference_names_something_the_template_declares() {
    for (case, d) in deployments() {
        let t = build(&d);
        let mut refs = Vec::new();
        references(&t.to_json(), &mut refs);
        for r in refs {
            let known = r.starts_with("AWS::")
                || t.resource(&r).is_some()
                || t.parameters.get(&r).is_some();
            assert!(known, "{case}: reference to undeclared `{r}`");
        }
    }
}

#[test]
fn suppression_reasons_reach_the_template() {
    let mut seen = false;
    for (case, d) in deployments() {
        let text = build(&d).to_json().to_pretty();
        for (code, reason) in &d.suppressions {
            seen = true;
            let quoted = Json::from(reason.as_str()).to_compact();
            assert!(
                text.contains(&quoted),
                "{case}: the reason for {code} is not in the template"
            );
        }
    }
    assert!(seen, "no golden case suppresses anything");
}

#[test]
fn compiling_twice_gives_the_same_bytes() {
    let options = EmitOptions {
        spec_dir: ".".into(),
    };
    for (case, d) in deployments() {
        let first = crate::emit(&d, &options).expect("emit");
        let second = crate::emit(&d.clone(), &options).expect("emit");
        assert_eq!(first, second, "{case}");
        let text = &first.files[crate::TEMPLATE_FILE];
        assert!(
            text.ends_with("}\n")
                && text.starts_with("{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n"),
            "{case}"
        );
    }
}

#[test]
fn a_non_finite_threshold_is_a_diagnostic_at_the_agent() {
    let (_, mut d) = deployments().into_iter().next().expect("a deployment");
    d.agents[0].alarms[0].threshold = f64::INFINITY;
    let diagnostics = crate::build(&d).expect_err("a non-finite threshold cannot be written");
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].code, Code::TargetUnsupported);
    let primary = diagnostics[0].primary.as_ref().expect("points at the spec");
    assert_eq!(primary.span, d.agents[0].origin);
}
