# Names and tags of orders-production, decided once by agentc for every backend
# (docs/infrastructure.md, "Names used below").

locals {
  project     = "orders"
  environment = "production"
  stack       = "orders-production"

  tags = {
    "Project"     = "orders"
    "Environment" = "production"
    "Owner"       = "commerce-team"
    "CostCenter"  = "CC-2001"
  }

  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = var.region

  # Agent order_agent
  order_agent_runtime_name   = "order_agent_production"
  order_agent_repository     = "orders/production/order_agent"
  order_agent_log_group_name = "/aws/vendedlogs/bedrock-agentcore/orders-production/order_agent"
  order_agent_has_image      = var.order_agent_image_ref != ""
}
