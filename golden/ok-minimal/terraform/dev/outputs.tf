# Per agent: {A}RuntimeArn, {A}RuntimeId, {A}InvocationUrl, {A}RepositoryUri, {A}LogGroupName,
# in snake_case. The runtime outputs are null until the image exists (see deploy.sh). No output
# ever carries a secret value.

output "hello_agent_runtime_arn" {
  description = "ARN of the AgentCore runtime hello_agent_dev (null until its image is pushed)"
  value       = local.hello_agent_runtime_arn
}

output "hello_agent_runtime_id" {
  description = "ID of the AgentCore runtime hello_agent_dev (null until its image is pushed)"
  value       = local.hello_agent_runtime_id
}

output "hello_agent_invocation_url" {
  description = "HTTPS invocation URL of hello_agent_dev (DEFAULT endpoint; null until its image is pushed)"
  value       = local.hello_agent_has_image ? "https://bedrock-agentcore.${local.region}.amazonaws.com/runtimes/${urlencode(local.hello_agent_runtime_arn)}/invocations?qualifier=DEFAULT" : null
}

output "hello_agent_repository_uri" {
  description = "ECR repository for the hello_agent image"
  value       = aws_ecr_repository.hello_agent_repository.repository_url
}

output "hello_agent_log_group_name" {
  description = "Log group of hello_agent_dev"
  value       = aws_cloudwatch_log_group.hello_agent_log_group.name
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify"
  value       = aws_sns_topic.alarm_topic.arn
}
