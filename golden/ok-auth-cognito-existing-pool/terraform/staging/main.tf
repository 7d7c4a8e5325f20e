# Names and tags of helpdesk-staging, decided once by agentc for every backend
# (docs/infrastructure.md, "Names used below").

locals {
  project     = "helpdesk"
  environment = "staging"
  stack       = "helpdesk-staging"

  tags = {
    "Project"     = "helpdesk"
    "Environment" = "staging"
    "Owner"       = "it-team"
    "CostCenter"  = "CC-3100"
  }

  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = var.region

  # Agent helpdesk_agent
  helpdesk_agent_runtime_name   = "helpdesk_agent_staging"
  helpdesk_agent_repository     = "helpdesk/staging/helpdesk_agent"
  helpdesk_agent_log_group_name = "/aws/vendedlogs/bedrock-agentcore/helpdesk-staging/helpdesk_agent"
  helpdesk_agent_has_image      = var.helpdesk_agent_image_ref != ""
}
