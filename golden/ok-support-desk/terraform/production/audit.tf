# AuditKey, AuditLogBucket (+ AuditLogBucketPolicy), AuditBucket, AuditBucketPolicy and
# AuditTrail: audit { cloudtrail #true } (FR-033). The trail's name is fixed so that the key and
# bucket policies can name its ARN without a dependency cycle. Audit evidence outlives the
# module in every environment (CloudFormation: Retain): the key and both buckets refuse
# `terraform destroy`.

locals {
  audit_trail_name = "support-desk-production-audit"
  audit_trail_arn  = "arn:${local.partition}:cloudtrail:${local.region}:${local.account_id}:trail/${local.audit_trail_name}"
}

data "aws_iam_policy_document" "audit_key" {
  #checkov:skip=CKV_AWS_109:A key policy's "*" resource is this key only. AccountAdministersKey is the AWS default statement that hands the key to IAM in this account; without it the key cannot be managed.
  #checkov:skip=CKV_AWS_111:A key policy's "*" resource is this key only; CloudTrail is limited by aws:SourceArn and the encryption context.
  #checkov:skip=CKV_AWS_356:A key policy's "*" resource is this key only (key policies cannot name other resources).
  statement {
    sid       = "AccountAdministersKey"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudTrailEncryptLogs"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.audit_trail_arn]
    }

    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:cloudtrail:arn"
      values   = ["arn:${local.partition}:cloudtrail:*:${local.account_id}:trail/*"]
    }
  }

  statement {
    sid       = "CloudTrailDescribeKey"
    effect    = "Allow"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.audit_trail_arn]
    }
  }
}

resource "aws_kms_key" "audit_key" {
  description         = "agentc support-desk-production: encrypts the CloudTrail audit log"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.audit_key.json

  lifecycle {
    prevent_destroy = true
  }
}

# AuditLogBucket: receives the audit bucket's server access logs.

resource "aws_s3_bucket" "audit_log_bucket" {
  #checkov:skip=CKV_AWS_144:Cross-region replication needs a second bucket in another region, outside this one-region module; the trail itself is multi-region.
  #checkov:skip=CKV2_AWS_61:Audit evidence is kept until the organisation's retention policy says otherwise; agentc does not expire it.
  #checkov:skip=CKV2_AWS_62:Nothing consumes object-created events; audit files are read on demand.
  #checkov:skip=CKV_AWS_145:S3 server access logs can only be delivered to a bucket whose default encryption is SSE-S3; SSE-KMS is not supported there.
  #checkov:skip=CKV_AWS_18:This bucket is itself the server access log target of the audit bucket; logging it to a further bucket would only move the problem (and logging to itself loops).
  bucket_prefix = "support-desk-production-audit-logs-"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_ownership_controls" "audit_log_bucket" {
  bucket = aws_s3_bucket.audit_log_bucket.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "audit_log_bucket" {
  bucket                  = aws_s3_bucket.audit_log_bucket.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "audit_log_bucket" {
  bucket = aws_s3_bucket.audit_log_bucket.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "audit_log_bucket" {
  bucket = aws_s3_bucket.audit_log_bucket.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

data "aws_iam_policy_document" "audit_log_bucket_policy" {
  statement {
    sid       = "S3ServerAccessLogsDelivery"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.audit_log_bucket.arn}/*"]

    principals {
      type        = "Service"
      identifiers = ["logging.s3.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [aws_s3_bucket.audit_bucket.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.audit_log_bucket.arn, "${aws_s3_bucket.audit_log_bucket.arn}/*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "audit_log_bucket_policy" {
  bucket = aws_s3_bucket.audit_log_bucket.id
  policy = data.aws_iam_policy_document.audit_log_bucket_policy.json

  depends_on = [aws_s3_bucket_public_access_block.audit_log_bucket]
}

# AuditBucket: the trail's log files, SSE-KMS with AuditKey.

resource "aws_s3_bucket" "audit_bucket" {
  #checkov:skip=CKV_AWS_144:Cross-region replication needs a second bucket in another region, outside this one-region module; the trail itself is multi-region.
  #checkov:skip=CKV2_AWS_61:Audit evidence is kept until the organisation's retention policy says otherwise; agentc does not expire it.
  #checkov:skip=CKV2_AWS_62:Nothing consumes object-created events; audit files are read on demand.
  bucket_prefix = "support-desk-production-audit-"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_ownership_controls" "audit_bucket" {
  bucket = aws_s3_bucket.audit_bucket.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "audit_bucket" {
  bucket                  = aws_s3_bucket.audit_bucket.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "audit_bucket" {
  bucket = aws_s3_bucket.audit_bucket.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "audit_bucket" {
  bucket = aws_s3_bucket.audit_bucket.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.audit_key.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_logging" "audit_bucket" {
  bucket        = aws_s3_bucket.audit_bucket.id
  target_bucket = aws_s3_bucket.audit_log_bucket.id
  target_prefix = "audit-bucket/"

  depends_on = [aws_s3_bucket_policy.audit_log_bucket_policy]
}

data "aws_iam_policy_document" "audit_bucket_policy" {
  statement {
    sid       = "CloudTrailAclCheck"
    effect    = "Allow"
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.audit_bucket.arn]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.audit_trail_arn]
    }
  }

  statement {
    sid       = "CloudTrailWrite"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.audit_bucket.arn}/AWSLogs/${local.account_id}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.audit_trail_arn]
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.audit_bucket.arn, "${aws_s3_bucket.audit_bucket.arn}/*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "audit_bucket_policy" {
  bucket = aws_s3_bucket.audit_bucket.id
  policy = data.aws_iam_policy_document.audit_bucket_policy.json

  depends_on = [aws_s3_bucket_public_access_block.audit_bucket]
}

resource "aws_cloudtrail" "audit_trail" {
  #checkov:skip=CKV_AWS_252:Per-file SNS notifications are not part of the contract (docs/infrastructure.md); log file validation proves integrity.
  #checkov:skip=CKV2_AWS_10:The trail writes to the KMS-encrypted, versioned, access-logged audit bucket; a CloudWatch Logs copy is not part of the contract.
  name                          = local.audit_trail_name
  s3_bucket_name                = aws_s3_bucket.audit_bucket.id
  kms_key_id                    = aws_kms_key.audit_key.arn
  enable_logging                = true
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true

  # CloudTrail checks the bucket policy and the key policy when it creates the trail.
  depends_on = [
    aws_s3_bucket_policy.audit_bucket_policy,
    aws_s3_bucket_server_side_encryption_configuration.audit_bucket,
  ]
}
