//! CloudTrail for the AgentCore API (`audit { cloudtrail #true }`): the trail's KMS key, its
//! bucket, the bucket that receives that bucket's access logs, both bucket policies, and the
//! trail, with data events of the stack's runtimes when `data-events #true`.

use crate::intrinsics::{get_att, reference, sub};
use crate::logs::account_administers_key;
use crate::model::{Json, Object, Resource, Retention, Template, arr, obj};
use crate::stack::Stack;

/// Server access log folder of the trail bucket in the access-log bucket.
const ACCESS_LOG_PREFIX: &str = "audit-bucket/";

/// Every audit resource, when the spec asks for a trail.
pub(crate) fn trail(stack: &Stack<'_>, t: &mut Template) {
    let Some(audit) = &stack.d.audit else { return };
    let ids = &stack.d.ids;
    let retention = Retention::keep_if(audit.retain);
    let trail_arn = format!(
        "arn:${{AWS::Partition}}:cloudtrail:${{AWS::Region}}:${{AWS::AccountId}}:trail/{}",
        audit.trail_name
    );
    let from_trail = || obj! { "aws:SourceArn" => sub(trail_arn.clone()) };

    let cloudtrail = || obj! { "Service" => "cloudtrail.amazonaws.com" };
    let key_policy = arr![
        account_administers_key(),
        obj! {
            "Sid" => "CloudTrailEncryptLogs",
            "Effect" => "Allow",
            "Principal" => cloudtrail(),
            "Action" => "kms:GenerateDataKey*",
            "Resource" => "*",
            "Condition" => obj! {
                "StringEquals" => from_trail(),
                "StringLike" => obj! {
                    "kms:EncryptionContext:aws:cloudtrail:arn" => sub("arn:${AWS::Partition}:cloudtrail:*:${AWS::AccountId}:trail/*"),
                },
            },
        },
        obj! {
            "Sid" => "CloudTrailDescribeKey",
            "Effect" => "Allow",
            "Principal" => cloudtrail(),
            "Action" => "kms:DescribeKey",
            "Resource" => "*",
            "Condition" => obj! { "StringEquals" => from_trail() },
        },
    ];
    let key = obj! {
        "Description" => stack.describe("encrypts the CloudTrail audit log"),
        "EnableKeyRotation" => true,
        "KeyPolicy" => obj! { "Version" => "2012-10-17", "Statement" => key_policy },
        "Tags" => stack.tags(),
    };
    t.add(
        ids.audit_key.as_str(),
        Resource::new("AWS::KMS::Key", key).retention(retention),
    );

    let log_bucket = ids.audit_log_bucket.as_str();
    let skip = obj! {
        "skip" => arr![obj! {
            "id" => "CKV_AWS_18",
            "comment" => format!("{log_bucket} is itself the server access log target of {}; logging it to a further bucket would only move the problem (and logging to itself loops).", ids.audit_bucket),
        }],
    };
    let sse_s3 =
        arr![obj! { "ServerSideEncryptionByDefault" => obj! { "SSEAlgorithm" => "AES256" } }];
    let log_bucket_props = bucket_base(sse_s3).with("Tags", stack.tags());
    t.add(
        log_bucket,
        Resource::new("AWS::S3::Bucket", log_bucket_props)
            .retention(retention)
            .metadata(obj! { "checkov" => skip }),
    );

    let access_logs = obj! {
        "Sid" => "S3ServerAccessLogsDelivery",
        "Effect" => "Allow",
        "Principal" => obj! { "Service" => "logging.s3.amazonaws.com" },
        "Action" => "s3:PutObject",
        "Resource" => sub(format!("${{{log_bucket}.Arn}}/*")),
        "Condition" => obj! {
            "ArnLike" => obj! { "aws:SourceArn" => get_att(ids.audit_bucket.as_str(), "Arn") },
            "StringEquals" => obj! { "aws:SourceAccount" => reference("AWS::AccountId") },
        },
    };
    t.add(
        stack.d.ids.audit_log_bucket_policy.as_str(),
        bucket_policy(log_bucket, vec![access_logs.into()]),
    );

    let bucket = ids.audit_bucket.as_str();
    let sse_kms = arr![obj! {
        "ServerSideEncryptionByDefault" => obj! { "SSEAlgorithm" => "aws:kms", "KMSMasterKeyID" => get_att(ids.audit_key.as_str(), "Arn") },
        "BucketKeyEnabled" => true,
    }];
    let bucket_props = bucket_base(sse_kms)
        .with("LoggingConfiguration", obj! { "DestinationBucketName" => reference(log_bucket), "LogFilePrefix" => ACCESS_LOG_PREFIX })
        .with("Tags", stack.tags());
    t.add(
        bucket,
        Resource::new("AWS::S3::Bucket", bucket_props).retention(retention),
    );

    let trail_writes = vec![
        obj! {
            "Sid" => "CloudTrailAclCheck",
            "Effect" => "Allow",
            "Principal" => cloudtrail(),
            "Action" => "s3:GetBucketAcl",
            "Resource" => get_att(bucket, "Arn"),
            "Condition" => obj! { "StringEquals" => from_trail() },
        }
        .into(),
        obj! {
            "Sid" => "CloudTrailWrite",
            "Effect" => "Allow",
            "Principal" => cloudtrail(),
            "Action" => "s3:PutObject",
            "Resource" => sub(format!("${{{bucket}.Arn}}/AWSLogs/${{AWS::AccountId}}/*")),
            "Condition" => obj! { "StringEquals" => obj! { "s3:x-amz-acl" => "bucket-owner-full-control" }.with("aws:SourceArn", sub(trail_arn.clone())) },
        }
        .into(),
    ];
    t.add(
        ids.audit_bucket_policy.as_str(),
        bucket_policy(bucket, trail_writes),
    );

    let mut properties = obj! {
        "TrailName" => audit.trail_name.as_str(),
        "S3BucketName" => reference(bucket),
        "IsLogging" => true,
        "IsMultiRegionTrail" => true,
        "IncludeGlobalServiceEvents" => true,
        "EnableLogFileValidation" => true,
        "KMSKeyId" => get_att(ids.audit_key.as_str(), "Arn"),
    };
    if audit.data_events {
        properties.insert("AdvancedEventSelectors", event_selectors(stack));
    }
    properties.insert("Tags", stack.tags());
    t.add(
        ids.audit_trail.as_str(),
        Resource::new("AWS::CloudTrail::Trail", properties)
            .depends_on(&[ids.audit_bucket_policy.as_str()]),
    );
}

