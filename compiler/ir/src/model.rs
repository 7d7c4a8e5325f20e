//! The deployment model.

use std::collections::BTreeMap;

use agentc_diagnostics::Span;
use serde::Serialize;

use crate::{AccountId, EnvironmentName, LogicalId, ProjectName, Region, RuntimeName, Statement};

/// One environment of one spec, resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deployment {
    /// The project.
    pub project: ProjectName,
    /// The environment this deployment is for.
    pub environment: EnvironmentName,
    /// Whether production rules apply (named `production`/`prod`, or `production=#true`).
    pub production: bool,
    /// `{project}-{environment}`: the CloudFormation stack name and the prefix of names.
    pub stack_name: String,
    /// Where it deploys.
    pub region: Region,
    /// The account it must deploy to, when the spec pins one.
    pub account: Option<AccountId>,
    /// Tags on every taggable resource: Project, Environment, Owner, CostCenter, then the
    /// spec's own, in that order.
    pub tags: Vec<(String, String)>,
    /// The agents, in spec order; each is its own runtime.
    pub agents: Vec<Agent>,
    /// The network every runtime uses.
    pub network: Network,
    /// Inbound auth for every runtime.
    pub auth: Auth,
    /// Logs, tracing and alarm routing.
    pub observability: Observability,
    /// CloudTrail, when the spec asks.
    pub audit: Option<Audit>,
    /// Stack-wide logical IDs.
    pub ids: StackIds,
    /// Suppressions in force for this environment: (code, reason). Backends turn the ones
    /// they understand into scanner justifications.
    pub suppressions: Vec<(String, String)>,
}

/// Logical IDs of the stack-wide resources (each used only when the resource exists).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StackIds {
    /// KMS key of the log groups.
    pub log_key: LogicalId,
    /// KMS key of the alarm topic (CloudWatch cannot publish to a topic under the AWS managed
    /// SNS key).
    pub alarm_key: LogicalId,
    /// SNS topic of the alarms.
    pub alarm_topic: LogicalId,
    /// Cognito user pool.
    pub user_pool: LogicalId,
    /// Cognito app client.
    pub user_pool_client: LogicalId,
    /// The runtime security group.
    pub runtime_security_group: LogicalId,
    /// KMS key of the trail.
    pub audit_key: LogicalId,
    /// Trail bucket.
    pub audit_bucket: LogicalId,
    /// Access-log bucket of the trail bucket.
    pub audit_log_bucket: LogicalId,
    /// Trail bucket policy.
    pub audit_bucket_policy: LogicalId,
    /// Access-log bucket policy (S3 server access logs arrive only through one).
    pub audit_log_bucket_policy: LogicalId,
    /// The trail.
    pub audit_trail: LogicalId,
}

/// One agent: an ECR repository, an execution role and an AgentCore runtime with its logs
/// and alarms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agent {
    /// The agent's name as the spec gives it.
    pub name: String,
    /// Where the spec declares it.
    #[serde(skip)]
    pub origin: Span,
    /// The runtime's name: `{agent}_{environment}`.
    pub runtime_name: RuntimeName,
    /// Description, ≤ 1200 characters.
    pub description: Option<String>,
    /// How the image is built (paths relative to the spec file's folder, `/`-separated).
    pub build: Build,
    /// The agent framework.
    pub framework: Framework,
    /// The server protocol.
    pub protocol: Protocol,
    /// Models the role may invoke; the first is passed as `MODEL_ID`.
    pub models: Vec<String>,
    /// Environment variables, including `MODEL_ID` and the `*_SECRET_REF` references.
    pub env: BTreeMap<String, String>,
    /// Secrets passed by reference.
    pub secrets: Vec<SecretRef>,
    /// Session lifecycle, seconds.
    pub lifecycle: Lifecycle,
    /// The ECR repository.
    pub repository: Repository,
    /// The owned log group's name.
    pub log_group_name: String,
    /// Names of the vended log and trace delivery resources and of the role's inline policy.
    pub names: AgentNames,
    /// The execution role's permission statements.
    pub statements: Vec<Statement>,
    /// The execution role's trust conditions (service `bedrock-agentcore.amazonaws.com`).
    pub trust_conditions: Vec<crate::Condition>,
    /// Alarms on this runtime's metrics.
    pub alarms: Vec<Alarm>,
    /// The dimensions AgentCore publishes its per-runtime metrics with, besides `Resource` (the
    /// runtime's ARN, known only to the backend): `Operation` and `Name`. An alarm on a subset
    /// of them never receives data (aws/aws-cdk#38486).
    pub metric_dimensions: Vec<(String, String)>,
    /// Logical IDs of this agent's resources.
    pub ids: AgentIds,
}

