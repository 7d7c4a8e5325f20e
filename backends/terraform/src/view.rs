//! The view model the templates render: plain data, built from the IR by [`crate::build`].
//!
//! Templates never see the IR. Every conditional is a `bool` decided in Rust (handlebars'
//! strict mode does not cover `#if`), every spec value is raw text that a typed helper escapes
//! (`hcl_string`, `hcl_value`, `hcl_list`, `sh_quote`, …), and every name used as a Terraform
//! label or reference is an identifier the helpers check again.

use serde::Serialize;

use crate::hcl::Value;

/// One Terraform root module.
#[derive(Debug, Clone, Serialize)]
pub struct Module {
    /// Project name.
    pub project: String,
    /// Environment name.
    pub environment: String,
    /// `{project}-{environment}`.
    pub stack: String,
    /// The spec's region: the default of `var.region`.
    pub region: String,
    /// Production rules apply (retention of data-bearing resources).
    pub production: bool,
    /// The spec pins an account: `allowed_account_ids`.
    pub has_account: bool,
    /// That account (empty when none).
    pub account: String,
    /// Tags of every taggable resource (provider `default_tags`), in the IR's order.
    pub tags: Vec<Pair>,
    /// Terraform names of the stack-wide resources.
    pub tf: StackNames,
    /// The agents.
    pub agents: Vec<AgentView>,
    /// Folders of the owned log groups, as `kms:EncryptionContext:aws:logs:arn` patterns.
    pub log_group_arns: Vec<Value>,
    /// Descriptions of the KMS keys: `LogKey`, `AlarmKey`, `AuditKey`.
    pub log_key_description: String,
    /// See `log_key_description`.
    pub alarm_key_description: String,
    /// See `log_key_description`.
    pub audit_key_description: String,
    /// `{stack}-alarms`.
    pub alarm_topic_name: String,
    /// The topic's display name.
    pub alarm_topic_display_name: String,
    /// `LogKey` is kept (production: a retained encrypted log group needs its key).
    pub log_key_retain: bool,
    /// Any agent has an alarm: alarms.tf exists.
    pub has_alarms: bool,
    /// The module creates `AlarmKey` and `AlarmTopic`.
    pub alarm_topic: bool,
    /// Where alarms notify: the created topic or the spec's `notify` ARN.
    pub alarm_actions: Vec<Value>,
    /// Tracing on: trace delivery to X-Ray.
    pub tracing: bool,
    /// Cognito user pool and client are created: auth.tf exists.
    pub cognito: bool,
    /// `{stack}-users`.
    pub user_pool_name: String,
    /// `{stack}-client`.
    pub user_pool_client_name: String,
    /// The runtimes have a JWT authorizer.
    pub has_authorizer: bool,
    /// The authorizer (empty when none).
    pub authorizer: Authorizer,
    /// VPC network mode.
    pub vpc: bool,
    /// The VPC settings (empty in PUBLIC mode).
    pub network: NetworkView,
    /// CloudTrail: audit.tf exists.
    pub has_audit: bool,
    /// The trail (empty without one).
    pub audit: AuditView,
    /// The concern files written (besides versions, providers, variables, main, outputs).
    pub files: Vec<Pair>,
    /// Whether anything refuses `terraform destroy`.
    pub has_kept: bool,
    /// What refuses `terraform destroy` (`prevent_destroy`), for the README.
    pub kept: Vec<String>,
    /// Log retention, days.
    pub retention_days: u32,
    /// Retention under checkov's 365 days: a CKV_AWS_338 skip with this reason.
    pub retention_skip: Vec<Skip>,
}

/// Terraform names of the stack-wide resources: snake_case of the IR's logical IDs (and of
/// of the IR's logical IDs.
#[derive(Debug, Clone, Serialize)]
pub struct StackNames {
    /// `log_key`.
    pub log_key: String,
    /// `alarm_key`.
    pub alarm_key: String,
    /// `alarm_topic`.
    pub alarm_topic: String,
    /// `user_pool`.
    pub user_pool: String,
    /// `user_pool_client`.
    pub user_pool_client: String,
    /// `runtime_security_group`.
    pub runtime_security_group: String,
    /// `audit_key`.
    pub audit_key: String,
    /// `audit_bucket`.
    pub audit_bucket: String,
    /// `audit_log_bucket`.
    pub audit_log_bucket: String,
    /// `audit_bucket_policy`.
    pub audit_bucket_policy: String,
    /// `audit_log_bucket_policy`.
    pub audit_log_bucket_policy: String,
    /// `audit_trail`.
    pub audit_trail: String,
}

