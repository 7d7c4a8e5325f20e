//! The view of one agent: its statements, alarms, outputs and every name and logical ID of
//! its resources.

use serde::Serialize;

use super::{Ack, Pair};

/// One IAM statement.
#[derive(Debug, Clone, Serialize)]
pub struct StatementView {
    /// Statement id.
    pub sid: String,
    /// Actions, as an array literal.
    pub actions_ts: String,
    /// Resources, as an array literal.
    pub resources_ts: String,
    /// Whether there are conditions.
    pub has_conditions: bool,
    /// The conditions object literal.
    pub conditions_ts: String,
}

/// One alarm.
#[derive(Debug, Clone, Serialize)]
pub struct AlarmView {
    /// Logical ID.
    pub id: String,
    /// CloudWatch alarm name.
    pub alarm_name: String,
    /// Description.
    pub description: String,
    /// Metric name.
    pub metric: String,
    /// Statistic.
    pub statistic: String,
    /// Period, as a `Duration`.
    pub period_ts: String,
    /// Threshold, as a TypeScript number.
    pub threshold_ts: String,
    /// Evaluation periods.
    pub evaluation_periods: u32,
}

/// One agent and all its resources.
#[derive(Debug, Clone, Serialize)]
pub struct AgentView {
    /// The spec's name.
    pub name: String,
    /// The stack method that creates it, e.g. `supportAgent`.
    pub method: String,
    /// Logical IDs.
    pub repository_id: String,
    /// Execution role.
    pub role_id: String,
    /// The construct id of the runtime's immutable reference to the role.
    pub role_ref_id: String,
    /// Its policy.
    pub role_policy_id: String,
    /// Runtime.
    pub runtime_id: String,
    /// Log group.
    pub log_group_id: String,
    /// Deliveries.
    pub log_source_id: String,
    /// …
    pub log_destination_id: String,
    /// …
    pub log_delivery_id: String,
    /// …
    pub trace_source_id: String,
    /// …
    pub trace_destination_id: String,
    /// …
    pub trace_delivery_id: String,
    /// The Docker image asset's construct id and asset name.
    pub image_id: String,
    /// The stack outputs of this agent.
    pub outputs: AgentOutputs,
    /// Runtime name.
    pub runtime_name: String,
    /// Runtime description (empty when none).
    pub description: String,
    /// Whether the spec gives one.
    pub has_description: bool,
    /// ECR repository name.
    pub repository_name: String,
    /// `ecr.TagMutability.…`.
    pub tag_mutability_ts: String,
    /// Scan on push.
    pub scan_on_push: bool,
    /// Images kept.
    pub keep_last: u32,
    /// Lifecycle rule description.
    pub keep_last_description: String,
    /// Removal policy of the repository and log group.
    pub removal_ts: String,
    /// Empty the repository when the stack deletes it.
    pub has_empty_on_delete: bool,
    /// Role description.
    pub role_description: String,
    /// Trust conditions object literal.
    pub trust_conditions_ts: String,
    /// The policy's name.
    pub policy_name: String,
    /// The policy's statements.
    pub statements: Vec<StatementView>,
    /// cdk-nag acknowledgements on the policy.
    pub policy_acks: Vec<Ack>,
    /// Log group name.
    pub log_group_name: String,
    /// `logs.RetentionDays.…`.
    pub retention_ts: String,
    /// Docker build context, relative to the spec's folder.
    pub build_context: String,
    /// Dockerfile, relative to the build context (an expression).
    pub dockerfile_ts: String,
    /// `agentcore.ProtocolType.…`.
    pub protocol_ts: String,
    /// Environment variables.
    pub env: Vec<Pair>,
    /// Whether there are any.
    pub has_env: bool,
    /// `Duration.…` of the idle timeout.
    pub idle_timeout_ts: String,
    /// `Duration.…` of the maximum lifetime.
    pub max_lifetime_ts: String,
    /// The runtime's annotation acknowledgement.
    pub runtime_ack: Ack,
    /// Delivery names.
    pub log_source_name: String,
    /// …
    pub log_destination_name: String,
    /// …
    pub trace_source_name: String,
    /// …
    pub trace_destination_name: String,
    /// Metric dimensions besides `Resource`.
    pub dimensions: Vec<Pair>,
    /// Whether it has alarms.
    pub has_alarms: bool,
    /// Alarms.
    pub alarms: Vec<AlarmView>,
}

/// A stack output.
#[derive(Debug, Clone, Serialize)]
pub struct OutputView {
    /// Output name (logical ID).
    pub name: String,
    /// Description.
    pub description: String,
}

/// An agent's outputs (FR-028).
#[derive(Debug, Clone, Serialize)]
pub struct AgentOutputs {
    /// `{A}RepositoryUri`.
    pub repository_uri: OutputView,
    /// `{A}LogGroupName`.
    pub log_group_name: OutputView,
    /// `{A}RuntimeArn`.
    pub runtime_arn: OutputView,
    /// `{A}RuntimeId`.
    pub runtime_id: OutputView,
    /// `{A}InvocationUrl`.
    pub invocation_url: OutputView,
}
