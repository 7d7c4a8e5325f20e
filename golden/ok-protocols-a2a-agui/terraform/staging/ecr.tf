# {A}Repository: each agent's image repository, KMS-encrypted with the AWS managed key (FR-001,
# FR-007, FR-008, FR-031), and a lifecycle policy keeping the last images.

resource "aws_ecr_repository" "concierge_a2a_repository" {
  name                 = local.concierge_a2a_repository
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

resource "aws_ecr_lifecycle_policy" "concierge_a2a_repository" {
  repository = aws_ecr_repository.concierge_a2a_repository.name
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

resource "aws_ecr_repository" "chat_ui_repository" {
  name                 = local.chat_ui_repository
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

resource "aws_ecr_lifecycle_policy" "chat_ui_repository" {
  repository = aws_ecr_repository.chat_ui_repository.name
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
  concierge_a2a_container_uri = (
    startswith(var.concierge_a2a_image_ref, "sha256:")
    ? "${aws_ecr_repository.concierge_a2a_repository.repository_url}@${var.concierge_a2a_image_ref}"
    : "${aws_ecr_repository.concierge_a2a_repository.repository_url}:${var.concierge_a2a_image_ref}"
  )
  # {repositoryUrl}:{tag} or {repositoryUrl}@sha256:…
  chat_ui_container_uri = (
    startswith(var.chat_ui_image_ref, "sha256:")
    ? "${aws_ecr_repository.chat_ui_repository.repository_url}@${var.chat_ui_image_ref}"
    : "${aws_ecr_repository.chat_ui_repository.repository_url}:${var.chat_ui_image_ref}"
  )
}
