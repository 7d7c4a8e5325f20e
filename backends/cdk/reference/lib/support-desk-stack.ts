import * as path from 'node:path';
import {
  Aws,
  CfnOutput,
  CfnResource,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  type StackProps,
  Tags,
  Token,
  Validations,
} from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecrAssets from 'aws-cdk-lib/aws-ecr-assets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct, IConstruct } from 'constructs';
import type { AgentConfig, DeploymentConfig, StatementConfig } from './config';

export interface SupportDeskStackProps extends StackProps {
  readonly config: DeploymentConfig;
  /** Directory the config's relative paths (agent image directories) are resolved against. */
  readonly appDirectory: string;
  /**
   * false for the first deployment only: creates the repositories (and everything that does not
   * need an image) so that the next `cdk deploy` can push the images into them.
   */
  readonly withImages: boolean;
}

/** Stack-wide resources the per-agent resources refer to. */
interface Shared {
  readonly logKey: kms.Key;
  readonly alarmTopic?: sns.Topic;
  readonly userPool?: cognito.CfnUserPool;
  readonly userPoolClient?: cognito.CfnUserPoolClient;
  readonly network: agentcore.RuntimeNetworkConfiguration;
}

/** Pins the CloudFormation logical ID of an L2 construct's resource to the contract's name. */
function pin(construct: IConstruct, logicalId: string): CfnResource {
  const resource = construct.node.defaultChild as CfnResource;
  resource.overrideLogicalId(logicalId);
  return resource;
}

/** An ARN that is a Fn::Sub template when it holds `${…}`, a plain string otherwise. */
function arn(template: string): string {
  return !Token.isUnresolved(template) && template.includes('${') ? Fn.sub(template) : template;
}

/** cdk-nag's finding id for a wildcard resource: Fn::Sub variables are written `<AWS::Region>`. */
function iam5Finding(resource: string): string {
  return `AwsSolutions-IAM5[Resource::${resource.replace(/\$\{([^}]+)\}/g, '<$1>')}]`;
}

/**
 * support-desk on Bedrock AgentCore Runtime, exactly as docs/infrastructure.md describes it for
 * one environment: logical IDs, names, IAM statements and settings come from the config.
 */
export class SupportDeskStack extends Stack {
  constructor(scope: Construct, id: string, props: SupportDeskStackProps) {
    super(scope, id, props);
    const { config } = props;

    for (const [key, value] of config.tags) {
      Tags.of(this).add(key, value);
    }

    const shared: Shared = {
      logKey: this.logKey(config),
      alarmTopic: config.createAlarmTopic ? this.alarmTopic() : undefined,
      ...this.auth(config),
      network: this.network(config),
    };
    if (config.audit) {
      this.audit(config.audit);
    }
    for (const agent of config.agents) {
      this.agent(config, props, shared, agent);
    }

    if (shared.userPool && shared.userPoolClient) {
      new CfnOutput(this, 'UserPoolId', { value: shared.userPool.ref });
      new CfnOutput(this, 'UserPoolClientId', { value: shared.userPoolClient.ref });
    }
    if (shared.alarmTopic) {
      new CfnOutput(this, 'AlarmTopicArn', { value: shared.alarmTopic.topicArn });
    }
  }

  // ---- stack-wide ------------------------------------------------------------------------------

  private retention(config: DeploymentConfig): RemovalPolicy {
    return config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
  }

