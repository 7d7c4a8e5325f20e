# {A}Runtime: the AgentCore runtimes (FR-003, FR-004, FR-009, FR-012, FR-017, FR-018), each
# only once its image exists: see variables.tf and deploy.sh.
#
# This file holds only aws_bedrockagentcore_agent_runtime resources and the locals derived
# from them (so the offline `terraform validate` with an older provider can stub it).

resource "aws_bedrockagentcore_agent_runtime" "report_agent_runtime" {
  count = local.report_agent_has_image ? 1 : 0

  agent_runtime_name = local.report_agent_runtime_name
  role_arn           = aws_iam_role.report_agent_role.arn

  agent_runtime_artifact {
    container_configuration {
      container_uri = local.report_agent_container_uri
    }
  }

  network_configuration {
    network_mode = "VPC"

    network_mode_config {
      subnets         = ["subnet-0a1a1a1a1a1a1a1a1", "subnet-0b2b2b2b2b2b2b2b2", "subnet-0c3c3c3c3c3c3c3c3"]
      security_groups = ["sg-0d4d4d4d4d4d4d4d4", "sg-0e5e5e5e5e5e5e5e5"]
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
      idle_runtime_session_timeout = 900
      max_lifetime                 = 28800
    },
  ]

  # The service checks the role's ECR permissions when it creates the runtime.
  depends_on = [aws_iam_role_policy.report_agent_role_policy]
}

locals {
  report_agent_runtime_arn = one(aws_bedrockagentcore_agent_runtime.report_agent_runtime[*].agent_runtime_arn)
  report_agent_runtime_id  = one(aws_bedrockagentcore_agent_runtime.report_agent_runtime[*].agent_runtime_id)
}
