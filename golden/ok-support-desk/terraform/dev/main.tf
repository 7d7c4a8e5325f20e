# Names and tags of support-desk-dev, decided once by agentc for every backend
# (docs/infrastructure.md, "Names used below").

locals {
  project     = "support-desk"
  environment = "dev"
  stack       = "support-desk-dev"

  tags = {
    "Project"             = "support-desk"
    "Environment"         = "dev"
    "Owner"               = "platform-team"
    "CostCenter"          = "CC-4521"
    "team"                = "agents"
    "data-classification" = "internal"
  }

  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = var.region

  # Agent support_agent
  support_agent_runtime_name   = "support_agent_dev"
  support_agent_repository     = "support-desk/dev/support_agent"
  support_agent_log_group_name = "/aws/vendedlogs/bedrock-agentcore/support-desk-dev/support_agent"
  support_agent_has_image      = var.support_agent_image_ref != ""
}
