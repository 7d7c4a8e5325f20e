# {A}{Alarm}Alarm: alarms on each runtime's metrics (FR-022).

resource "aws_cloudwatch_metric_alarm" "billing_agent_errors_alarm" {
  count = local.billing_agent_has_image ? 1 : 0

  alarm_name          = "billing-dev-billing_agent-errors"
  alarm_description   = "billing_agent_dev: SystemErrors >= 1 (Sum over 300 s)"
  namespace           = "AWS/Bedrock-AgentCore"
  metric_name         = "SystemErrors"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = ["arn:aws:sns:us-east-1:123456789012:ops-alerts"]

  # The full set of dimensions AgentCore publishes with: an alarm on a subset gets no data.
  dimensions = {
    "Operation" = "InvokeAgentRuntime"
    "Name"      = "billing_agent_dev::DEFAULT"
    "Resource"  = local.billing_agent_runtime_arn
  }
}

resource "aws_cloudwatch_metric_alarm" "billing_agent_slow_alarm" {
  count = local.billing_agent_has_image ? 1 : 0

  alarm_name          = "billing-dev-billing_agent-slow"
  alarm_description   = "billing_agent_dev: Latency >= 2500.5 (Maximum over 60 s, 3 periods)"
  namespace           = "AWS/Bedrock-AgentCore"
  metric_name         = "Latency"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  threshold           = 2500.5
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = ["arn:aws:sns:us-east-1:123456789012:ops-alerts"]

  # The full set of dimensions AgentCore publishes with: an alarm on a subset gets no data.
  dimensions = {
    "Operation" = "InvokeAgentRuntime"
    "Name"      = "billing_agent_dev::DEFAULT"
    "Resource"  = local.billing_agent_runtime_arn
  }
}
