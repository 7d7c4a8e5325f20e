# {A}Repository: each agent's image repository, KMS-encrypted with the AWS managed key (FR-001,
# FR-007, FR-008, FR-031), and a lifecycle policy keeping the last images.

resource "aws_ecr_repository" "report_agent_repository" {
  name                 = local.report_agent_repository
  image_tag_mutability = "IMMUTABLE"
  # production: the repository and its images outlive the module (CloudFormation: Retain).
  force_delete = false

  image_scanning_configuration {
    scan_on_push = true
  }

  # No kms_key: the AWS managed key (aws/ecr), on purpose (FR-031).
  encryption_configuration {
    encryption_type = "KMS"
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_ecr_lifecycle_policy" "report_agent_repository" {
  repository = aws_ecr_repository.report_agent_repository.name
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
  report_agent_container_uri = (
    startswith(var.report_agent_image_ref, "sha256:")
    ? "${aws_ecr_repository.report_agent_repository.repository_url}@${var.report_agent_image_ref}"
    : "${aws_ecr_repository.report_agent_repository.repository_url}:${var.report_agent_image_ref}"
  )
}
