# {A}Runtime: the AgentCore runtime (FR-003, FR-009, FR-012). dev: network "public", auth "iam".
# Only once an image exists: see variable support_agent_image_ref and deploy.sh.
#
# This file holds only the aws_bedrockagentcore_agent_runtime resource and the locals derived
# from it; its attribute names are checked against hashicorp/aws 6.25 by
# backends/terraform/schema/check_attributes.py. The offline `terraform validate` (provider 5.100,
# which predates the resource) replaces this file with a stub.

resource "aws_bedrockagentcore_agent_runtime" "support_agent_runtime" {
  count = local.support_agent_has_image ? 1 : 0

  agent_runtime_name = local.support_agent_runtime_name
  description        = "Answers customer support questions from the ticket history"
  role_arn           = aws_iam_role.support_agent_role.arn

  agent_runtime_artifact {
    container_configuration {
      container_uri = local.support_agent_container_uri
    }
  }

  network_configuration {
    network_mode = "PUBLIC"
  }

  # auth "iam": no authorizer_configuration, so callers sign with SigV4 (the service default).

  protocol_configuration {
    server_protocol = "HTTP"
  }

  # Never a secret value: the agent resolves *_SECRET_REF at start (agent/secrets.py).
  environment_variables = {
    LOG_LEVEL                 = "INFO"
    TICKETS_TABLE             = "tickets"
    SEARCH_API_KEY_SECRET_REF = "secretsmanager:support-desk/search-api-key"
  }

  # A list-of-object attribute, not a block; both fields always set (provider issue 45290).
  lifecycle_configuration = [
    {
      idle_runtime_session_timeout = 900
      max_lifetime                 = 28800
    },
  ]

  # The service checks the role's ECR permissions when it creates the runtime.
  depends_on = [
    aws_iam_role.support_agent_role,
    aws_iam_role_policy.support_agent_role_policy,
  ]
}

locals {
  support_agent_runtime_arn = one(aws_bedrockagentcore_agent_runtime.support_agent_runtime[*].agent_runtime_arn)
  support_agent_runtime_id  = one(aws_bedrockagentcore_agent_runtime.support_agent_runtime[*].agent_runtime_id)
}
