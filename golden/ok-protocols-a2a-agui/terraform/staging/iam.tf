# {A}Role and {A}RolePolicy: each runtime's execution role, trusted by AgentCore only, with
# exactly the statements agentc decided (FR-002, FR-020). Every "*" resource says why.

data "aws_iam_policy_document" "concierge_a2a_role_trust" {
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

resource "aws_iam_role" "concierge_a2a_role" {
  name_prefix          = "concierge_a2a_staging-"
  description          = "agentc concierge-staging: execution role of the AgentCore runtime concierge_a2a_staging"
  assume_role_policy   = data.aws_iam_policy_document.concierge_a2a_role_trust.json
  max_session_duration = 28800
}

data "aws_iam_policy_document" "concierge_a2a_role_policy" {
  statement {
    sid    = "EcrImagePull"
    effect = "Allow"
    actions = [
      "ecr:BatchGetImage",
      "ecr:GetDownloadUrlForLayer",
      "ecr:BatchCheckLayerAvailability",
    ]
    resources = [aws_ecr_repository.concierge_a2a_repository.arn]
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
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/bedrock-agentcore/runtimes/concierge_a2a_staging-*"]
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
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/bedrock-agentcore/runtimes/concierge_a2a_staging-*:log-stream:*"]
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
      "arn:${local.partition}:bedrock-agentcore:${local.region}:${local.account_id}:workload-identity-directory/default/workload-identity/concierge_a2a_staging-*",
    ]
  }

  statement {
    sid    = "InvokeModels"
    effect = "Allow"
    actions = [
      "bedrock:InvokeModel",
      "bedrock:InvokeModelWithResponseStream",
    ]
    resources = ["arn:${local.partition}:bedrock:${local.region}::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0"]
  }
}

resource "aws_iam_role_policy" "concierge_a2a_role_policy" {
  name   = "concierge_a2a_staging-execution"
  role   = aws_iam_role.concierge_a2a_role.id
  policy = data.aws_iam_policy_document.concierge_a2a_role_policy.json
}

data "aws_iam_policy_document" "chat_ui_role_trust" {
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

resource "aws_iam_role" "chat_ui_role" {
  name_prefix          = "chat_ui_staging-"
  description          = "agentc concierge-staging: execution role of the AgentCore runtime chat_ui_staging"
  assume_role_policy   = data.aws_iam_policy_document.chat_ui_role_trust.json
  max_session_duration = 28800
}

data "aws_iam_policy_document" "chat_ui_role_policy" {
  statement {
    sid    = "EcrImagePull"
    effect = "Allow"
    actions = [
      "ecr:BatchGetImage",
      "ecr:GetDownloadUrlForLayer",
      "ecr:BatchCheckLayerAvailability",
    ]
    resources = [aws_ecr_repository.chat_ui_repository.arn]
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
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/bedrock-agentcore/runtimes/chat_ui_staging-*"]
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
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/bedrock-agentcore/runtimes/chat_ui_staging-*:log-stream:*"]
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
      "arn:${local.partition}:bedrock-agentcore:${local.region}:${local.account_id}:workload-identity-directory/default/workload-identity/chat_ui_staging-*",
    ]
  }

  statement {
    sid    = "InvokeModels"
    effect = "Allow"
    actions = [
      "bedrock:InvokeModel",
      "bedrock:InvokeModelWithResponseStream",
    ]
    resources = ["arn:${local.partition}:bedrock:${local.region}::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0"]
  }
}

resource "aws_iam_role_policy" "chat_ui_role_policy" {
  name   = "chat_ui_staging-execution"
  role   = aws_iam_role.chat_ui_role.id
  policy = data.aws_iam_policy_document.chat_ui_role_policy.json
}
