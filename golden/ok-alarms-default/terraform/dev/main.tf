# Names and tags of faq-dev, decided once by agentc for every backend
# (docs/infrastructure.md, "Names used below").

locals {
  project     = "faq"
  environment = "dev"
  stack       = "faq-dev"

  tags = {
    "Project"     = "faq"
    "Environment" = "dev"
    "Owner"       = "support-team"
    "CostCenter"  = "CC-1200"
  }

  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = var.region

  # Agent faq_agent
  faq_agent_runtime_name   = "faq_agent_dev"
  faq_agent_repository     = "faq/dev/faq_agent"
  faq_agent_log_group_name = "/aws/vendedlogs/bedrock-agentcore/faq-dev/faq_agent"
  faq_agent_has_image      = var.faq_agent_image_ref != ""
}
