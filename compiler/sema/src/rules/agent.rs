//! `agent`: AgentCore's own limits (runtime name, env vars, lifecycle, description), the
//! files the image is built from, models, and secrets (credentials never as plain values).

use agentc_diagnostics::{Code, Diagnostic, Diagnostics};
use agentc_ir::{Framework, Protocol};
use agentc_syntax::ast::{Agent, Layer, SecretStore, Spanned};

use super::{EnvContext, missing, one_of};
use crate::lower::{DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_LIFETIME};
use crate::names;

/// AgentCore takes at most 50 environment variables.
const MAX_ENV_VARS: usize = 50;
/// Longest env var value AgentCore takes.
const MAX_ENV_VALUE: usize = 2048;
/// Longest env var name AgentCore takes.
const MAX_ENV_KEY: usize = 128;
/// Lifecycle bounds in seconds.
const LIFECYCLE: std::ops::RangeInclusive<u64> = 60..=28_800;
/// Longest description CloudFormation takes (the API allows more).
const MAX_DESCRIPTION: usize = 1200;

pub(super) fn check(layer: &Layer, env: &EnvContext<'_>, diags: &mut Diagnostics) {
    if layer.agents.is_empty() {
        diags.push(missing(
            env.file_end,
            "at least one `agent`",
            "agent \"support_agent\" { entrypoint \"agent/app.py\"; model \"…\" }",
        ));
    }
    for agent in &layer.agents {
        check_name(agent, env, diags);
        check_files(agent, env, diags);
        check_models(agent, diags);
        if let Some(framework) = &agent.framework {
            one_of(framework, "framework", Framework::NAMES, diags);
        }
        if let Some(protocol) = &agent.protocol {
            one_of(protocol, "protocol", Protocol::NAMES, diags);
        }
        if let Some(d) = &agent.description {
            let len = d.value.chars().count();
            if len > MAX_DESCRIPTION || len == 0 {
                diags.push(
                    Diagnostic::new(
                        Code::LimitsDescriptionLength,
                        format!("the description is {len} characters; AgentCore takes 1–{MAX_DESCRIPTION}"),
                    )
                    .at(d.span, "description")
                    .help(if len == 0 {
                        "write a sentence, or remove `description`"
                    } else {
                        "shorten it; the README of the agent is the place for more"
                    }),
                );
            }
        }
        check_env(agent, diags);
        check_secrets(agent, diags);
        check_lifecycle(agent, diags);
    }
}

fn check_name(agent: &Agent, env: &EnvContext<'_>, diags: &mut Diagnostics) {
    let name = &agent.name;
    let runtime = names::runtime_name(&name.value, env.name);
    let valid_chars = name.value.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid_chars {
        let fixed = names::underscore_form(&name.value);
        diags.push(
            Diagnostic::new(
                Code::LimitsRuntimeName,
                format!(
                    "agent name `{}` cannot name an AgentCore runtime",
                    name.value
                ),
            )
            .at(
                name.span,
                "letters, digits and `_` only, starting with a letter",
            )
            .help(format!(
                "AgentCore runtime names match ^[a-zA-Z][a-zA-Z0-9_]{{0,47}}$: write `{fixed}`"
            )),
        );
    } else if runtime.len() > 48 {
        diags.push(
            Diagnostic::new(
                Code::LimitsRuntimeName,
                format!(
                    "runtime name `{runtime}` is {} characters; AgentCore allows 48",
                    runtime.len()
                ),
            )
            .at(name.span, "too long with the environment suffix")
            .help(format!(
                "agentc names the runtime `<agent>_<environment>`; shorten the agent name to at most {} characters",
                48usize.saturating_sub(env.name.len() + 1)
            )),
        );
    }
}

fn check_files(agent: &Agent, env: &EnvContext<'_>, diags: &mut Diagnostics) {
    match &agent.entrypoint {
        None => diags.push(missing(
            agent.name.span,
            format!("an `entrypoint` for agent `{}`", agent.name.value).as_str(),
            "entrypoint \"agent/app.py\"",
        )),
        Some(entry) => {
            file_exists(entry, "entrypoint", env, diags);
            if agent.dockerfile.is_none() {
                let dockerfile = names::default_dockerfile(&entry.value);
                if !env.spec_dir.join(&dockerfile).is_file() {
                    diags.push(
                        Diagnostic::new(
                            Code::FilesMissing,
                            format!("no Dockerfile beside the entrypoint (`{dockerfile}`)"),
                        )
                        .at(entry.span, "the image is built from this folder")
                        .help("add a Dockerfile there (`agentc init` writes one), or name it with `dockerfile \"path\"`"),
                    );
                }
            }
        }
    }
    if let Some(req) = &agent.requirements {
        file_exists(req, "requirements", env, diags);
    }
    if let Some(dockerfile) = &agent.dockerfile {
        file_exists(dockerfile, "dockerfile", env, diags);
    }
}

