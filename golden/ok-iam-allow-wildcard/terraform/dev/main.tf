# Names and tags of metrics-dev, decided once by agentc for every backend
# (docs/infrastructure.md, "Names used below").

locals {
  project     = "metrics"
  environment = "dev"
  stack       = "metrics-dev"

  tags = {
    "Project"     = "metrics"
    "Environment" = "dev"
    "Owner"       = "sre-team"
    "CostCenter"  = "CC-3300"
  }

  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = var.region

  # Agent metrics_agent
  metrics_agent_runtime_name   = "metrics_agent_dev"
  metrics_agent_repository     = "metrics/dev/metrics_agent"
  metrics_agent_log_group_name = "/aws/vendedlogs/bedrock-agentcore/metrics-dev/metrics_agent"
  metrics_agent_has_image      = var.metrics_agent_image_ref != ""
}
