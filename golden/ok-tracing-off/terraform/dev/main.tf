# Names and tags of notes-dev, decided once by agentc for every backend
# (docs/infrastructure.md, "Names used below").

locals {
  project     = "notes"
  environment = "dev"
  stack       = "notes-dev"

  tags = {
    "Project"     = "notes"
    "Environment" = "dev"
    "Owner"       = "docs-team"
    "CostCenter"  = "CC-6100"
  }

  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = var.region

  # Agent notes_agent
  notes_agent_runtime_name   = "notes_agent_dev"
  notes_agent_repository     = "notes/dev/notes_agent"
  notes_agent_log_group_name = "/aws/vendedlogs/bedrock-agentcore/notes-dev/notes_agent"
  notes_agent_has_image      = var.notes_agent_image_ref != ""
}
