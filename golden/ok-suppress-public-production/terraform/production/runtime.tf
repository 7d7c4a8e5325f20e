# {A}Runtime: the AgentCore runtimes (FR-003, FR-004, FR-009, FR-012, FR-017, FR-018), each
# only once its image exists: see variables.tf and deploy.sh.
#
# This file holds only aws_bedrockagentcore_agent_runtime resources and the locals derived
# from them (so the offline `terraform validate` with an older provider can stub it).

resource "aws_bedrockagentcore_agent_runtime" "site_agent_runtime" {
  count = local.site_agent_has_image ? 1 : 0

  agent_runtime_name = local.site_agent_runtime_name
  role_arn           = aws_iam_role.site_agent_role.arn

  agent_runtime_artifact {
    container_configuration {
      container_uri = local.site_agent_container_uri
    }
  }

  network_configuration {
    network_mode = "PUBLIC"
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
  depends_on = [aws_iam_role_policy.site_agent_role_policy]
}

locals {
  site_agent_runtime_arn = one(aws_bedrockagentcore_agent_runtime.site_agent_runtime[*].agent_runtime_arn)
  site_agent_runtime_id  = one(aws_bedrockagentcore_agent_runtime.site_agent_runtime[*].agent_runtime_id)
}
