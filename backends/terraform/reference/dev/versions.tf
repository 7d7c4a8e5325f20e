# Generated-by-hand reference of what `agentc compile specs/support-desk.kdl --target terraform
# --env dev` emits. Contract: docs/infrastructure.md.

terraform {
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # aws_bedrockagentcore_agent_runtime (with lifecycle_configuration) and XRAY log delivery
      # destinations; attribute names checked against 6.25 (backends/terraform/schema/).
      version = ">= 6.25.0, < 7.0.0"
    }
  }
}
