# Names and tags of hello-agent-dev, decided once by agentc for every backend
# (docs/infrastructure.md, "Names used below").

locals {
  project     = "hello-agent"
  environment = "dev"
  stack       = "hello-agent-dev"

  tags = {
    "Project"     = "hello-agent"
    "Environment" = "dev"
    "Owner"       = "platform-team"
    "CostCenter"  = "CC-0001"
  }

  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = var.region

  # Agent hello_agent
  hello_agent_runtime_name   = "hello_agent_dev"
  hello_agent_repository     = "hello-agent/dev/hello_agent"
  hello_agent_log_group_name = "/aws/vendedlogs/bedrock-agentcore/hello-agent-dev/hello_agent"
  hello_agent_has_image      = var.hello_agent_image_ref != ""
}
