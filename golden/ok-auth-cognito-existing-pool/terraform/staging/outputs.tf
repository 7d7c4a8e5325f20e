# Per agent: {A}RuntimeArn, {A}RuntimeId, {A}InvocationUrl, {A}RepositoryUri, {A}LogGroupName,
# in snake_case. The runtime outputs are null until the image exists (see deploy.sh). No output
# ever carries a secret value.

output "helpdesk_agent_runtime_arn" {
  description = "ARN of the AgentCore runtime helpdesk_agent_staging (null until its image is pushed)"
  value       = local.helpdesk_agent_runtime_arn
}

output "helpdesk_agent_runtime_id" {
  description = "ID of the AgentCore runtime helpdesk_agent_staging (null until its image is pushed)"
  value       = local.helpdesk_agent_runtime_id
}

output "helpdesk_agent_invocation_url" {
  description = "HTTPS invocation URL of helpdesk_agent_staging (DEFAULT endpoint; null until its image is pushed)"
  value       = local.helpdesk_agent_has_image ? "https://bedrock-agentcore.${local.region}.amazonaws.com/runtimes/${urlencode(local.helpdesk_agent_runtime_arn)}/invocations?qualifier=DEFAULT" : null
}

output "helpdesk_agent_repository_uri" {
  description = "ECR repository for the helpdesk_agent image"
  value       = aws_ecr_repository.helpdesk_agent_repository.repository_url
}

output "helpdesk_agent_log_group_name" {
  description = "Log group of helpdesk_agent_staging"
  value       = aws_cloudwatch_log_group.helpdesk_agent_log_group.name
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify"
  value       = aws_sns_topic.alarm_topic.arn
}
