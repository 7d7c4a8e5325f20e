# Per agent: {A}RuntimeArn, {A}RuntimeId, {A}InvocationUrl, {A}RepositoryUri, {A}LogGroupName,
# in snake_case. The runtime outputs are null until the image exists (see deploy.sh). No output
# ever carries a secret value.

output "order_agent_runtime_arn" {
  description = "ARN of the AgentCore runtime order_agent_production (null until its image is pushed)"
  value       = local.order_agent_runtime_arn
}

output "order_agent_runtime_id" {
  description = "ID of the AgentCore runtime order_agent_production (null until its image is pushed)"
  value       = local.order_agent_runtime_id
}

output "order_agent_invocation_url" {
  description = "HTTPS invocation URL of order_agent_production (DEFAULT endpoint; null until its image is pushed)"
  value       = local.order_agent_has_image ? "https://bedrock-agentcore.${local.region}.amazonaws.com/runtimes/${urlencode(local.order_agent_runtime_arn)}/invocations?qualifier=DEFAULT" : null
}

output "order_agent_repository_uri" {
  description = "ECR repository for the order_agent image"
  value       = aws_ecr_repository.order_agent_repository.repository_url
}

output "order_agent_log_group_name" {
  description = "Log group of order_agent_production"
  value       = aws_cloudwatch_log_group.order_agent_log_group.name
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify"
  value       = aws_sns_topic.alarm_topic.arn
}
