# {A}Role and {A}RolePolicy: the runtime's execution role, least privilege (FR-002, FR-020).

data "aws_iam_policy_document" "support_agent_role_trust" {
  statement {
    sid     = "AgentCoreAssumeRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["bedrock-agentcore.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:bedrock-agentcore:${local.region}:${local.account_id}:*"]
    }
  }
}

resource "aws_iam_role" "support_agent_role" {
  name                 = "support-desk-dev-support_agent-runtime"
  description          = "Execution role of the AgentCore runtime support_agent_dev"
  assume_role_policy   = data.aws_iam_policy_document.support_agent_role_trust.json
  max_session_duration = 28800
}

data "aws_iam_policy_document" "support_agent_role_policy" {
  statement {
    sid    = "EcrImagePull"
    effect = "Allow"
    actions = [
      "ecr:BatchGetImage",
      "ecr:GetDownloadUrlForLayer",
      "ecr:BatchCheckLayerAvailability",
    ]
    resources = [aws_ecr_repository.support_agent_repository.arn]
  }

  statement {
    # "*": the action has no resource-level permissions.
    sid       = "EcrAuthToken"
    effect    = "Allow"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid       = "RuntimeLogGroups"
    effect    = "Allow"
    actions   = ["logs:CreateLogGroup", "logs:DescribeLogStreams"]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/bedrock-agentcore/runtimes/${local.support_agent_runtime_name}-*"]
  }

  statement {
    # log-group:*: the action lists all groups; it cannot be scoped to one.
    sid       = "DescribeLogGroups"
    effect    = "Allow"
    actions   = ["logs:DescribeLogGroups"]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"]
  }

  statement {
    sid       = "RuntimeLogStreams"
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/bedrock-agentcore/runtimes/${local.support_agent_runtime_name}-*:log-stream:*"]
  }

  statement {
    # "*": X-Ray has no resource-level permissions for these actions.
    sid    = "XRayTraces"
    effect = "Allow"
    actions = [
      "xray:PutTraceSegments",
      "xray:PutTelemetryRecords",
      "xray:GetSamplingRules",
      "xray:GetSamplingTargets",
    ]
    resources = ["*"]
  }

  statement {
    # "*": PutMetricData has no resources; the condition limits it to one namespace.
    sid       = "AgentMetrics"
    effect    = "Allow"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = ["bedrock-agentcore"]
    }
  }

  statement {
    sid    = "WorkloadIdentity"
    effect = "Allow"
    actions = [
      "bedrock-agentcore:GetWorkloadAccessToken",
      "bedrock-agentcore:GetWorkloadAccessTokenForJWT",
      "bedrock-agentcore:GetWorkloadAccessTokenForUserId",
    ]
    resources = [
      "arn:${local.partition}:bedrock-agentcore:${local.region}:${local.account_id}:workload-identity-directory/default",
      "arn:${local.partition}:bedrock-agentcore:${local.region}:${local.account_id}:workload-identity-directory/default/workload-identity/${local.support_agent_runtime_name}-*",
    ]
  }

  statement {
    # model "us.anthropic.claude-sonnet-4-5-20250929-v1:0" is an inference profile id: the profile
    # in this region, and the foundation model it routes to in any region.
    sid    = "InvokeModels"
    effect = "Allow"
    actions = [
      "bedrock:InvokeModel",
      "bedrock:InvokeModelWithResponseStream",
    ]
    resources = [
      "arn:${local.partition}:bedrock:${local.region}:${local.account_id}:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
      "arn:${local.partition}:bedrock:*::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0",
    ]
  }

  statement {
    # secret "SEARCH_API_KEY" secrets-manager="support-desk/search-api-key"
    sid       = "ReadSecrets"
    effect    = "Allow"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["arn:${local.partition}:secretsmanager:${local.region}:${local.account_id}:secret:support-desk/search-api-key-??????"]
  }

  statement {
    # permissions { allow "dynamodb:GetItem" "dynamodb:Query" on=... }
    sid       = "Spec1"
    effect    = "Allow"
    actions   = ["dynamodb:GetItem", "dynamodb:Query"]
    resources = ["arn:aws:dynamodb:us-east-1:123456789012:table/tickets"]
  }
}

resource "aws_iam_role_policy" "support_agent_role_policy" {
  name   = "support_agent-runtime"
  role   = aws_iam_role.support_agent_role.id
  policy = data.aws_iam_policy_document.support_agent_role_policy.json
}
