# Names and tags of analytics-production, decided once by agentc for every backend
# (docs/infrastructure.md, "Names used below").

locals {
  project     = "analytics"
  environment = "production"
  stack       = "analytics-production"

  tags = {
    "Project"     = "analytics"
    "Environment" = "production"
    "Owner"       = "data-team"
    "CostCenter"  = "CC-5150"
  }

  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = var.region

  # Agent report_agent
  report_agent_runtime_name   = "report_agent_production"
  report_agent_repository     = "analytics/production/report_agent"
  report_agent_log_group_name = "/aws/vendedlogs/bedrock-agentcore/analytics-production/report_agent"
  report_agent_has_image      = var.report_agent_image_ref != ""
}
