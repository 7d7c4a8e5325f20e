# {A}Runtime: the AgentCore runtimes (FR-003, FR-004, FR-009, FR-012, FR-017, FR-018), each
# only once its image exists: see variables.tf and deploy.sh.
#
# This file holds only aws_bedrockagentcore_agent_runtime resources and the locals derived
# from them (so the offline `terraform validate` with an older provider can stub it).

resource "aws_bedrockagentcore_agent_runtime" "concierge_a2a_runtime" {
  count = local.concierge_a2a_has_image ? 1 : 0

  agent_runtime_name = local.concierge_a2a_runtime_name
  role_arn           = aws_iam_role.concierge_a2a_role.arn

  agent_runtime_artifact {
    container_configuration {
      container_uri = local.concierge_a2a_container_uri
    }
  }

  network_configuration {
    network_mode = "VPC"

    network_mode_config {
      subnets         = ["subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f"]
      security_groups = [aws_security_group.runtime_security_group.id]
    }
  }

  authorizer_configuration {
    custom_jwt_authorizer {
      discovery_url   = "https://cognito-idp.${local.region}.amazonaws.com/${aws_cognito_user_pool.user_pool.id}/.well-known/openid-configuration"
      allowed_clients = [aws_cognito_user_pool_client.user_pool_client.id]
    }
  }

  protocol_configuration {
    server_protocol = "A2A"
  }

  # Never a secret value: the agent resolves *_SECRET_REF at start.
  environment_variables = {
    "MODEL_ID" = "anthropic.claude-3-5-haiku-20241022-v1:0"
  }

  # A list-of-object attribute, not a block; both fields always set (provider issue 45290).
  lifecycle_configuration = [
    {
      idle_runtime_session_timeout = 900
      max_lifetime                 = 28800
    },
  ]

  # The service checks the role's ECR permissions when it creates the runtime.
  depends_on = [aws_iam_role_policy.concierge_a2a_role_policy]
}

resource "aws_bedrockagentcore_agent_runtime" "chat_ui_runtime" {
  count = local.chat_ui_has_image ? 1 : 0

  agent_runtime_name = local.chat_ui_runtime_name
  role_arn           = aws_iam_role.chat_ui_role.arn

  agent_runtime_artifact {
    container_configuration {
      container_uri = local.chat_ui_container_uri
    }
  }

  network_configuration {
    network_mode = "VPC"

    network_mode_config {
      subnets         = ["subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f"]
      security_groups = [aws_security_group.runtime_security_group.id]
    }
  }

  authorizer_configuration {
    custom_jwt_authorizer {
      discovery_url   = "https://cognito-idp.${local.region}.amazonaws.com/${aws_cognito_user_pool.user_pool.id}/.well-known/openid-configuration"
      allowed_clients = [aws_cognito_user_pool_client.user_pool_client.id]
    }
  }

  protocol_configuration {
    server_protocol = "AGUI"
  }

  # Never a secret value: the agent resolves *_SECRET_REF at start.
  environment_variables = {
    "MODEL_ID" = "anthropic.claude-3-5-haiku-20241022-v1:0"
  }

  # A list-of-object attribute, not a block; both fields always set (provider issue 45290).
  lifecycle_configuration = [
    {
      idle_runtime_session_timeout = 900
      max_lifetime                 = 28800
    },
  ]

  # The service checks the role's ECR permissions when it creates the runtime.
  depends_on = [aws_iam_role_policy.chat_ui_role_policy]
}

locals {
  concierge_a2a_runtime_arn = one(aws_bedrockagentcore_agent_runtime.concierge_a2a_runtime[*].agent_runtime_arn)
  concierge_a2a_runtime_id  = one(aws_bedrockagentcore_agent_runtime.concierge_a2a_runtime[*].agent_runtime_id)
  chat_ui_runtime_arn       = one(aws_bedrockagentcore_agent_runtime.chat_ui_runtime[*].agent_runtime_arn)
  chat_ui_runtime_id        = one(aws_bedrockagentcore_agent_runtime.chat_ui_runtime[*].agent_runtime_id)
}
