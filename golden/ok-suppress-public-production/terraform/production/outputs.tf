# Per agent: {A}RuntimeArn, {A}RuntimeId, {A}InvocationUrl, {A}RepositoryUri, {A}LogGroupName,
# in snake_case. The runtime outputs are null until the image exists (see deploy.sh). No output
# ever carries a secret value.

output "site_agent_runtime_arn" {
  description = "ARN of the AgentCore runtime site_agent_production (null until its image is pushed)"
  value       = local.site_agent_runtime_arn
}

output "site_agent_runtime_id" {
  description = "ID of the AgentCore runtime site_agent_production (null until its image is pushed)"
  value       = local.site_agent_runtime_id
}

output "site_agent_invocation_url" {
  description = "HTTPS invocation URL of site_agent_production (DEFAULT endpoint; null until its image is pushed)"
  value       = local.site_agent_has_image ? "https://bedrock-agentcore.${local.region}.amazonaws.com/runtimes/${urlencode(local.site_agent_runtime_arn)}/invocations?qualifier=DEFAULT" : null
}

output "site_agent_repository_uri" {
  description = "ECR repository for the site_agent image"
  value       = aws_ecr_repository.site_agent_repository.repository_url
}

output "site_agent_log_group_name" {
  description = "Log group of site_agent_production"
  value       = aws_cloudwatch_log_group.site_agent_log_group.name
}

output "user_pool_id" {
  description = "Cognito user pool of the agents' callers"
  value       = aws_cognito_user_pool.user_pool.id
}

output "user_pool_client_id" {
  description = "Cognito app client allowed to call the agents"
  value       = aws_cognito_user_pool_client.user_pool_client.id
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify"
  value       = aws_sns_topic.alarm_topic.arn
}
