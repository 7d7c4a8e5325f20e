//! Logs and traces: the KMS key of the log groups (`LogKey`), each agent's owned log group,
//! and the CloudWatch Logs deliveries that route the runtime's application logs to it (and,
//! with `tracing #true`, its traces to X-Ray).

use agentc_ir::Agent;

use crate::intrinsics::{get_att, one_or_many, reference, sub};
use crate::model::{Json, Object, Resource, Template, arr, obj};
use crate::stack::{Stack, has_image};
use crate::suppress::Concern;

/// The key policy statement that lets the account administer a key it owns.
pub(crate) fn account_administers_key() -> Json {
    obj! {
        "Sid" => "AccountAdministersKey",
        "Effect" => "Allow",
        "Principal" => obj! { "AWS" => sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root") },
        "Action" => "kms:*",
        "Resource" => "*",
    }
    .into()
}

/// `LogKey`: encrypts every owned log group; CloudWatch Logs may use it for those groups only.
pub(crate) fn key(stack: &Stack<'_>, t: &mut Template) {
    let d = stack.d;
    // The folders of the owned log groups (one per stack today): `…/{stack}/*`.
    let mut folders: Vec<&str> = Vec::new();
    for agent in &d.agents {
        let dir = agent
            .log_group_name
            .rsplit_once('/')
            .map_or(agent.log_group_name.as_str(), |(dir, _)| dir);
        if !folders.contains(&dir) {
            folders.push(dir);
        }
    }
    let arns = folders
        .iter()
        .map(|dir| sub(format!("arn:${{AWS::Partition}}:logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:{dir}/*")))
        .collect();
    let logs_use_key = obj! {
        "Sid" => "CloudWatchLogsUseKey",
        "Effect" => "Allow",
        "Principal" => obj! { "Service" => sub("logs.${AWS::Region}.amazonaws.com") },
        "Action" => arr!["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        "Resource" => "*",
        "Condition" => obj! { "ArnLike" => obj! { "kms:EncryptionContext:aws:logs:arn" => one_or_many(arns) } },
    };
    let properties = obj! {
        "Description" => stack.describe("encrypts the agents' CloudWatch Logs log groups"),
        "EnableKeyRotation" => true,
        "KeyPolicy" => obj! {
            "Version" => "2012-10-17",
            "Statement" => arr![account_administers_key(), logs_use_key],
        },
        "Tags" => stack.tags(),
    };
    // A retained, encrypted log group needs its key.
    t.add(
        d.ids.log_key.as_str(),
        Resource::new("AWS::KMS::Key", properties).retention(stack.retention()),
    );
}

/// `{A}LogGroup`: the runtime's logs, kept as long as the spec says, encrypted with `LogKey`.
pub(crate) fn log_group(stack: &Stack<'_>, agent: &Agent, t: &mut Template) {
    let properties = obj! {
        "LogGroupName" => agent.log_group_name.as_str(),
        "RetentionInDays" => stack.d.observability.log_retention_days,
        "KmsKeyId" => get_att(stack.d.ids.log_key.as_str(), "Arn"),
        "Tags" => stack.tags(),
    };
    let resource = Resource::new("AWS::Logs::LogGroup", properties)
        .retention(stack.retention())
        .metadata(stack.metadata(Concern::LogGroup, Object::new(), Vec::new()));
    t.add(agent.ids.log_group.as_str(), resource);
}

/// The delivery source, destination and delivery of the application logs, and of the traces
/// when tracing is on. All wait for the image (the source is the runtime).
pub(crate) fn deliveries(stack: &Stack<'_>, agent: &Agent, t: &mut Template) {
    let ids = &agent.ids;
    let names = &agent.names;
    let source = |name: &str, log_type: &str| {
        obj! {
            "Name" => name,
            "LogType" => log_type,
            "ResourceArn" => get_att(ids.runtime.as_str(), "AgentRuntimeArn"),
            "Tags" => stack.tags(),
        }
    };
    let delivery = |source: &str, destination: &str| {
        obj! {
            "DeliverySourceName" => reference(source),
            "DeliveryDestinationArn" => get_att(destination, "Arn"),
            "Tags" => stack.tags(),
        }
    };
    let conditional =
        |kind, properties| Resource::new(kind, properties).condition(has_image(agent));

    t.add(
        ids.log_source.as_str(),
        conditional(
            "AWS::Logs::DeliverySource",
            source(&names.log_source, "APPLICATION_LOGS"),
        ),
    );
    let destination = obj! {
        "Name" => names.log_destination.as_str(),
        "DeliveryDestinationType" => "CWL",
        "DestinationResourceArn" => get_att(ids.log_group.as_str(), "Arn"),
        "Tags" => stack.tags(),
    };
    t.add(
        ids.log_destination.as_str(),
        conditional("AWS::Logs::DeliveryDestination", destination),
    );
    t.add(
        ids.log_delivery.as_str(),
        conditional(
            "AWS::Logs::Delivery",
            delivery(ids.log_source.as_str(), ids.log_destination.as_str()),
        ),
    );
    if !stack.d.observability.tracing {
        return;
    }
    t.add(
        ids.trace_source.as_str(),
        conditional(
            "AWS::Logs::DeliverySource",
            source(&names.trace_source, "TRACES"),
        ),
    );
    let destination = obj! {
        "Name" => names.trace_destination.as_str(),
        "DeliveryDestinationType" => "XRAY",
        "Tags" => stack.tags(),
    };
    t.add(
        ids.trace_destination.as_str(),
        conditional("AWS::Logs::DeliveryDestination", destination),
    );
    t.add(
        ids.trace_delivery.as_str(),
        conditional(
            "AWS::Logs::Delivery",
            delivery(ids.trace_source.as_str(), ids.trace_destination.as_str()),
        ),
    );
}
