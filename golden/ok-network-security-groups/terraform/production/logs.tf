# LogKey, each agent's {A}LogGroup, and the vended delivery of the runtime's application logs
# to it and, with tracing, of its traces to X-Ray (FR-021, FR-025).

data "aws_iam_policy_document" "log_key" {
  #checkov:skip=CKV_AWS_109:A key policy's "*" resource is this key only. AccountAdministersKey is the AWS default statement that hands the key to IAM in this account; without it the key cannot be managed.
  #checkov:skip=CKV_AWS_111:A key policy's "*" resource is this key only; the service principal is limited by the encryption-context condition.
  #checkov:skip=CKV_AWS_356:A key policy's "*" resource is this key only (key policies cannot name other resources).
  statement {
    sid       = "AccountAdministersKey"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid    = "CloudWatchLogsUseKey"
    effect = "Allow"
    actions = [
      "kms:Encrypt*",
      "kms:Decrypt*",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:Describe*",
    ]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${local.region}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/vendedlogs/bedrock-agentcore/analytics-production/*"]
    }
  }
}

resource "aws_kms_key" "log_key" {
  description         = "agentc analytics-production: encrypts the agents' CloudWatch Logs log groups"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.log_key.json

  # production: the retained log groups need their key (CloudFormation: Retain).
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "report_agent_log_group" {
  #checkov:skip=CKV_AWS_338:The spec keeps logs 30 days in environment production; agentc requires at least 30 (FR-025), checkov asks for 365.
  name              = local.report_agent_log_group_name
  retention_in_days = 30
  kms_key_id        = aws_kms_key.log_key.arn
  # production: the log group and its logs outlive the module (CloudFormation: Retain).
  skip_destroy = true
}

# Application logs of report_agent_production: runtime -> log group.

resource "aws_cloudwatch_log_delivery_source" "report_agent_log_source" {
  count = local.report_agent_has_image ? 1 : 0

  name         = "report_agent_production-logs"
  log_type     = "APPLICATION_LOGS"
  resource_arn = local.report_agent_runtime_arn
}

resource "aws_cloudwatch_log_delivery_destination" "report_agent_log_destination" {
  count = local.report_agent_has_image ? 1 : 0

  name = "report_agent_production-logs-cwl"

  delivery_destination_configuration {
    destination_resource_arn = aws_cloudwatch_log_group.report_agent_log_group.arn
  }
}

resource "aws_cloudwatch_log_delivery" "report_agent_log_delivery" {
  count = local.report_agent_has_image ? 1 : 0

  delivery_source_name     = aws_cloudwatch_log_delivery_source.report_agent_log_source[0].name
  delivery_destination_arn = aws_cloudwatch_log_delivery_destination.report_agent_log_destination[0].arn
}
