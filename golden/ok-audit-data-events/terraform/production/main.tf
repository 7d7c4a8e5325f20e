# Names and tags of ledger-production, decided once by agentc for every backend
# (docs/infrastructure.md, "Names used below").

locals {
  project     = "ledger"
  environment = "production"
  stack       = "ledger-production"

  tags = {
    "Project"     = "ledger"
    "Environment" = "production"
    "Owner"       = "finance-team"
    "CostCenter"  = "CC-9000"
  }

  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = var.region

  # Agent ledger_agent
  ledger_agent_runtime_name   = "ledger_agent_production"
  ledger_agent_repository     = "ledger/production/ledger_agent"
  ledger_agent_log_group_name = "/aws/vendedlogs/bedrock-agentcore/ledger-production/ledger_agent"
  ledger_agent_has_image      = var.ledger_agent_image_ref != ""
}