/// Encryption, no public access, versioning, ACLs off.
fn bucket_base(encryption: Json) -> Object {
    obj! {
        "BucketEncryption" => obj! { "ServerSideEncryptionConfiguration" => encryption },
        "PublicAccessBlockConfiguration" => obj! {
            "BlockPublicAcls" => true,
            "BlockPublicPolicy" => true,
            "IgnorePublicAcls" => true,
            "RestrictPublicBuckets" => true,
        },
        "VersioningConfiguration" => obj! { "Status" => "Enabled" },
        "OwnershipControls" => obj! { "Rules" => arr![obj! { "ObjectOwnership" => "BucketOwnerEnforced" }] },
    }
}

/// A bucket policy: `statements`, then a deny of every request not made over TLS.
fn bucket_policy(bucket: &str, mut statements: Vec<Json>) -> Resource {
    statements.push(
        obj! {
            "Sid" => "DenyInsecureTransport",
            "Effect" => "Deny",
            "Principal" => obj! { "AWS" => "*" },
            "Action" => "s3:*",
            "Resource" => arr![get_att(bucket, "Arn"), sub(format!("${{{bucket}.Arn}}/*"))],
            "Condition" => obj! { "Bool" => obj! { "aws:SecureTransport" => "false" } },
        }
        .into(),
    );
    let properties = obj! {
        "Bucket" => reference(bucket),
        "PolicyDocument" => obj! { "Version" => "2012-10-17", "Statement" => statements },
    };
    Resource::new("AWS::S3::BucketPolicy", properties)
}

/// Management events, plus the data events (`InvokeAgentRuntime`, …) of this stack's runtimes:
/// a runtime's ARN ends in `runtime/{runtime name}-{suffix}`.
fn event_selectors(stack: &Stack<'_>) -> Json {
    let runtimes: Vec<Json> = stack
        .d
        .agents
        .iter()
        .map(|a| sub(format!("arn:${{AWS::Partition}}:bedrock-agentcore:${{AWS::Region}}:${{AWS::AccountId}}:runtime/{}-", a.runtime_name)))
        .collect();
    let field = |name: &str, op: &str, values: Json| obj! { "Field" => name, op => values };
    arr![
        obj! { "Name" => "Management events", "FieldSelectors" => arr![field("eventCategory", "Equals", arr!["Management"])] },
        obj! {
            "Name" => "AgentCore runtime data events",
            "FieldSelectors" => arr![
                field("eventCategory", "Equals", arr!["Data"]),
                field("resources.type", "Equals", arr!["AWS::BedrockAgentCore::Runtime"]),
                field("resources.ARN", "StartsWith", Json::Array(runtimes)),
            ],
        },
    ]
}
