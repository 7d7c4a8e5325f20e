//! The IR: the resolved deployment of one environment, as every backend renders it.
//!
//! Required settings are not `Option`; closed sets are enums; names are validated newtypes;
//! maps are ordered. Logical IDs, resource names and IAM statements are decided here, during
//! lowering, once for all backends. Each agent keeps the span of the spec node it came from so
//! a backend can point back at the spec. Depends only on `agentc-diagnostics` (for `Span`).

mod emit;
mod model;
mod names;
mod policy;
mod template;

pub use emit::{Artifact, EmitOptions};
pub use model::*;
pub use names::{
    AccountId, EnvironmentName, LogicalId, ProjectName, Region, RuntimeName, pascal_case,
};
pub use policy::{Condition, Statement};
pub use template::{Part, Template};
