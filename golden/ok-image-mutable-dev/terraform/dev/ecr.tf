# {A}Repository: each agent's image repository, KMS-encrypted with the AWS managed key (FR-001,
# FR-007, FR-008, FR-031), and a lifecycle policy keeping the last images.

resource "aws_ecr_repository" "sandbox_agent_repository" {
  #checkov:skip=CKV_AWS_51:The spec sets tag-mutability "mutable" for environment dev, which is not held to production rules (agentc::image::mutable-in-production applies to production only).
  #checkov:skip=CKV_AWS_163:The spec sets scan-on-push #false for environment dev, which is not held to production rules (agentc::image::scan-disabled-in-production applies to production only).
  name                 = local.sandbox_agent_repository
  image_tag_mutability = "MUTABLE"
  # Outside production the repository goes with the module, images included
  # (CloudFormation: Delete with EmptyOnDelete).
  force_delete = true

  image_scanning_configuration {
    scan_on_push = false
  }

  # No kms_key: the AWS managed key (aws/ecr), on purpose (FR-031).
  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_lifecycle_policy" "sandbox_agent_repository" {
  repository = aws_ecr_repository.sandbox_agent_repository.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Keep the last 5 images"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = 5
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
  sandbox_agent_container_uri = (
    startswith(var.sandbox_agent_image_ref, "sha256:")
    ? "${aws_ecr_repository.sandbox_agent_repository.repository_url}@${var.sandbox_agent_image_ref}"
    : "${aws_ecr_repository.sandbox_agent_repository.repository_url}:${var.sandbox_agent_image_ref}"
  )
}
