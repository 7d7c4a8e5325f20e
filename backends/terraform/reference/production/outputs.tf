# Per agent: {A}RuntimeArn, {A}RuntimeId, {A}InvocationUrl, {A}RepositoryUri, {A}LogGroupName.
# Stack: UserPoolId, UserPoolClientId, AlarmTopicArn. No output ever carries a secret value.
# The runtime outputs are null until the image exists (first step of deploy.sh).

output "support_agent_runtime_arn" {
  description = "ARN of the AgentCore runtime support_agent_production (null before the image is pushed)"
  value       = local.support_agent_runtime_arn
}

output "support_agent_runtime_id" {
  description = "Id of the AgentCore runtime support_agent_production (null before the image is pushed)"
  value       = local.support_agent_runtime_id
}

output "support_agent_invocation_url" {
  description = "POST URL that invokes support_agent (DEFAULT endpoint; null before the image is pushed)"
  value       = local.support_agent_has_image ? "https://bedrock-agentcore.${local.region}.amazonaws.com/runtimes/${urlencode(local.support_agent_runtime_arn)}/invocations?qualifier=DEFAULT" : null
}

output "support_agent_repository_uri" {
  description = "ECR repository that deploy.sh pushes the support_agent image to"
  value       = aws_ecr_repository.support_agent_repository.repository_url
}

output "support_agent_log_group_name" {
  description = "Log group receiving the application logs of support_agent"
  value       = aws_cloudwatch_log_group.support_agent_log_group.name
}

output "user_pool_id" {
  description = "Cognito user pool whose access tokens the runtime accepts"
  value       = aws_cognito_user_pool.user_pool.id
}

output "user_pool_client_id" {
  description = "Cognito app client allowed by the runtime's JWT authorizer"
  value       = aws_cognito_user_pool_client.user_pool_client.id
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify"
  value       = aws_sns_topic.alarm_topic.arn
}
