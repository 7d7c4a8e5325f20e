//! Who may reach the runtimes: the Cognito user pool and app client agentc creates for
//! `auth "cognito" { user-pool "create" }`, and the runtime security group for
//! `network "vpc"` with `ingress-from`. The runtime's own network and authorizer settings are
//! rendered here too, for [`crate::runtime`].

use agentc_ir::{Auth, Network};

use crate::intrinsics::{reference, sub};
use crate::model::{Json, Object, Resource, Template, arr, obj};
use crate::stack::Stack;

/// `UserPool` and `UserPoolClient`, when the stack creates the pool.
pub(crate) fn user_pool(stack: &Stack<'_>, t: &mut Template) {
    if stack.d.auth != Auth::CognitoCreate {
        return;
    }
    let ids = &stack.d.ids;
    let pool = obj! {
        "UserPoolName" => format!("{}-users", stack.d.stack_name),
        "AdminCreateUserConfig" => obj! { "AllowAdminCreateUserOnly" => true },
        "Policies" => obj! {
            "PasswordPolicy" => obj! {
                "MinimumLength" => 12u32,
                "RequireUppercase" => true,
                "RequireLowercase" => true,
                "RequireNumbers" => true,
                "RequireSymbols" => true,
            },
        },
        "MfaConfiguration" => "OPTIONAL",
        "EnabledMfas" => arr!["SOFTWARE_TOKEN_MFA"],
        "UserPoolTier" => "PLUS",
        "UserPoolAddOns" => obj! { "AdvancedSecurityMode" => "ENFORCED" },
        "UserPoolTags" => stack.tag_map(),
    };
    t.add(
        ids.user_pool.as_str(),
        Resource::new("AWS::Cognito::UserPool", pool).retention(stack.retention()),
    );
    let client = obj! {
        "UserPoolId" => reference(ids.user_pool.as_str()),
        "GenerateSecret" => false,
        "ExplicitAuthFlows" => arr!["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    };
    t.add(
        ids.user_pool_client.as_str(),
        Resource::new("AWS::Cognito::UserPoolClient", client),
    );
}

/// Whether the stack creates `RuntimeSecurityGroup`.
fn creates_security_group(network: &Network) -> bool {
    matches!(network, Network::Vpc { ingress_from, .. } if !ingress_from.is_empty())
}

/// `RuntimeSecurityGroup`: the agents' ports from each `ingress-from` group only; HTTPS out.
pub(crate) fn security_group(stack: &Stack<'_>, t: &mut Template) {
    let Network::Vpc {
        vpc_id,
        ingress_from,
        ..
    } = &stack.d.network
    else {
        return;
    };
    if !creates_security_group(&stack.d.network) {
        return;
    }
    let mut ports: Vec<u32> = Vec::new();
    for agent in &stack.d.agents {
        if !ports.contains(&agent.protocol.port()) {
            ports.push(agent.protocol.port());
        }
    }
    let mut ingress = Vec::new();
    for &p in &ports {
        for group in ingress_from {
            let description = if ports.len() == 1 {
                format!("Agent port from {group}")
            } else {
                format!("Agent port {p} from {group}")
            };
            ingress.push(Json::from(obj! {
                "Description" => description,
                "IpProtocol" => "tcp",
                "FromPort" => p,
                "ToPort" => p,
                "SourceSecurityGroupId" => group.as_str(),
            }));
        }
    }
    let properties = obj! {
        "GroupDescription" => stack.describe("AgentCore runtimes"),
        "VpcId" => vpc_id.as_str(),
        "SecurityGroupIngress" => ingress,
        "SecurityGroupEgress" => arr![obj! {
            "Description" => "HTTPS to AWS APIs (ECR, Bedrock, CloudWatch, X-Ray)",
            "IpProtocol" => "tcp",
            "FromPort" => 443u32,
            "ToPort" => 443u32,
            "CidrIp" => "0.0.0.0/0",
        }],
        "Tags" => stack.tags(),
    };
    t.add(
        stack.d.ids.runtime_security_group.as_str(),
        Resource::new("AWS::EC2::SecurityGroup", properties),
    );
}

/// The runtime's `NetworkConfiguration`.
pub(crate) fn network_configuration(stack: &Stack<'_>) -> Object {
    match &stack.d.network {
        Network::Public => obj! { "NetworkMode" => "PUBLIC" },
        Network::Vpc {
            subnets,
            security_groups,
            ..
        } => {
            let mut groups = Vec::new();
            if creates_security_group(&stack.d.network) {
                groups.push(reference(stack.d.ids.runtime_security_group.as_str()));
            }
            groups.extend(security_groups.iter().map(Json::from));
            obj! {
                "NetworkMode" => "VPC",
                "NetworkModeConfig" => obj! {
                    "SecurityGroups" => groups,
                    "Subnets" => Json::Array(subnets.iter().map(Json::from).collect()),
                },
            }
        }
    }
}

/// The runtime's `AuthorizerConfiguration`; none for IAM (SigV4).
pub(crate) fn authorizer_configuration(stack: &Stack<'_>) -> Option<Object> {
    let list = |items: &[String]| {
        (!items.is_empty()).then(|| Json::Array(items.iter().map(Json::from).collect()))
    };
    let jwt = match &stack.d.auth {
        Auth::Iam => return None,
        Auth::CognitoCreate => obj! {
            "DiscoveryUrl" => sub(format!("https://cognito-idp.${{AWS::Region}}.amazonaws.com/${{{}}}/.well-known/openid-configuration", stack.d.ids.user_pool)),
            "AllowedClients" => arr![reference(stack.d.ids.user_pool_client.as_str())],
        },
        Auth::Jwt {
            discovery_url,
            allowed_clients,
            allowed_audiences,
        } => obj! { "DiscoveryUrl" => discovery_url.as_str() }
            .with_some("AllowedClients", list(allowed_clients))
            .with_some("AllowedAudience", list(allowed_audiences)),
    };
    Some(obj! { "CustomJWTAuthorizer" => jwt })
}
