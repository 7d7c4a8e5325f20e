provider "aws" {
  region = var.region
  # The spec pins the account: Terraform refuses to plan with credentials of any other.
  allowed_account_ids = ["123456789012"]

  # Every taggable resource carries these (Project, Environment, Owner, CostCenter, then the
  # spec's own tags).
  default_tags {
    tags = local.tags
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}
