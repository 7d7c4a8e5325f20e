# {A}{Alarm}Alarm: alarms on each runtime's metrics (FR-022), and AlarmKey and
# AlarmTopic, the topic they notify: CloudWatch alarms cannot publish to a topic encrypted with
# the AWS managed key alias/aws/sns, so the topic has its own key.

data "aws_iam_policy_document" "alarm_key" {
  #checkov:skip=CKV_AWS_109:A key policy's "*" resource is this key only. AccountAdministersKey is the AWS default statement that hands the key to IAM in this account; without it the key cannot be managed.
  #checkov:skip=CKV_AWS_111:A key policy's "*" resource is this key only; CloudWatch is limited to this account by aws:SourceAccount.
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
    sid       = "CloudWatchAlarmsPublish"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_kms_key" "alarm_key" {
  description         = "agentc ledger-production: encrypts the alarm topic (CloudWatch alarms cannot use alias/aws/sns)"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.alarm_key.json
}

resource "aws_sns_topic" "alarm_topic" {
  name              = "ledger-production-alarms"
  display_name      = "agentc ledger-production alarms"
  kms_master_key_id = aws_kms_key.alarm_key.id
}

resource "aws_cloudwatch_metric_alarm" "ledger_agent_system_errors_alarm" {
  count = local.ledger_agent_has_image ? 1 : 0

  alarm_name          = "ledger-production-ledger_agent-system-errors"
  alarm_description   = "ledger_agent_production: SystemErrors >= 1 (Sum over 300 s)"
  namespace           = "AWS/Bedrock-AgentCore"
  metric_name         = "SystemErrors"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarm_topic.arn]

  # The full set of dimensions AgentCore publishes with: an alarm on a subset gets no data.
  dimensions = {
    "Operation" = "InvokeAgentRuntime"
    "Name"      = "ledger_agent_production::DEFAULT"
    "Resource"  = local.ledger_agent_runtime_arn
  }
}

resource "aws_cloudwatch_metric_alarm" "ledger_agent_throttles_alarm" {
  count = local.ledger_agent_has_image ? 1 : 0

  alarm_name          = "ledger-production-ledger_agent-throttles"
  alarm_description   = "ledger_agent_production: Throttles >= 5 (Sum over 300 s)"
  namespace           = "AWS/Bedrock-AgentCore"
  metric_name         = "Throttles"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 5
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarm_topic.arn]

  # The full set of dimensions AgentCore publishes with: an alarm on a subset gets no data.
  dimensions = {
    "Operation" = "InvokeAgentRuntime"
    "Name"      = "ledger_agent_production::DEFAULT"
    "Resource"  = local.ledger_agent_runtime_arn
  }
}
