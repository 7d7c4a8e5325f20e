//! Target → backend. Each backend is a crate that sees only the IR.

use agentc_diagnostics::Diagnostic;
use agentc_ir::{Artifact, Deployment, EmitOptions};

use crate::cli::Target;

/// Emit `deployment` with the backend of `target`.
pub(crate) fn emit(
    target: Target,
    deployment: &Deployment,
    options: &EmitOptions,
) -> Result<Artifact, Vec<Diagnostic>> {
    match target {
        Target::Cfn => agentc_backend_cfn::emit(deployment, options),
        Target::Terraform => agentc_backend_terraform::emit(deployment, options),
        Target::Cdk => agentc_backend_cdk::emit(deployment, options),
    }
}
