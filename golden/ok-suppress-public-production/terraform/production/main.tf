# Names and tags of website-production, decided once by agentc for every backend
# (docs/infrastructure.md, "Names used below").

locals {
  project     = "website"
  environment = "production"
  stack       = "website-production"

  tags = {
    "Project"     = "website"
    "Environment" = "production"
    "Owner"       = "web-team"
    "CostCenter"  = "CC-1010"
  }

  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = var.region

  # Agent site_agent
  site_agent_runtime_name   = "site_agent_production"
  site_agent_repository     = "website/production/site_agent"
  site_agent_log_group_name = "/aws/vendedlogs/bedrock-agentcore/website-production/site_agent"
  site_agent_has_image      = var.site_agent_image_ref != ""
}
