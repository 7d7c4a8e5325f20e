//! The spec AST: what the file says, typed, with the span of every value. Nothing here is
//! validated beyond its KDL type; nothing has a default yet. Every field that a file may leave
//! out is an `Option`, because an `environment` block is a partial spec too.

use agentc_diagnostics::Span;

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Wrap `value` written at `span`.
    pub fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }
}

/// A list of values given as a node's arguments, with the span of the whole node.
#[derive(Debug, Clone, PartialEq)]
pub struct SpannedList {
    /// The values, in order.
    pub items: Vec<Spanned<String>>,
    /// The node that holds them.
    pub span: Span,
}

/// `KEY="value"`: a property used as a map entry (tags, env).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key, as written.
    pub key: Spanned<String>,
    /// The value.
    pub value: Spanned<String>,
}

/// A whole spec file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Spec {
    /// The top level: what every environment starts from.
    pub base: Layer,
    /// The `environment` blocks, in file order.
    pub environments: Vec<Environment>,
    /// The `suppress` nodes.
    pub suppressions: Vec<Suppression>,
    /// An empty span at the end of the file: where findings about something missing from the
    /// whole file point.
    pub end: Span,
}

/// The nodes a spec's top level and an `environment` block both hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layer {
    /// `project`.
    pub project: Option<Project>,
    /// `agent` nodes, each its own runtime.
    pub agents: Vec<Agent>,
    /// `image`.
    pub image: Option<Image>,
    /// `network`.
    pub network: Option<Network>,
    /// `auth`.
    pub auth: Option<Auth>,
    /// `observability`.
    pub observability: Option<Observability>,
    /// `permissions`.
    pub permissions: Option<Permissions>,
    /// `audit`.
    pub audit: Option<Audit>,
}

/// `environment "name" production=#true { … }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Environment {
    /// The environment's name.
    pub name: Spanned<String>,
    /// `production=#true` marks an environment held to production rules whatever its name.
    pub production: Option<Spanned<bool>>,
    /// The whole node.
    pub span: Span,
    /// What the block overrides.
    pub layer: Layer,
}

/// `suppress "agentc::…" env="…" because="…"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Suppression {
    /// The code suppressed.
    pub code: Spanned<String>,
    /// The environment it applies to; every environment when absent.
    pub env: Option<Spanned<String>>,
    /// The written reason (required).
    pub because: Option<Spanned<String>>,
    /// The whole node.
    pub span: Span,
}

/// `project "name" { owner …; cost-center …; region …; account …; tags k=v }`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Project {
    /// The whole node.
    pub span: Span,
    /// The project name (argument).
    pub name: Option<Spanned<String>>,
    /// `owner`.
    pub owner: Option<Spanned<String>>,
    /// `cost-center`.
    pub cost_center: Option<Spanned<String>>,
    /// `region`.
    pub region: Option<Spanned<String>>,
    /// `account`.
    pub account: Option<Spanned<String>>,
    /// `tags k=v …`, in order.
    pub tags: Vec<Entry>,
}

/// `agent "name" { … }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Agent {
    /// The whole node.
    pub span: Span,
    /// The agent's name (argument; agents without one are dropped with a diagnostic).
    pub name: Spanned<String>,
    /// `description`.
    pub description: Option<Spanned<String>>,
    /// `entrypoint`, relative to the spec file.
    pub entrypoint: Option<Spanned<String>>,
    /// `requirements`, relative to the spec file.
    pub requirements: Option<Spanned<String>>,
    /// `dockerfile`, relative to the spec file.
    pub dockerfile: Option<Spanned<String>>,
    /// `framework`.
    pub framework: Option<Spanned<String>>,
    /// `protocol`.
    pub protocol: Option<Spanned<String>>,
    /// `model "id" …`.
    pub models: Option<SpannedList>,
    /// `env K="v" …`, all `env` nodes together, in order.
    pub env: Vec<Entry>,
    /// `secret "NAME" secrets-manager="…"` or `ssm-parameter="…"`.
    pub secrets: Vec<Secret>,
    /// `lifecycle idle-timeout=… max-lifetime=…`.
    pub lifecycle: Option<Lifecycle>,
}

/// Where a secret lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretStore {
    /// AWS Secrets Manager: a secret name or ARN.
    SecretsManager,
    /// SSM Parameter Store SecureString: a parameter name.
    SsmParameter,
}

