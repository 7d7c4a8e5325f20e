# Per agent: {A}RuntimeArn, {A}RuntimeId, {A}InvocationUrl, {A}RepositoryUri, {A}LogGroupName,
# in snake_case. The runtime outputs are null until the image exists (see deploy.sh). No output
# ever carries a secret value.

output "planner_runtime_arn" {
  description = "ARN of the AgentCore runtime planner_production (null until its image is pushed)"
  value       = local.planner_runtime_arn
}

output "planner_runtime_id" {
  description = "ID of the AgentCore runtime planner_production (null until its image is pushed)"
  value       = local.planner_runtime_id
}

output "planner_invocation_url" {
  description = "HTTPS invocation URL of planner_production (DEFAULT endpoint; null until its image is pushed)"
  value       = local.planner_has_image ? "https://bedrock-agentcore.${local.region}.amazonaws.com/runtimes/${urlencode(local.planner_runtime_arn)}/invocations?qualifier=DEFAULT" : null
}

output "planner_repository_uri" {
  description = "ECR repository for the planner image"
  value       = aws_ecr_repository.planner_repository.repository_url
}

output "planner_log_group_name" {
  description = "Log group of planner_production"
  value       = aws_cloudwatch_log_group.planner_log_group.name
}

output "booking_tools_runtime_arn" {
  description = "ARN of the AgentCore runtime booking_tools_production (null until its image is pushed)"
  value       = local.booking_tools_runtime_arn
}

output "booking_tools_runtime_id" {
  description = "ID of the AgentCore runtime booking_tools_production (null until its image is pushed)"
  value       = local.booking_tools_runtime_id
}

output "booking_tools_invocation_url" {
  description = "HTTPS invocation URL of booking_tools_production (DEFAULT endpoint; null until its image is pushed)"
  value       = local.booking_tools_has_image ? "https://bedrock-agentcore.${local.region}.amazonaws.com/runtimes/${urlencode(local.booking_tools_runtime_arn)}/invocations?qualifier=DEFAULT" : null
}

output "booking_tools_repository_uri" {
  description = "ECR repository for the booking_tools image"
  value       = aws_ecr_repository.booking_tools_repository.repository_url
}

output "booking_tools_log_group_name" {
  description = "Log group of booking_tools_production"
  value       = aws_cloudwatch_log_group.booking_tools_log_group.name
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