  private logKey(config: DeploymentConfig): kms.Key {
    const key = new kms.Key(this, 'LogKey', {
      enableKeyRotation: true,
      // Retained with the log groups it encrypts (production), deleted with them otherwise.
      removalPolicy: this.retention(config),
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'AccountRootFullAccess',
            principals: [new iam.AccountRootPrincipal()],
            actions: ['kms:*'],
            resources: ['*'],
          }),
          new iam.PolicyStatement({
            sid: 'CloudWatchLogsAgentLogGroups',
            principals: [new iam.ServicePrincipal(Fn.sub('logs.${AWS::Region}.amazonaws.com'))],
            actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
            resources: ['*'],
            conditions: {
              ArnLike: {
                'kms:EncryptionContext:aws:logs:arn': Fn.sub(
                  `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/vendedlogs/bedrock-agentcore/${config.stackName}/*`,
                ),
              },
            },
          }),
        ],
      }),
    });
    pin(key, 'LogKey');
    return key;
  }

  private alarmTopic(): sns.Topic {
    // A customer managed key: CloudWatch alarms cannot publish to a topic encrypted with the AWS
    // managed alias/aws/sns key (its key policy cannot admit cloudwatch.amazonaws.com).
    const key = new kms.Key(this, 'AlarmKey', {
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'AccountRootFullAccess',
            principals: [new iam.AccountRootPrincipal()],
            actions: ['kms:*'],
            resources: ['*'],
          }),
          new iam.PolicyStatement({
            sid: 'CloudWatchAlarmsPublish',
            principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
            actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            resources: ['*'],
            conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
          }),
        ],
      }),
    });
    pin(key, 'AlarmKey');
    const topic = new sns.Topic(this, 'AlarmTopic');
    // The key by id (the L2's `masterKey` would render its ARN).
    (pin(topic, 'AlarmTopic') as sns.CfnTopic).kmsMasterKeyId = key.keyId;
    return topic;
  }

  private auth(config: DeploymentConfig): Pick<Shared, 'userPool' | 'userPoolClient'> {
    if (config.auth.mode !== 'COGNITO') {
      return {};
    }
    // L1: the L2 UserPool adds settings the contract does not have (phone-first account
    // recovery, verification message texts) and the L2 client adds OAuth settings; the contract
    // lists the exact settings, so the template carries those and nothing else.
    const userPool = new cognito.CfnUserPool(this, 'UserPool', {
      userPoolName: config.auth.userPoolName,
      adminCreateUserConfig: { allowAdminCreateUserOnly: true },
      policies: {
        passwordPolicy: {
          minimumLength: 12,
          requireUppercase: true,
          requireLowercase: true,
          requireNumbers: true,
          requireSymbols: true,
        },
      },
      mfaConfiguration: 'OPTIONAL',
      enabledMfas: ['SOFTWARE_TOKEN_MFA'],
      userPoolTier: 'PLUS',
      userPoolAddOns: { advancedSecurityMode: 'ENFORCED' },
    });
    userPool.applyRemovalPolicy(this.retention(config));
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason: 'MFA is OPTIONAL with software tokens, as the contract sets it: the runtime is called by service clients through USER_PASSWORD_AUTH, which cannot answer an MFA challenge; sign-up is admin-only and advanced security is ENFORCED.',
    });
    const userPoolClient = new cognito.CfnUserPoolClient(this, 'UserPoolClient', {
      userPoolId: userPool.ref,
      generateSecret: false,
      explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    return { userPool, userPoolClient };
  }

  private network(config: DeploymentConfig): agentcore.RuntimeNetworkConfiguration {
    const network = config.network;
    if (network.mode === 'PUBLIC') {
      return agentcore.RuntimeNetworkConfiguration.usingPublicNetwork();
    }
    // Only the VPC id is used (the security group's VpcId); the subnets are given explicitly, so
    // the availability zones are never rendered.
    const vpc = ec2.Vpc.fromVpcAttributes(this, 'Vpc', { vpcId: network.vpcId, availabilityZones: Fn.getAzs() });
    Validations.of(vpc).acknowledge({
      id: 'Annotation::@aws-cdk/aws-ec2:vpcAttributeIsListTokenavailabilityZones',
      reason: 'The imported VPC only supplies the security group VpcId; the runtime subnets are given by id, so no construct needs its availability zones at synthesis.',
    });
    const securityGroup = new ec2.SecurityGroup(this, 'RuntimeSecurityGroup', {
      vpc,
      description: `AgentCore runtimes of ${config.stackName}`,
      allowAllOutbound: false,
    });
    pin(securityGroup, 'RuntimeSecurityGroup');
    for (const source of network.ingressFrom) {
      securityGroup.addIngressRule(
        ec2.Peer.securityGroupId(source),
        ec2.Port.tcp(network.ingressPort),
        `Runtime port from ${source}`,
      );
    }
    securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to AWS APIs (ECR, Bedrock, CloudWatch)');
    const declared = network.securityGroupIds.map((groupId, index) =>
      ec2.SecurityGroup.fromSecurityGroupId(this, `SecurityGroup${index + 1}`, groupId, { mutable: false }),
    );
    return agentcore.RuntimeNetworkConfiguration.usingVpc(this, {
      vpc,
      vpcSubnets: {
        subnets: network.subnetIds.map((subnetId, index) => {
          const subnet = ec2.Subnet.fromSubnetId(this, `Subnet${index + 1}`, subnetId);
          Validations.of(subnet).acknowledge({
            id: 'Annotation::@aws-cdk/aws-ec2:noSubnetRouteTableId',
            reason: 'The runtime only needs the subnet id (NetworkModeConfig.Subnets); nothing reads its route table.',
          });
          return subnet;
        }),
      },
      securityGroups: [securityGroup, ...declared],
    });
  }

  private audit(audit: NonNullable<DeploymentConfig['audit']>): void {
    const trailArn = Fn.sub(`arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/${audit.trailName}`);

    const auditKey = new kms.Key(this, 'AuditKey', {
      enableKeyRotation: true,
      // Audit evidence outlives the stack: the key stays with the bucket it decrypts.
      removalPolicy: RemovalPolicy.RETAIN,
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'AccountRootFullAccess',
            principals: [new iam.AccountRootPrincipal()],
            actions: ['kms:*'],
            resources: ['*'],
          }),
          new iam.PolicyStatement({
            sid: 'CloudTrailEncrypt',
            principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
            actions: ['kms:GenerateDataKey*'],
            resources: ['*'],
            conditions: {
              StringEquals: { 'aws:SourceArn': trailArn },
              StringLike: {
                'kms:EncryptionContext:aws:cloudtrail:arn': Fn.sub('arn:${AWS::Partition}:cloudtrail:*:${AWS::AccountId}:trail/*'),
              },
            },
          }),
          new iam.PolicyStatement({
            sid: 'CloudTrailDescribeKey',
            principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
            actions: ['kms:DescribeKey'],
            resources: ['*'],
            conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
          }),
          new iam.PolicyStatement({
            sid: 'AccountDecryptLogFiles',
            principals: [new iam.AccountRootPrincipal()],
            actions: ['kms:Decrypt', 'kms:ReEncryptFrom'],
            resources: ['*'],
            conditions: {
              StringEquals: { 'kms:CallerAccount': Aws.ACCOUNT_ID },
              StringLike: {
                'kms:EncryptionContext:aws:cloudtrail:arn': Fn.sub('arn:${AWS::Partition}:cloudtrail:*:${AWS::AccountId}:trail/*'),
              },
            },
          }),
        ],
      }),
    });
    pin(auditKey, 'AuditKey');

    const auditLogBucket = new s3.Bucket(this, 'AuditLogBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pin(auditLogBucket, 'AuditLogBucket');

    const auditBucket = new s3.Bucket(this, 'AuditBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: auditKey,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: true,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const cfnAuditBucket = pin(auditBucket, 'AuditBucket') as s3.CfnBucket;
    // Server access logging, spelled out rather than through `serverAccessLogsBucket`, whose
    // rendering depends on a feature flag (bucket policy vs. the LogDeliveryWrite ACL, which
    // BucketOwnerEnforced forbids): the log delivery service writes through the bucket policy.
    cfnAuditBucket.loggingConfiguration = { destinationBucketName: auditLogBucket.bucketName };
    auditLogBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'S3ServerAccessLogs',
        principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [auditLogBucket.arnForObjects('*')],
        conditions: {
          ArnLike: { 'aws:SourceArn': auditBucket.bucketArn },
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        },
      }),
    );
    auditBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailAclCheck',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['s3:GetBucketAcl'],
        resources: [auditBucket.bucketArn],
        conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
      }),
    );
    auditBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailWrite',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [auditBucket.arnForObjects(`AWSLogs/${Aws.ACCOUNT_ID}/*`)],
        conditions: {
          StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn },
        },
      }),
    );
    if (auditBucket.policy) {
      pin(auditBucket.policy, 'AuditBucketPolicy');
    }
    if (auditLogBucket.policy) {
      pin(auditLogBucket.policy, 'AuditLogBucketPolicy');
    }

    const trail = new cloudtrail.CfnTrail(this, 'AuditTrail', {
      trailName: audit.trailName,
      s3BucketName: auditBucket.bucketName,
      kmsKeyId: auditKey.keyArn,
      isLogging: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      advancedEventSelectors: audit.dataEvents
        ? [
            {
              name: 'AgentCore runtime data events',
              fieldSelectors: [
                { field: 'eventCategory', equalTo: ['Data'] },
                { field: 'resources.type', equalTo: ['AWS::BedrockAgentCore::Runtime'] },
              ],
            },
          ]
        : undefined,
    });
    // CloudTrail checks the bucket policy when the trail is created.
    if (auditBucket.policy) {
      trail.addResourceDependency(auditBucket.policy.node.defaultChild as CfnResource);
    }
  }

  // ---- per agent -------------------------------------------------------------------------------

  private agent(config: DeploymentConfig, props: SupportDeskStackProps, shared: Shared, agent: AgentConfig): void {
    const a = agent.id;

    const repository = new ecr.Repository(this, `${a}Repository`, {
      repositoryName: agent.repositoryName,
      imageTagMutability: config.image.tagMutability === 'IMMUTABLE' ? ecr.TagMutability.IMMUTABLE : ecr.TagMutability.MUTABLE,
      imageScanOnPush: config.image.scanOnPush,
      encryption: ecr.RepositoryEncryption.KMS,
      lifecycleRules: [{ rulePriority: 1, tagStatus: ecr.TagStatus.ANY, maxImageCount: config.image.keepLast }],
      removalPolicy: this.retention(config),
      emptyOnDelete: config.retainData ? undefined : true,
    });
    const cfnRepository = pin(repository, `${a}Repository`) as ecr.CfnRepository;

    const role = new iam.Role(this, `${a}Role`, {
      assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        ArnLike: { 'aws:SourceArn': Fn.sub('arn:${AWS::Partition}:bedrock-agentcore:${AWS::Region}:${AWS::AccountId}:*') },
      }),
      maxSessionDuration: Duration.hours(8),
    });
    pin(role, `${a}Role`);

    const statements: StatementConfig[] = [
      {
        sid: 'EcrImagePull',
        actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
        resources: [repository.repositoryArn],
      },
      ...agent.statements,
    ];
    const policy = new iam.Policy(this, `${a}RolePolicy`, {
      policyName: `${a}RolePolicy`,
      roles: [role],
      statements: statements.map(
        (s) =>
          new iam.PolicyStatement({
            sid: s.sid,
            actions: [...s.actions],
            resources: s.resources.map(arn),
            conditions: s.conditions,
          }),
      ),
    });
    const cfnPolicy = pin(policy, `${a}RolePolicy`);
    // One acknowledgement per cdk-nag finding (a finding is one distinct wildcard resource, which
    // several statements may share, e.g. `*`), carrying the reason of every statement behind it.
    const wildcardReasons = new Map<string, string[]>();
    for (const statement of statements) {
      for (const resource of statement.resources.filter((r) => !Token.isUnresolved(r) && r.includes('*'))) {
        if (statement.wildcardReason === undefined) {
          throw new Error(`${a}RolePolicy ${statement.sid}: wildcard resource ${resource} has no reason`);
        }
        const finding = iam5Finding(resource);
        wildcardReasons.set(finding, [...(wildcardReasons.get(finding) ?? []), `${statement.sid}: ${statement.wildcardReason}`]);
      }
    }
    for (const [finding, reasons] of wildcardReasons) {
      Validations.of(policy).acknowledge({ id: finding, reason: reasons.join(' ') });
    }

    const logGroup = new logs.LogGroup(this, `${a}LogGroup`, {
      logGroupName: agent.logGroupName,
      retention: config.logRetentionDays as logs.RetentionDays,
      encryptionKey: shared.logKey,
      removalPolicy: this.retention(config),
    });
    pin(logGroup, `${a}LogGroup`);

    new CfnOutput(this, `${a}RepositoryUri`, { value: cfnRepository.attrRepositoryUri });
    new CfnOutput(this, `${a}LogGroupName`, { value: logGroup.logGroupName });

    if (!props.withImages) {
      return;
    }

    const image = new ecrAssets.DockerImageAsset(this, `${a}Image`, {
      directory: path.resolve(props.appDirectory, agent.imageDirectory),
      platform: ecrAssets.Platform.LINUX_ARM64,
      assetName: `${a}Image`,
    });

    const runtime = new agentcore.Runtime(this, `${a}Runtime`, {
      runtimeName: agent.runtimeName,
      description: agent.description,
      // The image AgentImageSynthesizer publishes to this agent's repository, tagged with its
      // content hash: {repositoryUri}:{tag}.
      agentRuntimeArtifact: agentcore.AgentRuntimeArtifact.fromImageUri(`${cfnRepository.attrRepositoryUri}:${image.imageTag}`),
      // The role by ARN, immutable: the construct's default grants (logs on runtimes/*,
      // workload-identity/*, ECR pull) are dropped, so the role has exactly ${a}RolePolicy, and
      // the runtime depends on the role only through RoleArn (an explicit DependsOn on the role
      // would be cfn-lint W3005).
      executionRole: iam.Role.fromRoleArn(this, `${a}RoleRef`, role.roleArn, { mutable: false }),
      networkConfiguration: shared.network,
      protocolConfiguration: agentcore.ProtocolType.of(agent.protocol),
      environmentVariables: { ...agent.environmentVariables },
      authorizerConfiguration:
        shared.userPool && shared.userPoolClient
          ? agentcore.RuntimeAuthorizerConfiguration.usingJWT(
              Fn.sub('https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPoolId}/.well-known/openid-configuration', {
                UserPoolId: shared.userPool.ref,
              }),
              [shared.userPoolClient.ref],
            )
          : agentcore.RuntimeAuthorizerConfiguration.usingIAM(),
      lifecycleConfiguration: {
        idleRuntimeSessionTimeout: Duration.seconds(agent.idleRuntimeSessionTimeoutSeconds),
        maxLifetime: Duration.seconds(agent.maxLifetimeSeconds),
      },
    });
    const cfnRuntime = pin(runtime, `${a}Runtime`);
    Validations.of(runtime).acknowledge({
      id: 'Annotation::aws-cdk-lib.aws-bedrockagentcore:containerUriValidationSkipped',
      reason: 'The URI is {repository URI}:{asset content hash}, resolved at deployment; AgentCore validates it when it creates the runtime.',
    });
    // The service validates ECR access when it creates the runtime: the policy must be attached.
    cfnRuntime.addResourceDependency(cfnPolicy);

    this.delivery(agent, 'Log', 'APPLICATION_LOGS', runtime, `${agent.runtimeName}-logs`, {
      name: `${agent.runtimeName}-logs-cwl`,
      destinationResourceArn: logGroup.logGroupArn,
    });
    if (config.tracing) {
      this.delivery(agent, 'Trace', 'TRACES', runtime, `${agent.runtimeName}-traces`, {
        name: `${agent.runtimeName}-traces-xray`,
        deliveryDestinationType: 'XRAY',
      });
    }

    for (const alarmConfig of agent.alarms) {
      const alarm = new cloudwatch.Alarm(this, `${a}${alarmConfig.id}Alarm`, {
        // The full dimension set AgentCore publishes runtime metrics with (aws/aws-cdk#38486): an
        // alarm on Resource alone never receives data.
        metric: new cloudwatch.Metric({
          namespace: 'AWS/Bedrock-AgentCore',
          metricName: alarmConfig.metricName,
          dimensionsMap: {
            Operation: 'InvokeAgentRuntime',
            Name: `${agent.runtimeName}::DEFAULT`,
            Resource: runtime.agentRuntimeArn,
          },
          statistic: alarmConfig.statistic,
          period: Duration.seconds(alarmConfig.periodSeconds),
        }),
        threshold: alarmConfig.threshold,
        evaluationPeriods: alarmConfig.evaluationPeriods,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      pin(alarm, `${a}${alarmConfig.id}Alarm`);
      if (shared.alarmTopic) {
        alarm.addAlarmAction(new cloudwatchActions.SnsAction(shared.alarmTopic));
      }
    }

    new CfnOutput(this, `${a}RuntimeArn`, { value: runtime.agentRuntimeArn });
    new CfnOutput(this, `${a}RuntimeId`, { value: runtime.agentRuntimeId });
    new CfnOutput(this, `${a}InvocationUrl`, {
      value: Fn.sub(
        'https://bedrock-agentcore.${AWS::Region}.amazonaws.com/runtimes/arn%3A${AWS::Partition}%3Abedrock-agentcore%3A${AWS::Region}%3A${AWS::AccountId}%3Aruntime%2F${RuntimeId}/invocations?qualifier=DEFAULT',
        { RuntimeId: runtime.agentRuntimeId },
      ),
    });
  }

  /** `{A}{kind}Source` → `{A}{kind}Destination` → `{A}{kind}Delivery` (vended logs, L1 only). */
  private delivery(
    agent: AgentConfig,
    kind: 'Log' | 'Trace',
    logType: 'APPLICATION_LOGS' | 'TRACES',
    runtime: agentcore.Runtime,
    sourceName: string,
    destination: Omit<logs.CfnDeliveryDestinationProps, 'deliveryDestinationPolicy'>,
  ): void {
    const a = agent.id;
    const source = new logs.CfnDeliverySource(this, `${a}${kind}Source`, {
      name: sourceName,
      logType,
      resourceArn: runtime.agentRuntimeArn,
    });
    const target = new logs.CfnDeliveryDestination(this, `${a}${kind}Destination`, destination);
    const delivery = new logs.CfnDelivery(this, `${a}${kind}Delivery`, {
      deliverySourceName: sourceName,
      deliveryDestinationArn: target.attrArn,
    });
    delivery.addResourceDependency(source);
  }
}
