// The resolved deployment of specs/support-desk.kdl, one object per environment: what agentc's IR
// holds after the environment overlay and lowering (names, logical IDs, IAM statements are decided
// there, once, for all backends: docs/infrastructure.md). The stack in support-desk-stack.ts only
// renders it. Strings with `${AWS::…}` are CloudFormation Fn::Sub templates.

export type EnvironmentName = 'dev' | 'staging' | 'production';

export const ENVIRONMENT_NAMES: readonly EnvironmentName[] = ['dev', 'staging', 'production'];

export function isEnvironmentName(value: unknown): value is EnvironmentName {
  return typeof value === 'string' && (ENVIRONMENT_NAMES as readonly string[]).includes(value);
}

export interface StatementConfig {
  readonly sid: string;
  readonly actions: readonly string[];
  /** ARNs, as Fn::Sub templates where they hold `${AWS::…}`. */
  readonly resources: readonly string[];
  readonly conditions?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Why a resource is or contains a wildcard; becomes the cdk-nag acknowledgement reason. */
  readonly wildcardReason?: string;
}

export interface AlarmConfig {
  /** PascalCase alarm name: the logical ID is `{agent.id}{id}Alarm`. */
  readonly id: string;
  readonly metricName: string;
  readonly statistic: 'Sum' | 'Average' | 'Maximum' | 'Minimum' | 'SampleCount';
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
}

export interface AgentConfig {
  /** PascalCase of the agent name: the prefix of every per-agent logical ID. */
  readonly id: string;
  readonly runtimeName: string;
  readonly description: string;
  readonly protocol: 'HTTP' | 'MCP' | 'A2A' | 'AGUI';
  /** Docker build context of the agent image, relative to the app directory. */
  readonly imageDirectory: string;
  readonly repositoryName: string;
  readonly logGroupName: string;
  readonly environmentVariables: Readonly<Record<string, string>>;
  readonly idleRuntimeSessionTimeoutSeconds: number;
  readonly maxLifetimeSeconds: number;
  /**
   * The execution role's statements after `EcrImagePull` (whose resource is the repository this
   * stack creates, so the stack renders it).
   */
  readonly statements: readonly StatementConfig[];
  readonly alarms: readonly AlarmConfig[];
}

export type NetworkConfig =
  | { readonly mode: 'PUBLIC' }
  | {
      readonly mode: 'VPC';
      readonly vpcId: string;
      readonly subnetIds: readonly string[];
      /** Security groups admitted on the runtime port (RuntimeSecurityGroup ingress). */
      readonly ingressFrom: readonly string[];
      readonly ingressPort: number;
      /** Declared `security-groups`, attached beside RuntimeSecurityGroup. */
      readonly securityGroupIds: readonly string[];
    };

export type AuthConfig =
  | { readonly mode: 'IAM' }
  | { readonly mode: 'COGNITO'; readonly userPoolName: string };

export interface DeploymentConfig {
  readonly project: string;
  readonly environment: EnvironmentName;
  readonly stackName: string;
  readonly region: string;
  /** Production keeps data (repository, log group, user pool, keys) when the stack goes. */
  readonly retainData: boolean;
  /** Project, Environment, Owner, CostCenter, then the spec's tags. */
  readonly tags: readonly (readonly [string, string])[];
  readonly image: {
    readonly tagMutability: 'IMMUTABLE' | 'MUTABLE';
    readonly scanOnPush: boolean;
    readonly keepLast: number;
  };
  readonly network: NetworkConfig;
  readonly auth: AuthConfig;
  readonly logRetentionDays: number;
  readonly tracing: boolean;
  /** Alarm actions go to the stack's AlarmTopic. */
  readonly createAlarmTopic: boolean;
  readonly audit?: {
    /** Fixed so AuditKey's and AuditBucketPolicy's `aws:SourceArn` can name the trail. */
    readonly trailName: string;
    readonly dataEvents: boolean;
  };
  readonly agents: readonly AgentConfig[];
}

// ---- support-desk ---------------------------------------------------------------------------

const PROJECT = 'support-desk';
const REGION = 'us-east-1';

const TAGS = (environment: EnvironmentName) =>
  [
    ['Project', PROJECT],
    ['Environment', environment],
    ['Owner', 'platform-team'],
    ['CostCenter', 'CC-4521'],
    ['team', 'agents'],
    ['data-classification', 'internal'],
  ] as const;

const IMAGE = { tagMutability: 'IMMUTABLE', scanOnPush: true, keepLast: 30 } as const;

const VPC: NetworkConfig = {
  mode: 'VPC',
  vpcId: 'vpc-0a1b2c3d4e5f67890',
  subnetIds: ['subnet-0aaa1111bbbb2222c', 'subnet-0ddd3333eeee4444f'],
  ingressFrom: ['sg-0123456789abcdef0'],
  ingressPort: 8080,
  securityGroupIds: [],
};

const ALARMS: readonly AlarmConfig[] = [
  { id: 'SystemErrors', metricName: 'SystemErrors', statistic: 'Sum', threshold: 1, periodSeconds: 300, evaluationPeriods: 1 },
  { id: 'UserErrors', metricName: 'UserErrors', statistic: 'Sum', threshold: 10, periodSeconds: 300, evaluationPeriods: 1 },
  { id: 'Throttles', metricName: 'Throttles', statistic: 'Sum', threshold: 5, periodSeconds: 300, evaluationPeriods: 1 },
  { id: 'Latency', metricName: 'Latency', statistic: 'Average', threshold: 30000, periodSeconds: 300, evaluationPeriods: 1 },
];