/// `secret "NAME" secrets-manager="id"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Secret {
    /// The whole node.
    pub span: Span,
    /// The name the agent knows the secret by.
    pub name: Spanned<String>,
    /// Where it lives and its id there.
    pub source: Option<(SecretStore, Spanned<String>)>,
}

/// `lifecycle idle-timeout="15m" max-lifetime="8h"` (durations in seconds).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lifecycle {
    /// The whole node.
    pub span: Span,
    /// Idle session timeout, seconds.
    pub idle_timeout: Option<Spanned<u64>>,
    /// Maximum session lifetime, seconds.
    pub max_lifetime: Option<Spanned<u64>>,
}

/// `image { scan-on-push #true; tag-mutability "immutable"; keep-last 30 }`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Image {
    /// The whole node.
    pub span: Span,
    /// `scan-on-push`.
    pub scan_on_push: Option<Spanned<bool>>,
    /// `tag-mutability`.
    pub tag_mutability: Option<Spanned<String>>,
    /// `keep-last`.
    pub keep_last: Option<Spanned<i128>>,
}

/// `network "public"` or `network "vpc" { … }`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Network {
    /// The whole node.
    pub span: Span,
    /// The mode (argument).
    pub mode: Option<Spanned<String>>,
    /// `vpc-id`.
    pub vpc_id: Option<Spanned<String>>,
    /// `subnets`.
    pub subnets: Option<SpannedList>,
    /// `security-groups`.
    pub security_groups: Option<SpannedList>,
    /// `ingress-from`.
    pub ingress_from: Option<SpannedList>,
}

/// `auth "iam" | "cognito" { user-pool … } | "jwt" { discovery-url …; allowed-clients …; allowed-audiences … }`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Auth {
    /// The whole node.
    pub span: Span,
    /// The kind (argument).
    pub kind: Option<Spanned<String>>,
    /// `user-pool "create"` or an existing pool id.
    pub user_pool: Option<Spanned<String>>,
    /// `discovery-url`.
    pub discovery_url: Option<Spanned<String>>,
    /// `allowed-clients`.
    pub allowed_clients: Option<SpannedList>,
    /// `allowed-audiences`.
    pub allowed_audiences: Option<SpannedList>,
}

/// `observability { log-retention-days …; tracing …; notify …; alarm … }`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Observability {
    /// The whole node.
    pub span: Span,
    /// `log-retention-days`.
    pub log_retention_days: Option<Spanned<i128>>,
    /// `tracing`.
    pub tracing: Option<Spanned<bool>>,
    /// `notify "arn:aws:sns:…"`.
    pub notify: Option<Spanned<String>>,
    /// `alarm` nodes.
    pub alarms: Vec<Alarm>,
}

/// `alarm "name" metric="…" threshold=… statistic="…" period="5m" evaluation-periods=1`.
#[derive(Debug, Clone, PartialEq)]
pub struct Alarm {
    /// The whole node.
    pub span: Span,
    /// The alarm's name (argument).
    pub name: Spanned<String>,
    /// `metric`.
    pub metric: Option<Spanned<String>>,
    /// `threshold`.
    pub threshold: Option<Spanned<f64>>,
    /// `statistic`.
    pub statistic: Option<Spanned<String>>,
    /// `period`, seconds.
    pub period: Option<Spanned<u64>>,
    /// `evaluation-periods`.
    pub evaluation_periods: Option<Spanned<i128>>,
    /// Properties that were written but rejected (already reported), so later stages do not
    /// report them missing as well.
    pub rejected: Vec<String>,
}

/// `permissions { allow … }`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Permissions {
    /// The whole node.
    pub span: Span,
    /// The `allow` statements.
    pub allows: Vec<Allow>,
}

/// `allow "svc:Action" … on="arn" because="…"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Allow {
    /// The whole node.
    pub span: Span,
    /// The actions (arguments).
    pub actions: Vec<Spanned<String>>,
    /// `on`: the resource.
    pub on: Option<Spanned<String>>,
    /// `because`: why a wildcard is unavoidable.
    pub because: Option<Spanned<String>>,
}

/// `audit { cloudtrail #true; data-events #true }`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Audit {
    /// The whole node.
    pub span: Span,
    /// `cloudtrail`.
    pub cloudtrail: Option<Spanned<bool>>,
    /// `data-events`.
    pub data_events: Option<Spanned<bool>>,
}