/// Logical IDs (and output names) of one agent's resources, all prefixed with the agent's
/// PascalCase name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgentIds {
    /// PascalCase agent name, the prefix of the others.
    pub prefix: LogicalId,
    /// `…Repository`.
    pub repository: LogicalId,
    /// `…Role`.
    pub role: LogicalId,
    /// `…RolePolicy`.
    pub role_policy: LogicalId,
    /// `…Runtime`.
    pub runtime: LogicalId,
    /// `…LogGroup`.
    pub log_group: LogicalId,
    /// `…LogSource`.
    pub log_source: LogicalId,
    /// `…LogDestination`.
    pub log_destination: LogicalId,
    /// `…LogDelivery`.
    pub log_delivery: LogicalId,
    /// `…TraceSource`.
    pub trace_source: LogicalId,
    /// `…TraceDestination`.
    pub trace_destination: LogicalId,
    /// `…TraceDelivery`.
    pub trace_delivery: LogicalId,
    /// `…ImageRef` parameter.
    pub image_ref: LogicalId,
    /// `…HasImage` condition.
    pub has_image: LogicalId,
    /// `…ImageIsDigest` condition.
    pub image_is_digest: LogicalId,
}

/// Names (not logical IDs) of an agent's resources that AWS wants named, at most 60
/// characters each for the delivery resources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgentNames {
    /// `{runtime}-logs`: the APPLICATION_LOGS delivery source.
    pub log_source: String,
    /// `{runtime}-logs-cwl`: the CloudWatch Logs delivery destination.
    pub log_destination: String,
    /// `{runtime}-traces`: the TRACES delivery source.
    pub trace_source: String,
    /// `{runtime}-traces-xray`: the X-Ray delivery destination.
    pub trace_destination: String,
    /// `{runtime}-execution`: the execution role's policy.
    pub role_policy: String,
}

/// How the agent's image is built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Build {
    /// The build context folder.
    pub context: String,
    /// The Dockerfile.
    pub dockerfile: String,
    /// The entrypoint file.
    pub entrypoint: String,
    /// The requirements file, if any.
    pub requirements: Option<String>,
}

/// Agent frameworks agentc knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Framework {
    /// AWS Strands Agents.
    Strands,
    /// LangGraph.
    Langgraph,
    /// CrewAI.
    Crewai,
    /// Anything else that honours the container contract.
    Custom,
}

impl Framework {
    /// Spec spellings.
    pub const NAMES: &'static [&'static str] = &["strands", "langgraph", "crewai", "custom"];

    /// From the spec spelling.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "strands" => Self::Strands,
            "langgraph" => Self::Langgraph,
            "crewai" => Self::Crewai,
            "custom" => Self::Custom,
            _ => return None,
        })
    }
}

/// The runtime's server protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Protocol {
    /// HTTP on 8080: `/invocations`, `/ping`.
    #[serde(rename = "HTTP")]
    Http,
    /// MCP on 8000: `/mcp`.
    #[serde(rename = "MCP")]
    Mcp,
    /// A2A on 9000.
    #[serde(rename = "A2A")]
    A2a,
    /// AG-UI on 8080.
    #[serde(rename = "AGUI")]
    Agui,
}

impl Protocol {
    /// Spec spellings.
    pub const NAMES: &'static [&'static str] = &["http", "mcp", "a2a", "agui"];

    /// From the spec spelling.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "http" => Self::Http,
            "mcp" => Self::Mcp,
            "a2a" => Self::A2a,
            "agui" => Self::Agui,
            _ => return None,
        })
    }

    /// The port the runtime's container serves this protocol on (AgentCore's container
    /// contract): what the runtime security group admits.
    pub fn port(self) -> u32 {
        match self {
            Self::Http | Self::Agui => 8080,
            Self::Mcp => 8000,
            Self::A2a => 9000,
        }
    }

    /// The value AgentCore's API takes.
    pub fn aws_name(self) -> &'static str {
        match self {
            Self::Http => "HTTP",
            Self::Mcp => "MCP",
            Self::A2a => "A2A",
            Self::Agui => "AGUI",
        }
    }
}

/// Where a secret lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretStore {
    /// Secrets Manager.
    SecretsManager,
    /// SSM Parameter Store SecureString.
    SsmParameter,
}