/** The execution role's statements for agent `support_agent` in one environment. */
function supportAgentStatements(runtimeName: string): StatementConfig[] {
  const logGroups = 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group';
  const workload = 'arn:${AWS::Partition}:bedrock-agentcore:${AWS::Region}:${AWS::AccountId}:workload-identity-directory/default';
  return [
    {
      sid: 'EcrAuthToken',
      actions: ['ecr:GetAuthorizationToken'],
      resources: ['*'],
      wildcardReason: 'ecr:GetAuthorizationToken has no resource-level permissions; the token alone grants no repository access (pulls are limited to the agent repository by EcrImagePull).',
    },
    {
      sid: 'RuntimeLogGroups',
      actions: ['logs:CreateLogGroup', 'logs:DescribeLogStreams'],
      resources: [`${logGroups}:/aws/bedrock-agentcore/runtimes/${runtimeName}-*`],
      wildcardReason: `AgentCore names the runtime's log groups /aws/bedrock-agentcore/runtimes/<runtime id>-<endpoint>; the id is ${runtimeName} plus a random suffix chosen at creation, so the suffix is a wildcard.`,
    },
    {
      sid: 'DescribeLogGroups',
      actions: ['logs:DescribeLogGroups'],
      resources: [`${logGroups}:*`],
      wildcardReason: 'logs:DescribeLogGroups lists log groups and cannot be scoped to one log group.',
    },
    {
      sid: 'RuntimeLogStreams',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [`${logGroups}:/aws/bedrock-agentcore/runtimes/${runtimeName}-*:log-stream:*`],
      wildcardReason: `Log streams of this runtime's own log groups only (${runtimeName}-<random suffix>); stream names are chosen by the service per session.`,
    },
    {
      sid: 'XRayTraces',
      actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
      resources: ['*'],
      wildcardReason: 'X-Ray has no resource-level permissions for PutTraceSegments, PutTelemetryRecords, GetSamplingRules and GetSamplingTargets.',
    },
    {
      sid: 'AgentMetrics',
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': 'bedrock-agentcore' } },
      wildcardReason: 'cloudwatch:PutMetricData has no resource-level permissions; the cloudwatch:namespace condition limits it to the bedrock-agentcore namespace.',
    },
    {
      sid: 'WorkloadIdentity',
      actions: [
        'bedrock-agentcore:GetWorkloadAccessToken',
        'bedrock-agentcore:GetWorkloadAccessTokenForJWT',
        'bedrock-agentcore:GetWorkloadAccessTokenForUserId',
      ],
      resources: [workload, `${workload}/workload-identity/${runtimeName}-*`],
      wildcardReason: `The runtime's workload identity is named after the runtime id (${runtimeName} plus a random suffix chosen at creation).`,
    },
    {
      sid: 'InvokeModels',
      actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      resources: [
        'arn:${AWS::Partition}:bedrock:${AWS::Region}:${AWS::AccountId}:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        'arn:${AWS::Partition}:bedrock:*::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0',
      ],
      wildcardReason: 'The cross-region inference profile us.anthropic.claude-sonnet-4-5-20250929-v1:0 routes to this one foundation model in any of its US regions, so the region of the foundation-model ARN is a wildcard.',
    },
    {
      sid: 'ReadSecrets',
      actions: ['secretsmanager:GetSecretValue'],
      resources: ['arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:support-desk/search-api-key-??????'],
      wildcardReason: 'Secrets Manager appends six random characters to a secret ARN; ?????? matches exactly those for the one declared secret.',
    },
    {
      sid: 'Spec1',
      actions: ['dynamodb:GetItem', 'dynamodb:Query'],
      resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/tickets'],
    },
  ];
}

function supportAgent(environment: EnvironmentName): AgentConfig {
  const runtimeName = `support_agent_${environment}`;
  return {
    id: 'SupportAgent',
    runtimeName,
    description: 'Answers customer support questions from the ticket history',
    protocol: 'HTTP',
    imageDirectory: 'agent-stub',
    repositoryName: `${PROJECT}/${environment}/support_agent`,
    logGroupName: `/aws/vendedlogs/bedrock-agentcore/${PROJECT}-${environment}/support_agent`,
    environmentVariables: {
      LOG_LEVEL: 'INFO',
      TICKETS_TABLE: 'tickets',
      SEARCH_API_KEY_SECRET_REF: 'secretsmanager:support-desk/search-api-key',
    },
    idleRuntimeSessionTimeoutSeconds: 900,
    maxLifetimeSeconds: 28800,
    statements: supportAgentStatements(runtimeName),
    alarms: ALARMS,
  };
}

function deployment(
  environment: EnvironmentName,
  overrides: Pick<DeploymentConfig, 'network' | 'auth' | 'logRetentionDays' | 'retainData'>,
): DeploymentConfig {
  const stackName = `${PROJECT}-${environment}`;
  return {
    project: PROJECT,
    environment,
    stackName,
    region: REGION,
    tags: TAGS(environment),
    image: IMAGE,
    tracing: true,
    createAlarmTopic: true,
    audit: { trailName: `${stackName}-audit`, dataEvents: false },
    agents: [supportAgent(environment)],
    ...overrides,
  };
}

export const ENVIRONMENTS: Readonly<Record<EnvironmentName, DeploymentConfig>> = {
  dev: deployment('dev', {
    network: { mode: 'PUBLIC' },
    auth: { mode: 'IAM' },
    logRetentionDays: 30,
    retainData: false,
  }),
  staging: deployment('staging', {
    network: VPC,
    auth: { mode: 'COGNITO', userPoolName: `${PROJECT}-staging-users` },
    logRetentionDays: 30,
    retainData: false,
  }),
  production: deployment('production', {
    network: VPC,
    auth: { mode: 'COGNITO', userPoolName: `${PROJECT}-production-users` },
    logRetentionDays: 365,
    retainData: true,
  }),
};
