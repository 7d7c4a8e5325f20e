//! The security-relevant facts of each output, keyed alike: `<terraform type>.<name> <fact>`.
//! [`cfn_facts`] reads them from the CloudFormation template, [`tf_facts`] from the Terraform
//! module; the mapping test wants the two maps equal. This module holds what both share: the
//! type mapping and the comparison.

use std::collections::BTreeMap;

pub use super::cfn_facts::cfn_facts;
pub use super::tf_facts::tf_facts;

pub type Facts = BTreeMap<String, String>;

/// CloudFormation type → Terraform type of the resource that carries the same settings.
pub const TYPES: &[(&str, &str)] = &[
    ("AWS::KMS::Key", "aws_kms_key"),
    ("AWS::SNS::Topic", "aws_sns_topic"),
    ("AWS::Cognito::UserPool", "aws_cognito_user_pool"),
    (
        "AWS::Cognito::UserPoolClient",
        "aws_cognito_user_pool_client",
    ),
    ("AWS::EC2::SecurityGroup", "aws_security_group"),
    ("AWS::S3::Bucket", "aws_s3_bucket"),
    ("AWS::S3::BucketPolicy", "aws_s3_bucket_policy"),
    ("AWS::CloudTrail::Trail", "aws_cloudtrail"),
    ("AWS::ECR::Repository", "aws_ecr_repository"),
    ("AWS::IAM::Role", "aws_iam_role"),
    ("AWS::IAM::Policy", "aws_iam_role_policy"),
    (
        "AWS::BedrockAgentCore::Runtime",
        "aws_bedrockagentcore_agent_runtime",
    ),
    ("AWS::Logs::LogGroup", "aws_cloudwatch_log_group"),
    (
        "AWS::Logs::DeliverySource",
        "aws_cloudwatch_log_delivery_source",
    ),
    (
        "AWS::Logs::DeliveryDestination",
        "aws_cloudwatch_log_delivery_destination",
    ),
    ("AWS::Logs::Delivery", "aws_cloudwatch_log_delivery"),
    ("AWS::CloudWatch::Alarm", "aws_cloudwatch_metric_alarm"),
];

pub fn tf_type(cfn: &str) -> &'static str {
    TYPES
        .iter()
        .find(|(c, _)| *c == cfn)
        .map(|(_, t)| *t)
        .unwrap_or_else(|| panic!("no Terraform type mapped for {cfn}"))
}

/// The differences of two fact maps, one line each.
pub fn diff(cfn: &Facts, tf: &Facts) -> Vec<String> {
    let mut out = Vec::new();
    for key in cfn
        .keys()
        .chain(tf.keys().filter(|k| !cfn.contains_key(*k)))
    {
        match (cfn.get(key), tf.get(key)) {
            (Some(a), Some(b)) if a == b => {}
            (a, b) => out.push(format!(
                "{key}:\n    cfn:       {}\n    terraform: {}",
                a.map_or("(missing)", String::as_str),
                b.map_or("(missing)", String::as_str)
            )),
        }
    }
    out
}