/// A secret the runtime reads at start, passed by reference only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecretRef {
    /// The name the agent knows it by.
    pub name: String,
    /// Where it lives.
    pub store: SecretStore,
    /// Its id there (name, ARN or parameter path).
    pub id: String,
}

/// Session lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Lifecycle {
    /// Idle session timeout, seconds (60–28800).
    pub idle_timeout: u32,
    /// Maximum session lifetime, seconds (60–28800, ≥ idle).
    pub max_lifetime: u32,
}

/// The agent's ECR repository.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Repository {
    /// Repository name, lowercase.
    pub name: String,
    /// Tags can never be overwritten.
    pub immutable_tags: bool,
    /// Scan every pushed image.
    pub scan_on_push: bool,
    /// Images kept by the lifecycle policy.
    pub keep_last: u32,
    /// Kept when the stack is deleted (production).
    pub retain: bool,
}

/// The runtime's network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "mode", rename_all = "lowercase")]
pub enum Network {
    /// PUBLIC mode.
    Public,
    /// VPC mode in existing subnets.
    Vpc {
        /// The VPC.
        vpc_id: String,
        /// Private subnets (≥ 2).
        subnets: Vec<String>,
        /// Existing security groups to attach as well.
        security_groups: Vec<String>,
        /// Groups admitted by the created runtime security group (none: no group is created).
        ingress_from: Vec<String>,
    },
}

/// Inbound auth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Auth {
    /// SigV4 (no authorizer).
    Iam,
    /// A Cognito user pool and client created by the stack.
    CognitoCreate,
    /// A JWT issuer: an existing Cognito pool or any OIDC provider.
    Jwt {
        /// `https://…/.well-known/openid-configuration`.
        discovery_url: String,
        /// Allowed client ids.
        allowed_clients: Vec<String>,
        /// Allowed audiences.
        allowed_audiences: Vec<String>,
    },
}

/// Logs, traces and alarm routing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Observability {
    /// Days the owned log groups keep events (a CloudWatch Logs value).
    pub log_retention_days: u32,
    /// Deliver traces to X-Ray.
    pub tracing: bool,
    /// Where alarms notify.
    pub alarm_target: AlarmTarget,
}

/// Where alarms notify.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AlarmTarget {
    /// A topic the stack creates.
    CreateTopic,
    /// An existing SNS topic ARN.
    Topic(String),
}

/// A CloudWatch alarm on one runtime metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alarm {
    /// Logical ID.
    pub id: LogicalId,
    /// The alarm's name in CloudWatch.
    pub alarm_name: String,
    /// The metric in `AWS/Bedrock-AgentCore`.
    pub metric: Metric,
    /// How data points are aggregated.
    pub statistic: Statistic,
    /// Fires at or above this.
    pub threshold: f64,
    /// Seconds per data point (a multiple of 60).
    pub period: u32,
    /// Data points that must breach.
    pub evaluation_periods: u32,
}

macro_rules! closed_set {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $text:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
        pub enum $name { $(#[doc = $text] $variant),* }

        impl $name {
            /// Spec (and AWS) spellings.
            pub const NAMES: &'static [&'static str] = &[$($text),*];

            /// From the spelling.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some(Self::$variant),)* _ => None }
            }

            /// The AWS spelling.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),* }
            }
        }
    };
}

closed_set!(
    /// Runtime metrics in `AWS/Bedrock-AgentCore`.
    Metric {
        Invocations => "Invocations",
        Throttles => "Throttles",
        SystemErrors => "SystemErrors",
        UserErrors => "UserErrors",
        Latency => "Latency",
        TotalErrors => "TotalErrors",
        SessionCount => "SessionCount",
    }
);

closed_set!(
    /// CloudWatch statistics.
    Statistic {
        Sum => "Sum",
        Average => "Average",
        Maximum => "Maximum",
        Minimum => "Minimum",
        SampleCount => "SampleCount",
    }
);

/// CloudTrail for the AgentCore API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Audit {
    /// The trail's name.
    pub trail_name: String,
    /// Also log data events (InvokeAgentRuntime) of the runtimes.
    pub data_events: bool,
    /// Keep the trail's buckets and key when the stack is deleted (always: audit evidence
    /// outlives the stack, and a non-empty bucket cannot be deleted anyway).
    pub retain: bool,
}

/// The CloudWatch Logs retention values (days) the `PutRetentionPolicy` API accepts.
pub const LOG_RETENTION_DAYS: &[u32] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];
