# Names and tags of billing-dev, decided once by agentc for every backend
# (docs/infrastructure.md, "Names used below").

locals {
  project     = "billing"
  environment = "dev"
  stack       = "billing-dev"

  tags = {
    "Project"     = "billing"
    "Environment" = "dev"
    "Owner"       = "finance-team"
    "CostCenter"  = "CC-7700"
  }

  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = var.region

  # Agent billing_agent
  billing_agent_runtime_name   = "billing_agent_dev"
  billing_agent_repository     = "billing/dev/billing_agent"
  billing_agent_log_group_name = "/aws/vendedlogs/bedrock-agentcore/billing-dev/billing_agent"
  billing_agent_has_image      = var.billing_agent_image_ref != ""
}