/// A key and a value (a tag, an environment variable; a file and what it holds).
#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    /// Key.
    pub key: String,
    /// Value.
    pub value: String,
}

/// A `#checkov:skip=<id>:<reason>` line.
#[derive(Debug, Clone, Serialize)]
pub struct Skip {
    /// The check.
    pub id: String,
    /// Why it does not apply (one line).
    pub reason: String,
}

/// The JWT authorizer of every runtime.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Authorizer {
    /// `https://…/.well-known/openid-configuration`.
    pub discovery_url: Value,
    /// Whether `allowed_clients` is set.
    pub has_clients: bool,
    /// Allowed client ids (literal or the created app client).
    pub allowed_clients: Vec<Value>,
    /// Whether `allowed_audience` is set.
    pub has_audience: bool,
    /// Allowed audiences.
    pub allowed_audience: Vec<String>,
}

/// VPC mode.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NetworkView {
    /// The VPC.
    pub vpc_id: String,
    /// Name of the created security group.
    pub name: String,
    /// Its description.
    pub description: String,
    /// Subnets of the runtimes.
    pub subnets: Vec<String>,
    /// Security groups of the runtimes: the created one, then the declared ones.
    pub security_groups: Vec<Value>,
    /// `RuntimeSecurityGroup` is created: network.tf exists.
    pub creates_security_group: bool,
    /// Its ingress rules, keyed `<group>:<port>`.
    pub ingress: Vec<Ingress>,
}

/// One ingress rule of the runtime security group.
#[derive(Debug, Clone, Serialize)]
pub struct Ingress {
    /// `for_each` key.
    pub key: String,
    /// Source security group.
    pub group: String,
    /// Agent port.
    pub port: u32,
    /// Rule description.
    pub description: String,
}

/// CloudTrail.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AuditView {
    /// Trail name (fixed by the IR so policies can name its ARN).
    pub trail_name: String,
    /// Data events of the runtimes are logged.
    pub data_events: bool,
    /// `resources.ARN` prefixes of this stack's runtimes.
    pub runtime_arn_prefixes: Vec<Value>,
    /// `bucket_prefix` of the trail bucket.
    pub bucket_prefix: String,
    /// `bucket_prefix` of its access-log bucket.
    pub log_bucket_prefix: String,
}

/// One agent's resources.
#[derive(Debug, Clone, Serialize)]
pub struct AgentView {
    /// The spec's name.
    pub name: String,
    /// snake_case of its PascalCase prefix: the stem of its locals and variable.
    pub id: String,
    /// Terraform names (snake_case of the IR's logical IDs).
    pub tf: AgentNames,
    /// The runtime name.
    pub runtime_name: String,
    /// `{id}_image_ref`.
    pub image_var: String,
    /// Description of the `{id}_image_ref` variable.
    pub image_ref_description: String,
    /// Whether it has a description.
    pub has_description: bool,
    /// The description (empty when none).
    pub description: String,
    /// The ECR repository.
    pub repository: RepositoryView,
    /// `name_prefix` of the execution role (≤ 38 characters).
    pub role_name_prefix: String,
    /// The role's description.
    pub role_description: String,
    /// The role policy's name.
    pub policy_name: String,
    /// Trust policy conditions.
    pub trust_conditions: Vec<ConditionView>,
    /// The execution role's statements.
    pub statements: Vec<StatementView>,
    /// `HTTP`, `MCP`, `A2A` or `AGUI`.
    pub protocol: String,
    /// Whether there are environment variables (an empty map is never written).
    pub has_env: bool,
    /// Environment variables, by name.
    pub env: Vec<Pair>,
    /// Idle session timeout, seconds.
    pub idle_timeout: u32,
    /// Maximum session lifetime, seconds.
    pub max_lifetime: u32,
    /// The owned log group.
    pub log_group_name: String,
    /// Delivery names.
    pub log_source_name: String,
    /// Delivery names.
    pub log_destination_name: String,
    /// Delivery names.
    pub trace_source_name: String,
    /// Delivery names.
    pub trace_destination_name: String,
    /// Alarms.
    pub alarms: Vec<AlarmView>,
    /// Descriptions of its outputs.
    pub outputs: OutputDescriptions,
    /// Build context, relative to the module folder.
    pub build_context: String,
    /// Dockerfile, relative to the module folder.
    pub dockerfile: String,
    /// Both paths are absolute (else relative to the module folder).
    pub absolute_paths: bool,
}

