//! The execution role's statements (docs/infrastructure.md, "The execution role's
//! statements"): decided here once, so CloudFormation, CDK and Terraform grant the same.

use agentc_ir::{Condition, LogicalId, SecretRef, SecretStore, Statement, Template};
use agentc_syntax::ast::Allow;

use crate::names::PROFILE_PREFIXES;

fn statement(sid: &str, actions: &[&str], resources: Vec<Template>) -> Statement {
    Statement {
        sid: sid.to_owned(),
        actions: actions.iter().map(|a| (*a).to_owned()).collect(),
        resources,
        conditions: Vec::new(),
        wildcard_reason: None,
    }
}

fn wildcard(sid: &str, actions: &[&str], reason: &str) -> Statement {
    Statement {
        wildcard_reason: Some(reason.to_owned()),
        ..statement(sid, actions, vec![Template::text("*")])
    }
}

/// The trust policy's conditions: only AgentCore, only from this account and region.
pub(crate) fn trust_conditions() -> Vec<Condition> {
    vec![
        Condition {
            operator: "StringEquals".to_owned(),
            key: "aws:SourceAccount".to_owned(),
            values: vec![Template::parse("{account}")],
        },
        Condition {
            operator: "ArnLike".to_owned(),
            key: "aws:SourceArn".to_owned(),
            values: vec![Template::parse(
                "arn:{partition}:bedrock-agentcore:{region}:{account}:*",
            )],
        },
    ]
}

/// The model resources `bedrock:InvokeModel*` needs for `model`.
fn model_resources(model: &str) -> Vec<Template> {
    if model.starts_with("arn:") {
        return vec![Template::text(model)];
    }
    match model.split_once('.') {
        Some((prefix, base)) if PROFILE_PREFIXES.contains(&prefix) => vec![
            Template::parse(&format!(
                "arn:{{partition}}:bedrock:{{region}}:{{account}}:inference-profile/{model}"
            )),
            // A cross-region profile routes to the foundation model in any of its regions.
            Template::parse(&format!(
                "arn:{{partition}}:bedrock:*::foundation-model/{base}"
            )),
        ],
        _ => vec![Template::parse(&format!(
            "arn:{{partition}}:bedrock:{{region}}::foundation-model/{model}"
        ))],
    }
}

/// AgentCore names a runtime `{name}-{10 random characters}`, and its log groups and workload
/// identity after that id, so they can only be named with a trailing wildcard.
const RUNTIME_ID_REASON: &str =
    "the runtime's id is its name plus a suffix AgentCore chooses at creation";

/// Why each statement agentc writes holds a wildcard, where the place it is built does not
/// already say.
fn wildcard_reason_of(sid: &str) -> Option<&'static str> {
    Some(match sid {
        "RuntimeLogGroups" | "RuntimeLogStreams" | "WorkloadIdentity" => RUNTIME_ID_REASON,
        "InvokeModels" => {
            "a cross-region inference profile routes to its foundation model in any of the profile's regions"
        }
        "ReadSecrets" => "Secrets Manager appends six random characters to a secret's ARN",
        _ => return None,
    })
}

fn has_wildcard(t: &Template) -> bool {
    t.0.iter().any(
        |p| matches!(p, agentc_ir::Part::Text(text) if text.contains('*') || text.contains('?')),
    )
}

