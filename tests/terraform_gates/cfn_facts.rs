//! The facts of a CloudFormation template (see [`super::mapping`]).

use serde_json::Value as Json;

use super::mapping::{Facts, tf_type};
use super::model::{Cfn, snake};

/// The facts of a CloudFormation template.
pub fn cfn_facts(c: &Cfn) -> Facts {
    let mut f = Facts::new();
    let mut tags = std::collections::BTreeSet::new();
    for (id, r) in &c.resources {
        let t = r["Type"].as_str().expect("Type");
        let p = &r["Properties"];
        let k = format!("{}.{}", tf_type(t), snake(id));
        let mut put = |fact: &str, v: String| drop(f.insert(format!("{k} {fact}"), v));
        put("exists", "yes".into());
        for tag_key in ["Tags", "UserPoolTags"] {
            let mut pairs: Vec<String> = match &p[tag_key] {
                Json::Array(items) => items
                    .iter()
                    .map(|i| format!("{}={}", c.s(&i["Key"]), c.s(&i["Value"])))
                    .collect(),
                Json::Object(o) => o.iter().map(|(k, v)| format!("{k}={}", c.s(v))).collect(),
                _ => continue,
            };
            pairs.sort();
            tags.insert(pairs.join(";"));
        }
        let s = |path: &[&str]| {
            path.iter()
                .try_fold(p, |j, key| j.get(key))
                .map_or_else(|| "none".to_owned(), |j| c.s(j))
        };
        match t {
            "AWS::KMS::Key" => {
                put("rotation", s(&["EnableKeyRotation"]));
                put("policy", c.statements(&p["KeyPolicy"]).join("\n"));
            }
            "AWS::SNS::Topic" => put("kms", s(&["KmsMasterKeyId"])),
            "AWS::Cognito::UserPool" => {
                put("mfa", s(&["MfaConfiguration"]));
                put("tier", s(&["UserPoolTier"]));
                put(
                    "advanced_security",
                    s(&["UserPoolAddOns", "AdvancedSecurityMode"]),
                );
                put(
                    "admin_only",
                    s(&["AdminCreateUserConfig", "AllowAdminCreateUserOnly"]),
                );
                let pw = &p["Policies"]["PasswordPolicy"];
                put(
                    "password",
                    [
                        "MinimumLength",
                        "RequireUppercase",
                        "RequireLowercase",
                        "RequireNumbers",
                        "RequireSymbols",
                    ]
                    .map(|k| c.s(&pw[k]))
                    .join(","),
                );
            }
            "AWS::Cognito::UserPoolClient" => {
                put("pool", s(&["UserPoolId"]));
                put("secret", s(&["GenerateSecret"]));
                put("flows", c.list(&p["ExplicitAuthFlows"]).join(","));
            }
            "AWS::EC2::SecurityGroup" => {
                put("vpc", s(&["VpcId"]));
                for (fact, list, peer) in [
                    ("ingress", "SecurityGroupIngress", "SourceSecurityGroupId"),
                    ("egress", "SecurityGroupEgress", "CidrIp"),
                ] {
                    let mut rules: Vec<String> = p[list]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|r| {
                            format!(
                                "{} {}-{} {}",
                                c.s(&r["IpProtocol"]),
                                c.s(&r["FromPort"]),
                                c.s(&r["ToPort"]),
                                c.s(&r[peer])
                            )
                        })
                        .collect();
                    rules.sort();
                    put(fact, rules.join(";"));
                }
            }
            "AWS::S3::Bucket" => {
                let sse = &p["BucketEncryption"]["ServerSideEncryptionConfiguration"][0];
                put(
                    "sse",
                    format!(
                        "{} {}",
                        c.s(&sse["ServerSideEncryptionByDefault"]["SSEAlgorithm"]),
                        c.s(&sse["ServerSideEncryptionByDefault"]["KMSMasterKeyID"])
                    ),
                );
                put("versioning", s(&["VersioningConfiguration", "Status"]));
                let b = &p["PublicAccessBlockConfiguration"];
                put(
                    "public_access_block",
                    [
                        "BlockPublicAcls",
                        "BlockPublicPolicy",
                        "IgnorePublicAcls",
                        "RestrictPublicBuckets",
                    ]
                    .map(|k| c.s(&b[k]))
                    .join(","),
                );
                put(
                    "ownership",
                    c.s(&p["OwnershipControls"]["Rules"][0]["ObjectOwnership"]),
                );
                put(
                    "logging",
                    format!(
                        "{} {}",
                        s(&["LoggingConfiguration", "DestinationBucketName"]),
                        s(&["LoggingConfiguration", "LogFilePrefix"])
                    ),
                );
            }
            "AWS::S3::BucketPolicy" | "AWS::IAM::Policy" => {
                put("policy", c.statements(&p["PolicyDocument"]).join("\n"));
                if t == "AWS::IAM::Policy" {
                    put("name", s(&["PolicyName"]));
                    put("role", c.list(&p["Roles"]).join(","));
                } else {
                    put("bucket", s(&["Bucket"]));
                }
            }
            "AWS::CloudTrail::Trail" => {
                for (fact, key) in [
                    ("name", "TrailName"),
                    ("bucket", "S3BucketName"),
                    ("kms", "KMSKeyId"),
                    ("logging", "IsLogging"),
                    ("multi_region", "IsMultiRegionTrail"),
                    ("global_events", "IncludeGlobalServiceEvents"),
                    ("validation", "EnableLogFileValidation"),
                ] {
                    put(fact, s(&[key]));
                }
                let selectors: Vec<String> = p["AdvancedEventSelectors"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|sel| {
                        let fields: Vec<String> = sel["FieldSelectors"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .map(|fs| {
                                let (op, values) = fs
                                    .as_object()
                                    .expect("selector")
                                    .iter()
                                    .find(|(k, _)| *k != "Field")
                                    .expect("operator");
                                format!("{} {op} {}", c.s(&fs["Field"]), c.list(values).join(","))
                            })
                            .collect();
                        format!("{}: {}", c.s(&sel["Name"]), fields.join("; "))
                    })
                    .collect();
                put("selectors", selectors.join("\n"));
            }
            "AWS::ECR::Repository" => {
                put("name", s(&["RepositoryName"]));
                put("mutability", s(&["ImageTagMutability"]));
                put(
                    "scan_on_push",
                    s(&["ImageScanningConfiguration", "ScanOnPush"]),
                );
                put(
                    "encryption",
                    s(&["EncryptionConfiguration", "EncryptionType"]),
                );
                let policy: Json = serde_json::from_str(
                    p["LifecyclePolicy"]["LifecyclePolicyText"]
                        .as_str()
                        .expect("policy text"),
                )
                .expect("policy JSON");
                let rule = &policy["rules"][0];
                put(
                    "keep",
                    ["rulePriority"]
                        .iter()
                        .map(|k| c.s(&rule[k]))
                        .chain(
                            ["tagStatus", "countType", "countNumber"]
                                .iter()
                                .map(|k| c.s(&rule["selection"][k])),
                        )
                        .collect::<Vec<_>>()
                        .join(","),
                );
                put(
                    "force_delete",
                    p.get("EmptyOnDelete")
                        .map_or_else(|| "false".to_owned(), |j| c.s(j)),
                );
            }
            "AWS::IAM::Role" => {
                put(
                    "policy",
                    c.statements(&p["AssumeRolePolicyDocument"]).join("\n"),
                );
                put("max_session", s(&["MaxSessionDuration"]));
            }
            "AWS::BedrockAgentCore::Runtime" => {
                put("name", s(&["AgentRuntimeName"]));
                put("description", s(&["Description"]));
                put("role", s(&["RoleArn"]));
                put("network", s(&["NetworkConfiguration", "NetworkMode"]));
                put(
                    "subnets",
                    c.list(&p["NetworkConfiguration"]["NetworkModeConfig"]["Subnets"])
                        .join(","),
                );
                put(
                    "security_groups",
                    c.list(&p["NetworkConfiguration"]["NetworkModeConfig"]["SecurityGroups"])
                        .join(","),
                );
                let jwt = &p["AuthorizerConfiguration"]["CustomJWTAuthorizer"];
                let discovery = if jwt.is_null() {
                    "none".to_owned()
                } else {
                    c.s(&jwt["DiscoveryUrl"])
                };
                put(
                    "authorizer",
                    format!(
                        "{discovery} clients={} audience={}",
                        c.list(&jwt["AllowedClients"]).join(","),
                        c.list(&jwt["AllowedAudience"]).join(",")
                    ),
                );
                put("protocol", s(&["ProtocolConfiguration"]));
                put(
                    "env",
                    p["EnvironmentVariables"]
                        .as_object()
                        .into_iter()
                        .flatten()
                        .map(|(k, v)| format!("{k}={}", c.s(v)))
                        .collect::<Vec<_>>()
                        .join(";"),
                );
                put(
                    "lifecycle",
                    format!(
                        "{} {}",
                        s(&["LifecycleConfiguration", "IdleRuntimeSessionTimeout"]),
                        s(&["LifecycleConfiguration", "MaxLifetime"])
                    ),
                );
            }
            "AWS::Logs::LogGroup" => {
                put("name", s(&["LogGroupName"]));
                put("retention", s(&["RetentionInDays"]));
                put("kms", s(&["KmsKeyId"]));
            }
            "AWS::Logs::DeliverySource" => {
                put("name", s(&["Name"]));
                put("log_type", s(&["LogType"]));
                put("resource", s(&["ResourceArn"]));
            }
            "AWS::Logs::DeliveryDestination" => {
                put("name", s(&["Name"]));
                put("type", s(&["DeliveryDestinationType"]));
                put("destination", s(&["DestinationResourceArn"]));
            }
            "AWS::Logs::Delivery" => {
                put("source", s(&["DeliverySourceName"]));
                put("destination", s(&["DeliveryDestinationArn"]));
            }
            "AWS::CloudWatch::Alarm" => {
                for (fact, key) in [
                    ("name", "AlarmName"),
                    ("namespace", "Namespace"),
                    ("metric", "MetricName"),
                    ("statistic", "Statistic"),
                    ("period", "Period"),
                    ("evaluation_periods", "EvaluationPeriods"),
                    ("threshold", "Threshold"),
                    ("comparison", "ComparisonOperator"),
                    ("missing_data", "TreatMissingData"),
                ] {
                    put(fact, s(&[key]));
                }
                put("actions", c.list(&p["AlarmActions"]).join(","));
                put(
                    "dimensions",
                    p["Dimensions"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|d| format!("{}={}", c.s(&d["Name"]), c.s(&d["Value"])))
                        .collect::<Vec<_>>()
                        .join(";"),
                );
            }
            other => panic!("no facts for {other}"),
        }
    }
    assert!(
        tags.len() <= 1,
        "CloudFormation resources carry different tags: {tags:?}"
    );
    f.insert("tags".into(), tags.into_iter().next().unwrap_or_default());
    f
}
