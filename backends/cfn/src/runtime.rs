//! The image parameter and the AgentCore runtime.
//!
//! The runtime cannot be created before its image is in the repository, so each agent has a
//! parameter `{A}ImageRef` (a tag or a `sha256:` digest, empty by default) and a condition
//! `{A}HasImage`: the first deploy, with the parameter empty, creates the repository, role,
//! keys and log group; `agentc deploy` pushes the image and updates the stack with its digest,
//! which creates `{A}Runtime` and everything that hangs off it.

use agentc_ir::Agent;

use crate::intrinsics::{equals, fn_if, get_att, not, reference, sub};
use crate::model::{Json, Object, Resource, Template, arr, obj};
use crate::network_auth::{authorizer_configuration, network_configuration};
use crate::stack::{Stack, has_image};
use crate::suppress::Concern;

/// Empty, a digest, or a Docker tag other than `latest` — and other than `sha256`, which
/// `{A}ImageIsDigest` would take for a digest. Java regex semantics (CloudFormation's).
const IMAGE_REF_PATTERN: &str =
    "^$|^sha256:[a-f0-9]{64}$|^(?!latest$|sha256$)[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$";

/// `{A}ImageRef` and the conditions `{A}HasImage` and `{A}ImageIsDigest`.
pub(crate) fn parameters(agent: &Agent, t: &mut Template) {
    let ids = &agent.ids;
    let parameter = obj! {
        "Type" => "String",
        "Description" => format!(
            "Image of {} in {}: a tag or a sha256:<64 hex> digest. Empty (the default) deploys everything but the runtime.",
            agent.name, agent.repository.name
        ),
        "Default" => "",
        "AllowedPattern" => IMAGE_REF_PATTERN,
        "ConstraintDescription" => "must be empty, an image tag other than 'latest', or a sha256:<64 hex> digest",
    };
    t.parameters.insert(ids.image_ref.as_str(), parameter);
    let image_ref = || reference(ids.image_ref.as_str());
    t.conditions.insert(
        ids.has_image.as_str(),
        not(equals(image_ref(), Json::from(""))),
    );
    let scheme =
        obj! { "Fn::Select" => arr![0u32, obj! { "Fn::Split" => arr![":", image_ref()] }] };
    t.conditions.insert(
        ids.image_is_digest.as_str(),
        equals(scheme.into(), Json::from("sha256")),
    );
}

/// Rules refusing to deploy into another region than the spec's, or another account than the
/// one it pins (if it pins one): the names, ARNs and AZ-bound subnets assume them.
pub(crate) fn account_rule(stack: &Stack<'_>, t: &mut Template) {
    let region = stack.d.region.as_str();
    let assertion = obj! {
        "Assert" => equals(reference("AWS::Region"), Json::from(region)),
        "AssertDescription" => format!("the spec deploys to {region}: deploy this stack there"),
    };
    t.rules
        .insert("DeployRegion", obj! { "Assertions" => arr![assertion] });
    let Some(account) = &stack.d.account else {
        return;
    };
    let assertion = obj! {
        "Assert" => equals(reference("AWS::AccountId"), Json::from(account.as_str())),
        "AssertDescription" => format!("the spec pins account {account}: deploy this stack there"),
    };
    t.rules
        .insert("DeployAccount", obj! { "Assertions" => arr![assertion] });
}

/// `{A}Runtime`, once the image exists.
pub(crate) fn runtime(stack: &Stack<'_>, agent: &Agent, t: &mut Template) {
    let ids = &agent.ids;
    let uri = |separator: &str| {
        sub(format!(
            "${{{}.RepositoryUri}}{separator}${{{}}}",
            ids.repository, ids.image_ref
        ))
    };
    let mut properties = obj! { "AgentRuntimeName" => agent.runtime_name.as_str() }
        .with_some("Description", agent.description.as_deref())
        .with(
            "AgentRuntimeArtifact",
            obj! { "ContainerConfiguration" => obj! { "ContainerUri" => fn_if(ids.image_is_digest.as_str(), uri("@"), uri(":")) } },
        )
        .with("RoleArn", get_att(ids.role.as_str(), "Arn"))
        .with("NetworkConfiguration", network_configuration(stack))
        .with_some("AuthorizerConfiguration", authorizer_configuration(stack))
        .with("ProtocolConfiguration", agent.protocol.aws_name());
    if !agent.env.is_empty() {
        let mut env = Object::new();
        for (key, value) in &agent.env {
            env.insert(key.as_str(), value.as_str());
        }
        properties.insert("EnvironmentVariables", env);
    }
    properties.insert(
        "LifecycleConfiguration",
        obj! { "IdleRuntimeSessionTimeout" => agent.lifecycle.idle_timeout, "MaxLifetime" => agent.lifecycle.max_lifetime },
    );
    properties.insert("Tags", stack.tag_map());
    // `RoleArn` already orders the runtime after the role; the policy must be attached before
    // AgentCore validates the role (listing the role as well is cfn-lint W3005).
    let resource = Resource::new("AWS::BedrockAgentCore::Runtime", properties)
        .condition(has_image(agent))
        .depends_on(&[ids.role_policy.as_str()])
        .metadata(stack.metadata(Concern::Runtime, Object::new(), Vec::new()));
    t.add(ids.runtime.as_str(), resource);
}
