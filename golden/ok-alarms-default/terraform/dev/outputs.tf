# Per agent: {A}RuntimeArn, {A}RuntimeId, {A}InvocationUrl, {A}RepositoryUri, {A}LogGroupName,
# in snake_case. The runtime outputs are null until the image exists (see deploy.sh). No output
# ever carries a secret value.

output "faq_agent_runtime_arn" {
  description = "ARN of the AgentCore runtime faq_agent_dev (null until its image is pushed)"
  value       = local.faq_agent_runtime_arn
}

output "faq_agent_runtime_id" {
  description = "ID of the AgentCore runtime faq_agent_dev (null until its image is pushed)"
  value       = local.faq_agent_runtime_id
}

output "faq_agent_invocation_url" {
  description = "HTTPS invocation URL of faq_agent_dev (DEFAULT endpoint; null until its image is pushed)"
  value       = local.faq_agent_has_image ? "https://bedrock-agentcore.${local.region}.amazonaws.com/runtimes/${urlencode(local.faq_agent_runtime_arn)}/invocations?qualifier=DEFAULT" : null
}

output "faq_agent_repository_uri" {
  description = "ECR repository for the faq_agent image"
  value       = aws_ecr_repository.faq_agent_repository.repository_url
}

output "faq_agent_log_group_name" {
  description = "Log group of faq_agent_dev"
  value       = aws_cloudwatch_log_group.faq_agent_log_group.name
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify"
  value       = aws_sns_topic.alarm_topic.arn
}
