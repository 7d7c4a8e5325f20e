//! Alarms: the SNS topic they notify (with its own KMS key, `AlarmKey`), unless the spec names
//! a topic with `notify`, and one CloudWatch alarm per IR alarm on the runtime's metrics.

use agentc_ir::Agent;

use crate::intrinsics::{get_att, reference};
use crate::logs::account_administers_key;
use crate::model::{Json, Resource, Retention, Template, arr, obj};
use crate::stack::{Stack, has_image};

/// `AlarmKey` and `AlarmTopic`, when the stack creates the topic.
pub(crate) fn topic(stack: &Stack<'_>, t: &mut Template) {
    if !stack.creates_alarm_topic() {
        return;
    }
    let alarms_publish = obj! {
        "Sid" => "CloudWatchAlarmsPublish",
        "Effect" => "Allow",
        "Principal" => obj! { "Service" => "cloudwatch.amazonaws.com" },
        "Action" => arr!["kms:Decrypt", "kms:GenerateDataKey*"],
        "Resource" => "*",
        "Condition" => obj! { "StringEquals" => obj! { "aws:SourceAccount" => reference("AWS::AccountId") } },
    };
    let key = obj! {
        "Description" => stack.describe("encrypts the alarm topic (CloudWatch alarms cannot use alias/aws/sns)"),
        "EnableKeyRotation" => true,
        "KeyPolicy" => obj! {
            "Version" => "2012-10-17",
            "Statement" => arr![account_administers_key(), alarms_publish],
        },
        "Tags" => stack.tags(),
    };
    // A topic holds no data at rest worth keeping.
    t.add(
        stack.d.ids.alarm_key.as_str(),
        Resource::new("AWS::KMS::Key", key).retention(Retention::Delete),
    );
    let topic = obj! {
        "DisplayName" => format!("agentc {} alarms", stack.d.stack_name),
        "KmsMasterKeyId" => reference(stack.d.ids.alarm_key.as_str()),
        "Tags" => stack.tags(),
    };
    t.add(
        stack.d.ids.alarm_topic.as_str(),
        Resource::new("AWS::SNS::Topic", topic),
    );
}

/// `{A}{Alarm}Alarm` for each alarm of `agent`; they exist once the runtime does.
pub(crate) fn alarms(stack: &Stack<'_>, agent: &Agent, t: &mut Template) {
    for alarm in &agent.alarms {
        let periods = if alarm.evaluation_periods == 1 {
            String::new()
        } else {
            format!(", {} periods", alarm.evaluation_periods)
        };
        let description = format!(
            "{}: {} >= {} ({} over {} s{periods})",
            agent.runtime_name,
            alarm.metric.as_str(),
            alarm.threshold,
            alarm.statistic.as_str(),
            alarm.period
        );
        let properties = obj! {
            "AlarmName" => alarm.alarm_name.as_str(),
            "AlarmDescription" => description,
            "Namespace" => "AWS/Bedrock-AgentCore",
            "MetricName" => alarm.metric.as_str(),
            "Dimensions" => dimensions(agent),
            "Statistic" => alarm.statistic.as_str(),
            "Period" => alarm.period,
            "EvaluationPeriods" => alarm.evaluation_periods,
            // Finite: `crate::unsupported` refused the others.
            "Threshold" => Json::number(alarm.threshold).unwrap_or(Json::Int(0)),
            "ComparisonOperator" => "GreaterThanOrEqualToThreshold",
            "TreatMissingData" => "notBreaching",
            "AlarmActions" => stack.alarm_actions(),
            "Tags" => stack.tags(),
        };
        t.add(
            alarm.id.as_str(),
            Resource::new("AWS::CloudWatch::Alarm", properties).condition(has_image(agent)),
        );
    }
}

/// The full dimension set AgentCore publishes a runtime's metrics with: the IR's `Operation`
/// and `Name`, and `Resource` = the runtime's ARN.
fn dimensions(agent: &Agent) -> Json {
    let mut dims: Vec<Json> = agent
        .metric_dimensions
        .iter()
        .map(|(name, value)| obj! { "Name" => name.as_str(), "Value" => value.as_str() }.into())
        .collect();
    dims.push(obj! { "Name" => "Resource", "Value" => get_att(agent.ids.runtime.as_str(), "AgentRuntimeArn") }.into());
    Json::Array(dims)
}
