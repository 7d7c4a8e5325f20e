# {A}Repository: each agent's image repository, KMS-encrypted with the AWS managed key (FR-001,
# FR-007, FR-008, FR-031), and a lifecycle policy keeping the last images.

resource "aws_ecr_repository" "support_agent_repository" {
  name                 = local.support_agent_repository
  image_tag_mutability = "IMMUTABLE"
  # Outside production the repository goes with the module, images included
  # (CloudFormation: Delete with EmptyOnDelete).
  force_delete = true

  image_scanning_configuration {
    scan_on_push = true
  }

  # No kms_key: the AWS managed key (aws/ecr), on purpose (FR-031).
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
  # {repositoryUrl}:{tag} or {repositoryUrl}@sha256:…
  support_agent_container_uri = (
    startswith(var.support_agent_image_ref, "sha256:")
    ? "${aws_ecr_repository.support_agent_repository.repository_url}@${var.support_agent_image_ref}"
    : "${aws_ecr_repository.support_agent_repository.repository_url}:${var.support_agent_image_ref}"
  )
}
