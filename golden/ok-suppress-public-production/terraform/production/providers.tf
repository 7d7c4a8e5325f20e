provider "aws" {
  region = var.region

  # Every taggable resource carries these (Project, Environment, Owner, CostCenter, then the
  # spec's own tags).
  default_tags {
    tags = local.tags
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}
