# Names and tags of travel-production, decided once by agentc for every backend
# (docs/infrastructure.md, "Names used below").

locals {
  project     = "travel"
  environment = "production"
  stack       = "travel-production"

  tags = {
    "Project"     = "travel"
    "Environment" = "production"
    "Owner"       = "travel-team"
    "CostCenter"  = "CC-8080"
    "product"     = "trips"
  }

  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = var.region

  # Agent planner
  planner_runtime_name   = "planner_production"
  planner_repository     = "travel/production/planner"
  planner_log_group_name = "/aws/vendedlogs/bedrock-agentcore/travel-production/planner"
  planner_has_image      = var.planner_image_ref != ""

  # Agent booking_tools
  booking_tools_runtime_name   = "booking_tools_production"
  booking_tools_repository     = "travel/production/booking_tools"
  booking_tools_log_group_name = "/aws/vendedlogs/bedrock-agentcore/travel-production/booking_tools"
  booking_tools_has_image      = var.booking_tools_image_ref != ""
}