fn file_exists(path: &Spanned<String>, what: &str, env: &EnvContext<'_>, diags: &mut Diagnostics) {
    if !env.spec_dir.join(&path.value).is_file() {
        diags.push(
            Diagnostic::new(
                Code::FilesMissing,
                format!("the {what} file `{}` does not exist", path.value),
            )
            .at(path.span, "no such file")
            .help("paths are relative to the folder of the spec file"),
        );
    }
}

fn check_models(agent: &Agent, diags: &mut Diagnostics) {
    let Some(models) = &agent.models else {
        diags.push(missing(
            agent.name.span,
            format!("a `model` for agent `{}`", agent.name.value).as_str(),
            "model \"us.anthropic.claude-sonnet-4-5-20250929-v1:0\"",
        ));
        return;
    };
    for model in &models.items {
        if !names::is_model_id(&model.value) {
            diags.push(
                Diagnostic::new(
                    Code::ModelInvalidId,
                    format!("`{}` is not a Bedrock model id, inference profile id or ARN", model.value),
                )
                .at(model.span, "not a model id")
                .help("write the id Bedrock lists, e.g. \"anthropic.claude-3-5-haiku-20241022-v1:0\" or the inference profile \"us.anthropic.claude-sonnet-4-5-20250929-v1:0\""),
            );
        }
    }
}

fn check_env(agent: &Agent, diags: &mut Diagnostics) {
    // MODEL_ID is what the agent invokes; the role may invoke only the declared models.
    if let (Some(model_id), Some(models)) = (
        agent.env.iter().find(|e| e.key.value == "MODEL_ID"),
        &agent.models,
    ) && !models.items.iter().any(|m| m.value == model_id.value.value)
    {
        diags.push(
            Diagnostic::new(
                Code::ModelInvalidId,
                format!("MODEL_ID `{}` is not one of the agent's models, so the role may not invoke it", model_id.value.value),
            )
            .at(model_id.value.span, "not a declared model")
            .also(models.span, "the models the role may invoke")
            .help("remove the MODEL_ID variable (agentc sets it to the first `model`), or add this id to `model`"),
        );
    }
    // MODEL_ID and one `*_SECRET_REF` per secret count against the limit too.
    let total = agent.env.len()
        + agent.secrets.len()
        + usize::from(!agent.env.iter().any(|e| e.key.value == "MODEL_ID"));
    if total > MAX_ENV_VARS {
        diags.push(
            Diagnostic::new(
                Code::LimitsEnvCount,
                format!("agent `{}` would have {total} environment variables; AgentCore takes {MAX_ENV_VARS}", agent.name.value),
            )
            .at(agent.name.span, "too many environment variables")
            .help("MODEL_ID and one NAME_SECRET_REF per secret are counted too; move configuration into a file or a parameter"),
        );
    }
    for entry in &agent.env {
        let key = &entry.key;
        if !names::is_env_key(&key.value) || key.value.len() > MAX_ENV_KEY {
            diags.push(
                Diagnostic::new(
                    Code::LimitsEnvKey,
                    format!(
                        "`{}` is not a name AgentCore takes for an environment variable",
                        key.value
                    ),
                )
                .at(key.span, "invalid name")
                .help("names match ^[a-zA-Z_][a-zA-Z0-9_]*$ and are at most 128 characters"),
            );
        }
        let value = &entry.value;
        if value.value.chars().count() > MAX_ENV_VALUE {
            diags.push(
                Diagnostic::new(
                    Code::LimitsEnvValueLength,
                    format!(
                        "the value of `{}` is {} characters; AgentCore takes {MAX_ENV_VALUE}",
                        key.value,
                        value.value.chars().count()
                    ),
                )
                .at(value.span, "too long")
                .help("pass large configuration as a file in the image, or by reference"),
            );
        }
        if let Some(kind) = names::credential_kind(&value.value) {
            diags.push(
                Diagnostic::new(
                    Code::SecretsCredentialValue,
                    format!("the value of `{}` looks like {kind}", key.value),
                )
                .at(value.span, "a credential in plain text")
                .help(format!(
                    "store it in Secrets Manager and write `secret \"{}\" secrets-manager=\"<secret name>\"` instead; the template must never hold it",
                    key.value
                )),
            );
        } else if names::credential_name(&key.value) {
            diags.push(
                Diagnostic::new(
                    Code::SecretsCredentialName,
                    format!("`{}` is named like a credential but is passed as a plain value", key.value),
                )
                .at(key.span, "named like a credential")
                .help(format!(
                    "if it is a secret, write `secret \"{}\" secrets-manager=\"<secret name>\"`; if not, suppress this warning with a reason",
                    key.value
                )),
            );
        }
    }
}

