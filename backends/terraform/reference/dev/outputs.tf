# Per agent: {A}RuntimeArn, {A}RuntimeId, {A}InvocationUrl, {A}RepositoryUri, {A}LogGroupName.
# Stack: AlarmTopicArn (auth "iam": no user pool). No output ever carries a secret value.
# The runtime outputs are null until the image exists (first step of deploy.sh).

output "support_agent_runtime_arn" {
  description = "ARN of the AgentCore runtime support_agent_dev (null before the image is pushed)"
  value       = local.support_agent_runtime_arn
}

output "support_agent_runtime_id" {
  description = "Id of the AgentCore runtime support_agent_dev (null before the image is pushed)"
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

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify"
  value       = aws_sns_topic.alarm_topic.arn
}