/// Every statement of one agent's role.
pub(crate) fn statements(
    repository: &LogicalId,
    runtime_name: &str,
    models: &[String],
    secrets: &[SecretRef],
    allows: &[Allow],
) -> Vec<Statement> {
    let logs = format!(
        "arn:{{partition}}:logs:{{region}}:{{account}}:log-group:/aws/bedrock-agentcore/runtimes/{runtime_name}-*"
    );
    let mut out = vec![
        statement(
            "EcrImagePull",
            &[
                "ecr:BatchGetImage",
                "ecr:GetDownloadUrlForLayer",
                "ecr:BatchCheckLayerAvailability",
            ],
            vec![Template::arn_of(repository)],
        ),
        wildcard(
            "EcrAuthToken",
            &["ecr:GetAuthorizationToken"],
            "ecr:GetAuthorizationToken has no resource-level permissions",
        ),
        statement(
            "RuntimeLogGroups",
            &["logs:CreateLogGroup", "logs:DescribeLogStreams"],
            vec![Template::parse(&logs)],
        ),
        Statement {
            wildcard_reason: Some(
                "logs:DescribeLogGroups lists every group; it cannot be scoped to one".to_owned(),
            ),
            ..statement(
                "DescribeLogGroups",
                &["logs:DescribeLogGroups"],
                vec![Template::parse(
                    "arn:{partition}:logs:{region}:{account}:log-group:*",
                )],
            )
        },
        statement(
            "RuntimeLogStreams",
            &["logs:CreateLogStream", "logs:PutLogEvents"],
            vec![Template::parse(&format!("{logs}:log-stream:*"))],
        ),
        wildcard(
            "XRayTraces",
            &[
                "xray:PutTraceSegments",
                "xray:PutTelemetryRecords",
                "xray:GetSamplingRules",
                "xray:GetSamplingTargets",
            ],
            "X-Ray has no resource-level permissions for these actions",
        ),
        Statement {
            conditions: vec![Condition {
                operator: "StringEquals".to_owned(),
                key: "cloudwatch:namespace".to_owned(),
                values: vec![Template::text("bedrock-agentcore")],
            }],
            ..wildcard(
                "AgentMetrics",
                &["cloudwatch:PutMetricData"],
                "cloudwatch:PutMetricData has no resources; the condition limits it to the bedrock-agentcore namespace",
            )
        },
        statement(
            "WorkloadIdentity",
            &[
                "bedrock-agentcore:GetWorkloadAccessToken",
                "bedrock-agentcore:GetWorkloadAccessTokenForJWT",
                "bedrock-agentcore:GetWorkloadAccessTokenForUserId",
            ],
            vec![
                Template::parse(
                    "arn:{partition}:bedrock-agentcore:{region}:{account}:workload-identity-directory/default",
                ),
                Template::parse(&format!(
                    "arn:{{partition}}:bedrock-agentcore:{{region}}:{{account}}:workload-identity-directory/default/workload-identity/{runtime_name}-*"
                )),
            ],
        ),
    ];
    let mut model_arns: Vec<Template> = models.iter().flat_map(|m| model_resources(m)).collect();
    model_arns.dedup();
    out.push(statement(
        "InvokeModels",
        &[
            "bedrock:InvokeModel",
            "bedrock:InvokeModelWithResponseStream",
        ],
        model_arns,
    ));
    let secret_arns: Vec<Template> = secrets
        .iter()
        .filter(|s| s.store == SecretStore::SecretsManager)
        .map(|s| {
            if s.id.starts_with("arn:") {
                Template::text(&s.id)
            } else {
                // Secrets Manager appends six random characters to a secret's ARN.
                Template::parse(&format!(
                    "arn:{{partition}}:secretsmanager:{{region}}:{{account}}:secret:{}-??????",
                    s.id
                ))
            }
        })
        .collect();
    if !secret_arns.is_empty() {
        out.push(statement(
            "ReadSecrets",
            &["secretsmanager:GetSecretValue"],
            secret_arns,
        ));
    }
    let parameter_arns: Vec<Template> = secrets
        .iter()
        .filter(|s| s.store == SecretStore::SsmParameter)
        .map(|s| {
            if s.id.starts_with("arn:") {
                Template::text(&s.id)
            } else {
                Template::parse(&format!(
                    "arn:{{partition}}:ssm:{{region}}:{{account}}:parameter/{}",
                    s.id.trim_start_matches('/')
                ))
            }
        })
        .collect();
    if !parameter_arns.is_empty() {
        out.push(statement(
            "ReadParameters",
            &["ssm:GetParameter", "ssm:GetParameters"],
            parameter_arns,
        ));
    }
    for (i, allow) in allows.iter().enumerate() {
        let on = allow.on.as_ref().map_or("*", |o| o.value.as_str());
        let actions: Vec<&str> = allow.actions.iter().map(|a| a.value.as_str()).collect();
        let mut s = statement(
            &format!("Spec{}", i + 1),
            &actions,
            vec![Template::text(on)],
        );
        if on.contains('*') || on.contains('?') {
            s.wildcard_reason = allow.because.as_ref().map(|b| b.value.clone());
        }
        out.push(s);
    }
    for s in &mut out {
        if s.wildcard_reason.is_none() && s.resources.iter().any(has_wildcard) {
            s.wildcard_reason = wildcard_reason_of(&s.sid).map(str::to_owned);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wildcard_agentc_writes_has_a_reason() {
        let repo = LogicalId::new("ARepository").unwrap();
        let secrets = [SecretRef {
            name: "K".into(),
            store: SecretStore::SecretsManager,
            id: "app/k".into(),
        }];
        let models = ["us.anthropic.claude-sonnet-4-5-20250929-v1:0".to_owned()];
        for s in statements(&repo, "a_dev", &models, &secrets, &[]) {
            if s.resources.iter().any(has_wildcard) {
                assert!(
                    s.wildcard_reason.is_some(),
                    "{} has a wildcard and no reason",
                    s.sid
                );
            }
            assert!(
                s.actions.iter().all(|a| !a.ends_with(":*") && a != "*"),
                "{}",
                s.sid
            );
        }
    }

    #[test]
    fn inference_profiles_grant_the_profile_and_its_foundation_model() {
        let r = model_resources("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
        assert_eq!(r.len(), 2);
        assert!(format!("{:?}", r[0]).contains("inference-profile/us.anthropic"));
        assert!(format!("{:?}", r[1]).contains("foundation-model/anthropic.claude"));
        let r = model_resources("anthropic.claude-3-5-haiku-20241022-v1:0");
        assert_eq!(r.len(), 1);
    }
}
