provider "aws" {
  region = var.region

  # Every taggable resource carries these. The spec's tags come first so that the four derived
  # tags (Project, Environment, Owner, CostCenter) cannot be overridden by them.
  default_tags {
    tags = local.tags
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}
