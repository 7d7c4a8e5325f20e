# AlarmTopic and the {A}{Alarm}Alarm alarms of observability { alarm ... } (FR-022).

resource "aws_sns_topic" "alarm_topic" {
  name              = "${local.stack}-alarms"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_cloudwatch_metric_alarm" "support_agent_system_errors_alarm" {
  count = local.support_agent_has_image ? 1 : 0

  alarm_name          = "${local.stack}-support_agent-system-errors"
  alarm_description   = "SystemErrors of AgentCore runtime ${local.support_agent_runtime_name} >= 1 (Sum over 300 s)"
  namespace           = "AWS/Bedrock-AgentCore"
  metric_name         = "SystemErrors"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarm_topic.arn]

  dimensions = {
    Resource = local.support_agent_runtime_arn
  }
}

resource "aws_cloudwatch_metric_alarm" "support_agent_user_errors_alarm" {
  count = local.support_agent_has_image ? 1 : 0

  alarm_name          = "${local.stack}-support_agent-user-errors"
  alarm_description   = "UserErrors of AgentCore runtime ${local.support_agent_runtime_name} >= 10 (Sum over 300 s)"
  namespace           = "AWS/Bedrock-AgentCore"
  metric_name         = "UserErrors"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 10
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarm_topic.arn]

  dimensions = {
    Resource = local.support_agent_runtime_arn
  }
}

resource "aws_cloudwatch_metric_alarm" "support_agent_throttles_alarm" {
  count = local.support_agent_has_image ? 1 : 0

  alarm_name          = "${local.stack}-support_agent-throttles"
  alarm_description   = "Throttles of AgentCore runtime ${local.support_agent_runtime_name} >= 5 (Sum over 300 s)"
  namespace           = "AWS/Bedrock-AgentCore"
  metric_name         = "Throttles"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 5
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarm_topic.arn]

  dimensions = {
    Resource = local.support_agent_runtime_arn
  }
}

resource "aws_cloudwatch_metric_alarm" "support_agent_latency_alarm" {
  count = local.support_agent_has_image ? 1 : 0

  alarm_name          = "${local.stack}-support_agent-latency"
  alarm_description   = "Latency of AgentCore runtime ${local.support_agent_runtime_name} >= 30000 (Average over 300 s)"
  namespace           = "AWS/Bedrock-AgentCore"
  metric_name         = "Latency"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 1
  threshold           = 30000
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarm_topic.arn]

  dimensions = {
    Resource = local.support_agent_runtime_arn
  }
}
