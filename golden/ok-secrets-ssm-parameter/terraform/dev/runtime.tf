# {A}Runtime: the AgentCore runtimes (FR-003, FR-004, FR-009, FR-012, FR-017, FR-018), each
# only once its image exists: see variables.tf and deploy.sh.
#
# This file holds only aws_bedrockagentcore_agent_runtime resources and the locals derived
# from them (so the offline `terraform validate` with an older provider can stub it).

resource "aws_bedrockagentcore_agent_runtime" "crm_agent_runtime" {
  count = local.crm_agent_has_image ? 1 : 0

  agent_runtime_name = local.crm_agent_runtime_name
  role_arn           = aws_iam_role.crm_agent_role.arn

  agent_runtime_artifact {
    container_configuration {
      container_uri = local.crm_agent_container_uri
    }
  }

  network_configuration {
    network_mode = "PUBLIC"
  }

  # auth "iam": no authorizer_configuration, so callers sign their requests with SigV4.

  protocol_configuration {
    server_protocol = "HTTP"
  }

  # Never a secret value: the agent resolves *_SECRET_REF at start.
  environment_variables = {
    "CRM_TOKEN_SECRET_REF"   = "ssm:/crm/dev/api-token"
    "LOG_LEVEL"              = "DEBUG"
    "MODEL_ID"               = "anthropic.claude-3-5-haiku-20241022-v1:0"
    "WEBHOOK_KEY_SECRET_REF" = "secretsmanager:arn:aws:secretsmanager:us-east-1:123456789012:secret:crm/webhook-AbCdEf"
  }

  # A list-of-object attribute, not a block; both fields always set (provider issue 45290).
  lifecycle_configuration = [
    {
      idle_runtime_session_timeout = 900
      max_lifetime                 = 28800
    },
  ]

  # The service checks the role's ECR permissions when it creates the runtime.
  depends_on = [aws_iam_role_policy.crm_agent_role_policy]
}

locals {
  crm_agent_runtime_arn = one(aws_bedrockagentcore_agent_runtime.crm_agent_runtime[*].agent_runtime_arn)
  crm_agent_runtime_id  = one(aws_bedrockagentcore_agent_runtime.crm_agent_runtime[*].agent_runtime_id)
}
