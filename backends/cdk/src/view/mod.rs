//! The view models the templates render: plain `Serialize` structs, never the IR itself.
//!
//! Conventions the template tests enforce (`render::tests`):
//! - a field ending in `_ts` holds a TypeScript expression this crate built with the escaping
//!   functions of [`crate::ts`]; templates print it as it is;
//! - every other value reaches a template only through a typed helper (`ts_str`, `ts_ident`,
//!   `ts_num`, `ts_bool`, `ts_comment`, `json_str`, `md`, `md_code`);
//! - a template branches only on a `bool` field named `has_…`, `is_…` or `creates_…`, or walks
//!   into an `Option` section with `#with` (absent → skipped; a misspelt path fails in strict
//!   mode).

use serde::Serialize;

mod agent;

pub use agent::{AgentOutputs, AgentView, AlarmView, OutputView, StatementView};

/// A key and a value (tags, environment variables, suppressions, dimensions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pair {
    /// The key.
    pub key: String,
    /// The value.
    pub value: String,
}

/// A cdk-nag (or CDK annotation) acknowledgement: the finding and why it is acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ack {
    /// The finding id, e.g. `AwsSolutions-IAM5[Resource::*]`.
    pub id: String,
    /// The reason, from the spec (`because=`, `suppress`) or one agentc owns.
    pub reason: String,
    /// The construct it is on, for the README (`SupportAgentRolePolicy`).
    pub on: String,
}

/// The whole app.
#[derive(Debug, Clone, Serialize)]
pub struct AppView {
    /// Project name.
    pub project: String,
    /// The environment this app deploys.
    pub environment: String,
    /// The error `bin/app.ts` throws when `-c env` names another environment.
    pub env_mismatch: String,
    /// CloudFormation stack name, `{project}-{environment}`.
    pub stack_name: String,
    /// The spec's region.
    pub region: String,
    /// Whether the spec pins an account.
    pub has_account: bool,
    /// The pinned account (empty when none).
    pub account: String,
    /// The description of the account rule's assertion.
    pub account_assertion: String,
    /// The description of the region rule's assertion.
    pub region_assertion: String,
    /// Production rules apply.
    pub is_production: bool,
    /// npm package name.
    pub package_name: String,
    /// The stack class, e.g. `SupportDeskProductionStack`.
    pub stack_class: String,
    /// `../lib/<stack file>` without extension, for the import in `bin/app.ts`.
    pub stack_import: String,
    /// The spec's folder as seen from the app folder.
    pub spec_dir: String,
    /// The template description.
    pub description: String,
    /// Tags on every resource, in precedence order.
    pub tags: Vec<Pair>,
    /// The log groups' key.
    pub log_key: KeyView,
    /// `AlarmKey` and `AlarmTopic`, when the stack creates the topic.
    pub alarm_topic: Option<AlarmTopicView>,
    /// The `notify` topic ARN, when the spec names one and some alarm exists.
    pub notify_topic: Option<String>,
    /// SigV4 inbound auth (no authorizer).
    pub has_iam_auth: bool,
    /// Cognito pool and client the stack creates.
    pub user_pool: Option<UserPoolView>,
    /// JWT authorizer of an existing issuer.
    pub jwt: Option<JwtView>,
    /// VPC networking.
    pub vpc: Option<VpcView>,
    /// CloudTrail.
    pub audit: Option<AuditView>,
    /// The agents, in spec order.
    pub agents: Vec<AgentView>,
    /// Whether `alarm_topic` is set (strict mode takes a null section for a missing one, so
    /// templates test these flags before walking into a section).
    pub creates_alarm_topic: bool,
    /// Whether `notify_topic` is set.
    pub has_notify_topic: bool,
    /// Whether `user_pool` is set.
    pub has_user_pool: bool,
    /// Whether `jwt` is set.
    pub has_jwt: bool,
    /// Whether `vpc` is set.
    pub has_vpc: bool,
    /// Whether `audit` is set.
    pub has_audit: bool,
    /// Whether any agent has an alarm.
    pub has_alarms: bool,
    /// Whether the runtimes' traces go to X-Ray.
    pub has_tracing: bool,
    /// Suppressions in force for this environment: code → reason.
    pub suppressions: Vec<Pair>,
    /// Whether there are any.
    pub has_suppressions: bool,
    /// Every acknowledgement in the app, for the README.
    pub acks: Vec<Ack>,
    /// npm scripts.
    pub scripts: Scripts,
    /// README text.
    pub readme: ReadmeView,
}

/// The npm scripts of `package.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Scripts {
    /// `cdk synth -c env=…`.
    pub synth: String,
    /// The first deployment, without images.
    pub deploy_first: String,
    /// `cdk deploy -c env=…`.
    pub deploy: String,
    /// `cdk destroy -c env=…`.
    pub destroy: String,
}

