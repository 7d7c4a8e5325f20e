# Names and tags of crm-dev, decided once by agentc for every backend
# (docs/infrastructure.md, "Names used below").

locals {
  project     = "crm"
  environment = "dev"
  stack       = "crm-dev"

  tags = {
    "Project"     = "crm"
    "Environment" = "dev"
    "Owner"       = "sales-platform"
    "CostCenter"  = "CC-4040"
  }

  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = var.region

  # Agent crm_agent
  crm_agent_runtime_name   = "crm_agent_dev"
  crm_agent_repository     = "crm/dev/crm_agent"
  crm_agent_log_group_name = "/aws/vendedlogs/bedrock-agentcore/crm-dev/crm_agent"
  crm_agent_has_image      = var.crm_agent_image_ref != ""
}
