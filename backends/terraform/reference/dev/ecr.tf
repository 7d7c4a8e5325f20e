# {A}Repository: the agent's image repository (FR-001, FR-007, FR-008, FR-031).

resource "aws_ecr_repository" "support_agent_repository" {
  name                 = local.support_agent_repository
  image_tag_mutability = "IMMUTABLE"
  # Outside production the repository goes with the stack, images included
  # (CloudFormation: Delete with EmptyOnDelete).
  force_delete = true

  image_scanning_configuration {
    scan_on_push = true
  }

  # KMS with the AWS-managed key (aws/ecr): no kms_key given on purpose (FR-031).
  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_lifecycle_policy" "support_agent_repository" {
  repository = aws_ecr_repository.support_agent_repository.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Keep the last 30 images"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = 30
        }
        action = {
          type = "expire"
        }
      },
    ]
  })
}

locals {
  # {repositoryUri}:{tag} or {repositoryUri}@sha256:...
  support_agent_container_uri = (
    startswith(var.support_agent_image_ref, "sha256:")
    ? "${aws_ecr_repository.support_agent_repository.repository_url}@${var.support_agent_image_ref}"
    : "${aws_ecr_repository.support_agent_repository.repository_url}:${var.support_agent_image_ref}"
  )
}
