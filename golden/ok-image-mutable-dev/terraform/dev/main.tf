# Names and tags of sandbox-dev, decided once by agentc for every backend
# (docs/infrastructure.md, "Names used below").

locals {
  project     = "sandbox"
  environment = "dev"
  stack       = "sandbox-dev"

  tags = {
    "Project"     = "sandbox"
    "Environment" = "dev"
    "Owner"       = "platform-team"
    "CostCenter"  = "CC-0002"
  }

  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = var.region

  # Agent sandbox_agent
  sandbox_agent_runtime_name   = "sandbox_agent_dev"
  sandbox_agent_repository     = "sandbox/dev/sandbox_agent"
  sandbox_agent_log_group_name = "/aws/vendedlogs/bedrock-agentcore/sandbox-dev/sandbox_agent"
  sandbox_agent_has_image      = var.sandbox_agent_image_ref != ""
}
