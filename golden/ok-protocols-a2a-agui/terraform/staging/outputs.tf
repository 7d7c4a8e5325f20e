# Per agent: {A}RuntimeArn, {A}RuntimeId, {A}InvocationUrl, {A}RepositoryUri, {A}LogGroupName,
# in snake_case. The runtime outputs are null until the image exists (see deploy.sh). No output
# ever carries a secret value.

output "concierge_a2a_runtime_arn" {
  description = "ARN of the AgentCore runtime concierge_a2a_staging (null until its image is pushed)"
  value       = local.concierge_a2a_runtime_arn
}

output "concierge_a2a_runtime_id" {
  description = "ID of the AgentCore runtime concierge_a2a_staging (null until its image is pushed)"
  value       = local.concierge_a2a_runtime_id
}

output "concierge_a2a_invocation_url" {
  description = "HTTPS invocation URL of concierge_a2a_staging (DEFAULT endpoint; null until its image is pushed)"
  value       = local.concierge_a2a_has_image ? "https://bedrock-agentcore.${local.region}.amazonaws.com/runtimes/${urlencode(local.concierge_a2a_runtime_arn)}/invocations?qualifier=DEFAULT" : null
}

output "concierge_a2a_repository_uri" {
  description = "ECR repository for the concierge_a2a image"
  value       = aws_ecr_repository.concierge_a2a_repository.repository_url
}

output "concierge_a2a_log_group_name" {
  description = "Log group of concierge_a2a_staging"
  value       = aws_cloudwatch_log_group.concierge_a2a_log_group.name
}

output "chat_ui_runtime_arn" {
  description = "ARN of the AgentCore runtime chat_ui_staging (null until its image is pushed)"
  value       = local.chat_ui_runtime_arn
}

output "chat_ui_runtime_id" {
  description = "ID of the AgentCore runtime chat_ui_staging (null until its image is pushed)"
  value       = local.chat_ui_runtime_id
}

output "chat_ui_invocation_url" {
  description = "HTTPS invocation URL of chat_ui_staging (DEFAULT endpoint; null until its image is pushed)"
  value       = local.chat_ui_has_image ? "https://bedrock-agentcore.${local.region}.amazonaws.com/runtimes/${urlencode(local.chat_ui_runtime_arn)}/invocations?qualifier=DEFAULT" : null
}

output "chat_ui_repository_uri" {
  description = "ECR repository for the chat_ui image"
  value       = aws_ecr_repository.chat_ui_repository.repository_url
}

output "chat_ui_log_group_name" {
  description = "Log group of chat_ui_staging"
  value       = aws_cloudwatch_log_group.chat_ui_log_group.name
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
