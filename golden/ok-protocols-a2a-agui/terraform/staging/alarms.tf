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
  description         = "agentc concierge-staging: encrypts the alarm topic (CloudWatch alarms cannot use alias/aws/sns)"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.alarm_key.json
}

resource "aws_sns_topic" "alarm_topic" {
  name              = "concierge-staging-alarms"
  display_name      = "agentc concierge-staging alarms"
  kms_master_key_id = aws_kms_key.alarm_key.id
}

resource "aws_cloudwatch_metric_alarm" "concierge_a2a_sessions_alarm" {
  count = local.concierge_a2a_has_image ? 1 : 0

  alarm_name          = "concierge-staging-concierge_a2a-sessions"
  alarm_description   = "concierge_a2a_staging: SessionCount >= 100 (SampleCount over 300 s)"
  namespace           = "AWS/Bedrock-AgentCore"
  metric_name         = "SessionCount"
  statistic           = "SampleCount"
  period              = 300
  evaluation_periods  = 1
  threshold           = 100
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarm_topic.arn]

  # The full set of dimensions AgentCore publishes with: an alarm on a subset gets no data.
  dimensions = {
    "Operation" = "InvokeAgentRuntime"
    "Name"      = "concierge_a2a_staging::DEFAULT"
    "Resource"  = local.concierge_a2a_runtime_arn
  }
}

resource "aws_cloudwatch_metric_alarm" "concierge_a2a_invocations_floor_alarm" {
  count = local.concierge_a2a_has_image ? 1 : 0

  alarm_name          = "concierge-staging-concierge_a2a-invocations-floor"
  alarm_description   = "concierge_a2a_staging: Invocations >= 0 (Minimum over 3600 s)"
  namespace           = "AWS/Bedrock-AgentCore"
  metric_name         = "Invocations"
  statistic           = "Minimum"
  period              = 3600
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarm_topic.arn]

  # The full set of dimensions AgentCore publishes with: an alarm on a subset gets no data.
  dimensions = {
    "Operation" = "InvokeAgentRuntime"
    "Name"      = "concierge_a2a_staging::DEFAULT"
    "Resource"  = local.concierge_a2a_runtime_arn
  }
}

resource "aws_cloudwatch_metric_alarm" "chat_ui_sessions_alarm" {
  count = local.chat_ui_has_image ? 1 : 0

  alarm_name          = "concierge-staging-chat_ui-sessions"
  alarm_description   = "chat_ui_staging: SessionCount >= 100 (SampleCount over 300 s)"
  namespace           = "AWS/Bedrock-AgentCore"
  metric_name         = "SessionCount"
  statistic           = "SampleCount"
  period              = 300
  evaluation_periods  = 1
  threshold           = 100
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarm_topic.arn]

  # The full set of dimensions AgentCore publishes with: an alarm on a subset gets no data.
  dimensions = {
    "Operation" = "InvokeAgentRuntime"
    "Name"      = "chat_ui_staging::DEFAULT"
    "Resource"  = local.chat_ui_runtime_arn
  }
}

resource "aws_cloudwatch_metric_alarm" "chat_ui_invocations_floor_alarm" {
  count = local.chat_ui_has_image ? 1 : 0

  alarm_name          = "concierge-staging-chat_ui-invocations-floor"
  alarm_description   = "chat_ui_staging: Invocations >= 0 (Minimum over 3600 s)"
  namespace           = "AWS/Bedrock-AgentCore"
  metric_name         = "Invocations"
  statistic           = "Minimum"
  period              = 3600
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarm_topic.arn]

  # The full set of dimensions AgentCore publishes with: an alarm on a subset gets no data.
  dimensions = {
    "Operation" = "InvokeAgentRuntime"
    "Name"      = "chat_ui_staging::DEFAULT"
    "Resource"  = local.chat_ui_runtime_arn
  }
}
