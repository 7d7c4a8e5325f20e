# {A}Role and {A}RolePolicy: each runtime's execution role, trusted by AgentCore only, with
# exactly the statements agentc decided (FR-002, FR-020). Every "*" resource says why.

data "aws_iam_policy_document" "support_agent_role_trust" {
  statement {
    sid     = "BedrockAgentCoreAssumeRole"
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
  name_prefix          = "support_agent_dev-"
  description          = "agentc support-desk-dev: execution role of the AgentCore runtime support_agent_dev"
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
    # "*": ecr:GetAuthorizationToken has no resource-level permissions
    sid       = "EcrAuthToken"
    effect    = "Allow"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    # "*": the runtime's id is its name plus a suffix AgentCore chooses at creation
    sid    = "RuntimeLogGroups"
    effect = "Allow"
    actions = [
      "logs:CreateLogGroup",
      "logs:DescribeLogStreams",
    ]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/bedrock-agentcore/runtimes/support_agent_dev-*"]
  }

  statement {
    # "*": logs:DescribeLogGroups lists every group; it cannot be scoped to one
    sid       = "DescribeLogGroups"
    effect    = "Allow"
    actions   = ["logs:DescribeLogGroups"]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"]
  }

  statement {
    # "*": the runtime's id is its name plus a suffix AgentCore chooses at creation
    sid    = "RuntimeLogStreams"
    effect = "Allow"
    actions = [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/bedrock-agentcore/runtimes/support_agent_dev-*:log-stream:*"]
  }

  statement {
    # "*": X-Ray has no resource-level permissions for these actions
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
    # "*": cloudwatch:PutMetricData has no resources; the condition limits it to the bedrock-agentcore namespace
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
    # "*": the runtime's id is its name plus a suffix AgentCore chooses at creation
    sid    = "WorkloadIdentity"
    effect = "Allow"
    actions = [
      "bedrock-agentcore:GetWorkloadAccessToken",
      "bedrock-agentcore:GetWorkloadAccessTokenForJWT",
      "bedrock-agentcore:GetWorkloadAccessTokenForUserId",
    ]
    resources = [
      "arn:${local.partition}:bedrock-agentcore:${local.region}:${local.account_id}:workload-identity-directory/default",
      "arn:${local.partition}:bedrock-agentcore:${local.region}:${local.account_id}:workload-identity-directory/default/workload-identity/support_agent_dev-*",
    ]
  }

  statement {
    # "*": a cross-region inference profile routes to its foundation model in any of the profile's regions
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
    # "*": Secrets Manager appends six random characters to a secret's ARN
    sid       = "ReadSecrets"
    effect    = "Allow"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["arn:${local.partition}:secretsmanager:${local.region}:${local.account_id}:secret:support-desk/search-api-key-??????"]
  }

  statement {
    sid    = "Spec1"
    effect = "Allow"
    actions = [
      "dynamodb:GetItem",
      "dynamodb:Query",
    ]
    resources = ["arn:aws:dynamodb:us-east-1:123456789012:table/tickets"]
  }
}

resource "aws_iam_role_policy" "support_agent_role_policy" {
  name   = "support_agent_dev-execution"
  role   = aws_iam_role.support_agent_role.id
  policy = data.aws_iam_policy_document.support_agent_role_policy.json
}