/// Descriptions of one agent's outputs.
#[derive(Debug, Clone, Serialize)]
pub struct OutputDescriptions {
    /// `{a}_runtime_arn`.
    pub runtime_arn: String,
    /// `{a}_runtime_id`.
    pub runtime_id: String,
    /// `{a}_invocation_url`.
    pub invocation_url: String,
    /// `{a}_repository_uri`.
    pub repository_uri: String,
    /// `{a}_log_group_name`.
    pub log_group_name: String,
}

/// Terraform resource names of one agent.
#[derive(Debug, Clone, Serialize)]
pub struct AgentNames {
    /// `{a}_repository`.
    pub repository: String,
    /// `{a}_role`.
    pub role: String,
    /// `{a}_role_policy`.
    pub role_policy: String,
    /// `{a}_runtime`.
    pub runtime: String,
    /// `{a}_log_group`.
    pub log_group: String,
    /// `{a}_log_source`.
    pub log_source: String,
    /// `{a}_log_destination`.
    pub log_destination: String,
    /// `{a}_log_delivery`.
    pub log_delivery: String,
    /// `{a}_trace_source`.
    pub trace_source: String,
    /// `{a}_trace_destination`.
    pub trace_destination: String,
    /// `{a}_trace_delivery`.
    pub trace_delivery: String,
}

/// The ECR repository.
#[derive(Debug, Clone, Serialize)]
pub struct RepositoryView {
    /// Repository name.
    pub name: String,
    /// `IMMUTABLE` or `MUTABLE`.
    pub mutability: String,
    /// Scan on push.
    pub scan_on_push: bool,
    /// Images kept.
    pub keep_last: u32,
    /// The lifecycle rule's description.
    pub keep_description: String,
    /// Kept on destroy (production).
    pub retain: bool,
    /// checkov skips for settings the spec chose.
    pub skips: Vec<Skip>,
}

/// An IAM condition: `test`, `variable`, `values`.
#[derive(Debug, Clone, Serialize)]
pub struct ConditionView {
    /// `StringEquals`, `ArnLike`, …
    pub test: String,
    /// The key.
    pub variable: String,
    /// The values.
    pub values: Vec<Value>,
}

/// An `Allow` statement.
#[derive(Debug, Clone, Serialize)]
pub struct StatementView {
    /// Sid.
    pub sid: String,
    /// Whether a `*` resource is explained.
    pub has_reason: bool,
    /// Why (one line).
    pub reason: String,
    /// Actions.
    pub actions: Vec<String>,
    /// Resources.
    pub resources: Vec<Value>,
    /// Conditions.
    pub conditions: Vec<ConditionView>,
}

/// A metric alarm.
#[derive(Debug, Clone, Serialize)]
pub struct AlarmView {
    /// Terraform name.
    pub tf: String,
    /// CloudWatch name.
    pub alarm_name: String,
    /// Description.
    pub description: String,
    /// Metric.
    pub metric: String,
    /// Statistic.
    pub statistic: String,
    /// Seconds.
    pub period: u32,
    /// Periods.
    pub evaluation_periods: u32,
    /// Threshold (finite: checked before the view is built).
    pub threshold: f64,
    /// The dimensions besides `Resource` (the runtime's ARN), as the IR lists them.
    pub dimensions: Vec<Pair>,
}
