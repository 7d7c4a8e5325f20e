# Names and tags of ledger-dev, decided once by agentc for every backend
# (docs/infrastructure.md, "Names used below").

locals {
  project     = "ledger"
  environment = "dev"
  stack       = "ledger-dev"

  tags = {
    "Project"     = "ledger"
    "Environment" = "dev"
    "Owner"       = "finance-team"
    "CostCenter"  = "CC-9000"
  }

  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = var.region

  # Agent ledger_agent
  ledger_agent_runtime_name   = "ledger_agent_dev"
  ledger_agent_repository     = "ledger/dev/ledger_agent"
  ledger_agent_log_group_name = "/aws/vendedlogs/bedrock-agentcore/ledger-dev/ledger_agent"
  ledger_agent_has_image      = var.ledger_agent_image_ref != ""
}
