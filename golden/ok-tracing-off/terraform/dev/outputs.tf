# Per agent: {A}RuntimeArn, {A}RuntimeId, {A}InvocationUrl, {A}RepositoryUri, {A}LogGroupName,
# in snake_case. The runtime outputs are null until the image exists (see deploy.sh). No output
# ever carries a secret value.

output "notes_agent_runtime_arn" {
  description = "ARN of the AgentCore runtime notes_agent_dev (null until its image is pushed)"
  value       = local.notes_agent_runtime_arn
}

output "notes_agent_runtime_id" {
  description = "ID of the AgentCore runtime notes_agent_dev (null until its image is pushed)"
  value       = local.notes_agent_runtime_id
}

output "notes_agent_invocation_url" {
  description = "HTTPS invocation URL of notes_agent_dev (DEFAULT endpoint; null until its image is pushed)"
  value       = local.notes_agent_has_image ? "https://bedrock-agentcore.${local.region}.amazonaws.com/runtimes/${urlencode(local.notes_agent_runtime_arn)}/invocations?qualifier=DEFAULT" : null
}

output "notes_agent_repository_uri" {
  description = "ECR repository for the notes_agent image"
  value       = aws_ecr_repository.notes_agent_repository.repository_url
}

output "notes_agent_log_group_name" {
  description = "Log group of notes_agent_dev"
  value       = aws_cloudwatch_log_group.notes_agent_log_group.name
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify"
  value       = aws_sns_topic.alarm_topic.arn
}
