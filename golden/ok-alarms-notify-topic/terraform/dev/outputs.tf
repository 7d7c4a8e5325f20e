# Per agent: {A}RuntimeArn, {A}RuntimeId, {A}InvocationUrl, {A}RepositoryUri, {A}LogGroupName,
# in snake_case. The runtime outputs are null until the image exists (see deploy.sh). No output
# ever carries a secret value.

output "billing_agent_runtime_arn" {
  description = "ARN of the AgentCore runtime billing_agent_dev (null until its image is pushed)"
  value       = local.billing_agent_runtime_arn
}

output "billing_agent_runtime_id" {
  description = "ID of the AgentCore runtime billing_agent_dev (null until its image is pushed)"
  value       = local.billing_agent_runtime_id
}

output "billing_agent_invocation_url" {
  description = "HTTPS invocation URL of billing_agent_dev (DEFAULT endpoint; null until its image is pushed)"
  value       = local.billing_agent_has_image ? "https://bedrock-agentcore.${local.region}.amazonaws.com/runtimes/${urlencode(local.billing_agent_runtime_arn)}/invocations?qualifier=DEFAULT" : null
}

output "billing_agent_repository_uri" {
  description = "ECR repository for the billing_agent image"
  value       = aws_ecr_repository.billing_agent_repository.repository_url
}

output "billing_agent_log_group_name" {
  description = "Log group of billing_agent_dev"
  value       = aws_cloudwatch_log_group.billing_agent_log_group.name
}