fn check_secrets(agent: &Agent, diags: &mut Diagnostics) {
    for secret in &agent.secrets {
        let name = &secret.name;
        if !names::is_env_key(&name.value) {
            diags.push(
                Diagnostic::new(
                    Code::LimitsEnvKey,
                    format!(
                        "secret name `{}` cannot name an environment variable",
                        name.value
                    ),
                )
                .at(name.span, "invalid name")
                .help("names match ^[a-zA-Z_][a-zA-Z0-9_]*$; the runtime receives NAME_SECRET_REF"),
            );
        }
        if let Some(clash) = agent.env.iter().find(|e| {
            e.key.value == name.value || e.key.value == format!("{}_SECRET_REF", name.value)
        }) {
            diags.push(
                Diagnostic::new(
                    Code::SecretsNameConflict,
                    format!(
                        "`{}` is both a secret and an environment variable",
                        name.value
                    ),
                )
                .at(clash.key.span, "plain variable")
                .also(name.span, "secret")
                .help("keep the secret and remove the plain variable"),
            );
        }
        if let Some((store, id)) = &secret.source {
            let ok = match store {
                SecretStore::SecretsManager => names::is_secrets_manager_id(&id.value),
                SecretStore::SsmParameter => names::is_ssm_parameter(&id.value),
            };
            if !ok {
                let (what, help) = match store {
                    SecretStore::SecretsManager => (
                        "a Secrets Manager secret name or ARN",
                        "names use letters, digits and /_+=.@- (1–512); ARNs are arn:aws:secretsmanager:<region>:<account>:secret:<name>",
                    ),
                    SecretStore::SsmParameter => (
                        "an SSM parameter name or ARN",
                        "names use letters, digits and _.-/ (e.g. /support-desk/api-key); ARNs are arn:aws:ssm:<region>:<account>:parameter/<name>",
                    ),
                };
                diags.push(
                    Diagnostic::new(
                        Code::SecretsInvalidReference,
                        format!("`{}` is not {what}", id.value),
                    )
                    .at(id.span, "invalid reference")
                    .help(help),
                );
            }
        }
    }
}

fn check_lifecycle(agent: &Agent, diags: &mut Diagnostics) {
    let Some(lifecycle) = &agent.lifecycle else {
        return;
    };
    for (field, name) in [
        (&lifecycle.idle_timeout, "idle-timeout"),
        (&lifecycle.max_lifetime, "max-lifetime"),
    ] {
        if let Some(v) = field
            && !LIFECYCLE.contains(&v.value)
        {
            diags.push(
                Diagnostic::new(
                    Code::LimitsLifecycleRange,
                    format!(
                        "`{name}` is {} seconds; AgentCore takes 60–28800 (1 minute to 8 hours)",
                        v.value
                    ),
                )
                .at(v.span, "out of range")
                .help("choose a duration between \"1m\" and \"8h\""),
            );
        }
    }
    // Compare the effective values: an unset field takes AgentCore's default.
    let idle = lifecycle
        .idle_timeout
        .as_ref()
        .map_or(u64::from(DEFAULT_IDLE_TIMEOUT), |v| v.value);
    let max = lifecycle
        .max_lifetime
        .as_ref()
        .map_or(u64::from(DEFAULT_MAX_LIFETIME), |v| v.value);
    if idle > max {
        let mut d = Diagnostic::new(
            Code::LimitsLifecycleOrder,
            format!("the idle timeout ({idle} s) is longer than the maximum lifetime ({max} s)"),
        );
        d = match (&lifecycle.idle_timeout, &lifecycle.max_lifetime) {
            (Some(i), Some(m)) => d
                .at(i.span, "idle timeout")
                .also(m.span, "maximum lifetime"),
            (None, Some(m)) => d.at(m.span, "shorter than the default idle timeout of 15m"),
            (Some(i), None) => d.at(i.span, "longer than the default maximum lifetime of 8h"),
            (None, None) => d.at(lifecycle.span, "lifecycle"),
        };
        diags.push(d.help(
            "a session cannot idle longer than it may live: make idle-timeout ≤ max-lifetime (unset: 15m and 8h)",
        ));
    }
}