/// Sentences and lists of the app's README (plain text; the template escapes them).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReadmeView {
    /// `Runtime a_dev` or `Runtimes a_dev, b_dev`.
    pub runtimes: String,
    /// `it runs` or `they run`.
    pub they: String,
    /// What the stack creates besides the runtimes.
    pub resources: String,
    /// What the first deployment creates besides keys, repositories, roles, log groups.
    pub first_resources: String,
    /// ` and account` when the spec pins one.
    pub account_note: String,
    /// The account to deploy with.
    pub account_text: String,
    /// `lib/<stack>-stack.ts`.
    pub stack_file: String,
    /// What `cdk destroy` leaves behind.
    pub retained: Vec<String>,
    /// Whether anything.
    pub has_retained: bool,
    /// Every output.
    pub outputs: Vec<OutputView>,
}

/// A KMS key.
#[derive(Debug, Clone, Serialize)]
pub struct KeyView {
    /// Logical ID.
    pub id: String,
    /// Key description.
    pub description: String,
    /// `RemovalPolicy.RETAIN` or `RemovalPolicy.DESTROY`.
    pub removal_ts: String,
    /// The log group ARN pattern(s) CloudWatch Logs may use the key for: one value or an array.
    pub log_group_arns_ts: String,
}

/// The alarm topic and its key.
#[derive(Debug, Clone, Serialize)]
pub struct AlarmTopicView {
    /// `AlarmKey`.
    pub key_id: String,
    /// Its description.
    pub key_description: String,
    /// `AlarmTopic`.
    pub topic_id: String,
    /// The topic's display name.
    pub display_name: String,
}

/// The Cognito user pool and app client.
#[derive(Debug, Clone, Serialize)]
pub struct UserPoolView {
    /// `UserPool`.
    pub pool_id: String,
    /// `UserPoolClient`.
    pub client_id: String,
    /// `{stack}-users`.
    pub name: String,
    /// Removal policy expression.
    pub removal_ts: String,
    /// The MFA acknowledgement.
    pub ack: Ack,
}

/// A JWT issuer the runtimes trust.
#[derive(Debug, Clone, Serialize)]
pub struct JwtView {
    /// `…/.well-known/openid-configuration`.
    pub discovery_url: String,
    /// Allowed client ids: an array literal, or `undefined`.
    pub clients_ts: String,
    /// Allowed audiences: an array literal.
    pub audiences_ts: String,
    /// Whether there are any.
    pub has_audiences: bool,
}

/// An imported id and the construct id it gets (`Subnet1`, `SecurityGroup1`, …).
#[derive(Debug, Clone, Serialize)]
pub struct Indexed {
    /// The construct id.
    pub construct_id: String,
    /// The AWS id.
    pub value: String,
}

/// One ingress rule of the runtime security group.
#[derive(Debug, Clone, Serialize)]
pub struct IngressView {
    /// Source security group.
    pub source: String,
    /// TCP port.
    pub port: u32,
    /// Rule description.
    pub description: String,
}

/// VPC mode.
#[derive(Debug, Clone, Serialize)]
pub struct VpcView {
    /// The VPC.
    pub vpc_id: String,
    /// Subnets.
    pub subnets: Vec<Indexed>,
    /// Declared security groups attached as well.
    pub declared_groups: Vec<Indexed>,
    /// The stack's own security group, when `ingress-from` names sources.
    pub security_group: Option<SecurityGroupView>,
    /// Whether `security_group` is set.
    pub has_security_group: bool,
    /// The annotation acknowledgements of the imported VPC and subnets.
    pub vpc_ack: Ack,
    /// The subnets' annotation acknowledgement.
    pub subnet_ack: Ack,
}

/// `RuntimeSecurityGroup`.
#[derive(Debug, Clone, Serialize)]
pub struct SecurityGroupView {
    /// Logical ID.
    pub id: String,
    /// Group description.
    pub description: String,
    /// Ingress rules.
    pub ingress: Vec<IngressView>,
}

/// CloudTrail and its key and buckets.
#[derive(Debug, Clone, Serialize)]
pub struct AuditView {
    /// `AuditKey`.
    pub key_id: String,
    /// Its description.
    pub key_description: String,
    /// `AuditLogBucket`.
    pub log_bucket_id: String,
    /// `AuditLogBucketPolicy`.
    pub log_bucket_policy_id: String,
    /// `AuditBucket`.
    pub bucket_id: String,
    /// `AuditBucketPolicy`.
    pub bucket_policy_id: String,
    /// `AuditTrail`.
    pub trail_id: String,
    /// `{stack}-audit`.
    pub trail_name: String,
    /// The trail's ARN (its key and bucket policies name it).
    pub trail_arn_ts: String,
    /// Removal policy of the key and buckets.
    pub removal_ts: String,
    /// Data events of the runtimes.
    pub has_data_events: bool,
    /// ARN prefixes of this stack's runtimes, for the data event selector.
    pub runtime_arn_prefixes_ts: Vec<String>,
}
