# Per agent: {A}RuntimeArn, {A}RuntimeId, {A}InvocationUrl, {A}RepositoryUri, {A}LogGroupName,
# in snake_case. The runtime outputs are null until the image exists (see deploy.sh). No output
# ever carries a secret value.

output "sandbox_agent_runtime_arn" {
  description = "ARN of the AgentCore runtime sandbox_agent_dev (null until its image is pushed)"
  value       = local.sandbox_agent_runtime_arn
}

output "sandbox_agent_runtime_id" {
  description = "ID of the AgentCore runtime sandbox_agent_dev (null until its image is pushed)"
  value       = local.sandbox_agent_runtime_id
}

output "sandbox_agent_invocation_url" {
  description = "HTTPS invocation URL of sandbox_agent_dev (DEFAULT endpoint; null until its image is pushed)"
  value       = local.sandbox_agent_has_image ? "https://bedrock-agentcore.${local.region}.amazonaws.com/runtimes/${urlencode(local.sandbox_agent_runtime_arn)}/invocations?qualifier=DEFAULT" : null
}

output "sandbox_agent_repository_uri" {
  description = "ECR repository for the sandbox_agent image"
  value       = aws_ecr_repository.sandbox_agent_repository.repository_url
}

output "sandbox_agent_log_group_name" {
  description = "Log group of sandbox_agent_dev"
  value       = aws_cloudwatch_log_group.sandbox_agent_log_group.name
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify"
  value       = aws_sns_topic.alarm_topic.arn
}
