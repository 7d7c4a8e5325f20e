# {A}Runtime: the AgentCore runtimes (FR-003, FR-004, FR-009, FR-012, FR-017, FR-018), each
# only once its image exists: see variables.tf and deploy.sh.
#
# This file holds only aws_bedrockagentcore_agent_runtime resources and the locals derived
# from them (so the offline `terraform validate` with an older provider can stub it).

resource "aws_bedrockagentcore_agent_runtime" "planner_runtime" {
  count = local.planner_has_image ? 1 : 0

  agent_runtime_name = local.planner_runtime_name
  description        = "Plans trips"
  role_arn           = aws_iam_role.planner_role.arn

  agent_runtime_artifact {
    container_configuration {
      container_uri = local.planner_container_uri
    }
  }

  network_configuration {
    network_mode = "VPC"

    network_mode_config {
      subnets         = ["subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f"]
      security_groups = [aws_security_group.runtime_security_group.id, "sg-0fedcba9876543210"]
    }
  }

  authorizer_configuration {
    custom_jwt_authorizer {
      discovery_url   = "https://cognito-idp.${local.region}.amazonaws.com/${aws_cognito_user_pool.user_pool.id}/.well-known/openid-configuration"
      allowed_clients = [aws_cognito_user_pool_client.user_pool_client.id]
    }
  }

  protocol_configuration {
    server_protocol = "HTTP"
  }

  # Never a secret value: the agent resolves *_SECRET_REF at start.
  environment_variables = {
    "MODEL_ID" = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
  }

  # A list-of-object attribute, not a block; both fields always set (provider issue 45290).
  lifecycle_configuration = [
    {
      idle_runtime_session_timeout = 300
      max_lifetime                 = 3600
    },
  ]

  # The service checks the role's ECR permissions when it creates the runtime.
  depends_on = [aws_iam_role_policy.planner_role_policy]
}

resource "aws_bedrockagentcore_agent_runtime" "booking_tools_runtime" {
  count = local.booking_tools_has_image ? 1 : 0

  agent_runtime_name = local.booking_tools_runtime_name
  description        = "MCP tools for bookings"
  role_arn           = aws_iam_role.booking_tools_role.arn

  agent_runtime_artifact {
    container_configuration {
      container_uri = local.booking_tools_container_uri
    }
  }

  network_configuration {
    network_mode = "VPC"

    network_mode_config {
      subnets         = ["subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f"]
      security_groups = [aws_security_group.runtime_security_group.id, "sg-0fedcba9876543210"]
    }
  }

  authorizer_configuration {
    custom_jwt_authorizer {
      discovery_url   = "https://cognito-idp.${local.region}.amazonaws.com/${aws_cognito_user_pool.user_pool.id}/.well-known/openid-configuration"
      allowed_clients = [aws_cognito_user_pool_client.user_pool_client.id]
    }
  }

  protocol_configuration {
    server_protocol = "MCP"
  }

  # Never a secret value: the agent resolves *_SECRET_REF at start.
  environment_variables = {
    "BOOKING_API" = "https://bookings.internal.example.com"
    "MODEL_ID"    = "anthropic.claude-3-5-haiku-20241022-v1:0"
  }

  # A list-of-object attribute, not a block; both fields always set (provider issue 45290).
  lifecycle_configuration = [
    {
      idle_runtime_session_timeout = 900
      max_lifetime                 = 28800
    },
  ]

  # The service checks the role's ECR permissions when it creates the runtime.
  depends_on = [aws_iam_role_policy.booking_tools_role_policy]
}

locals {
  planner_runtime_arn       = one(aws_bedrockagentcore_agent_runtime.planner_runtime[*].agent_runtime_arn)
  planner_runtime_id        = one(aws_bedrockagentcore_agent_runtime.planner_runtime[*].agent_runtime_id)
  booking_tools_runtime_arn = one(aws_bedrockagentcore_agent_runtime.booking_tools_runtime[*].agent_runtime_arn)
  booking_tools_runtime_id  = one(aws_bedrockagentcore_agent_runtime.booking_tools_runtime[*].agent_runtime_id)
}
