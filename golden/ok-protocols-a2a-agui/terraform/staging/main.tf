# Names and tags of concierge-staging, decided once by agentc for every backend
# (docs/infrastructure.md, "Names used below").

locals {
  project     = "concierge"
  environment = "staging"
  stack       = "concierge-staging"

  tags = {
    "Project"     = "concierge"
    "Environment" = "staging"
    "Owner"       = "cx-team"
    "CostCenter"  = "CC-4400"
  }

  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = var.region

  # Agent concierge_a2a
  concierge_a2a_runtime_name   = "concierge_a2a_staging"
  concierge_a2a_repository     = "concierge/staging/concierge_a2a"
  concierge_a2a_log_group_name = "/aws/vendedlogs/bedrock-agentcore/concierge-staging/concierge_a2a"
  concierge_a2a_has_image      = var.concierge_a2a_image_ref != ""

  # Agent chat_ui
  chat_ui_runtime_name   = "chat_ui_staging"
  chat_ui_repository     = "concierge/staging/chat_ui"
  chat_ui_log_group_name = "/aws/vendedlogs/bedrock-agentcore/concierge-staging/chat_ui"
  chat_ui_has_image      = var.chat_ui_image_ref != ""
}
