#!/usr/bin/env bash
# The reference app's gate: type-check, synthesize every environment offline with cdk-nag, check
# the templates' shape against docs/infrastructure.md, and cfn-lint them when cfn-lint is on PATH
# (or CFN_LINT points at it). Prints the time of each step.
#
#   backends/cdk/reference/check.sh            # uses (and if needed installs) the shared toolchain
#   KEEP_OUT=1 backends/cdk/reference/check.sh # leave the templates in cdk.out-<env>/
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$here/../../.." && pwd)
tools=$("$repo_root/scripts/setup/cdk.sh" | tail -n1)

export CDK_DISABLE_CLI_TELEMETRY=true
export npm_config_update_notifier=false

cd "$here"
# Link the shared toolchain unless a real node_modules (an `npm ci` here) is in place.
if [[ -L node_modules || ! -e node_modules ]]; then
  ln -sfn "$tools/node_modules" node_modules
fi

step() {
  local name=$1
  shift
  local start=$SECONDS
  "$@"
  printf 'check: %-32s %3d s\n' "$name" $((SECONDS - start)) >&2
}

# Run offline when the machine lets us make an empty network namespace.
offline=()
if unshare -n true 2>/dev/null; then
  offline=(unshare -n)
fi

step "tsc --noEmit" node_modules/.bin/tsc --noEmit -p .

out_root=$(mktemp -d)
trap 'rm -rf "$out_root"' EXIT

for env in dev staging production; do
  out="$out_root/$env"
  step "cdk synth -c env=$env" "${offline[@]}" node_modules/.bin/cdk synth -c "env=$env" --no-notices -q -o "$out"
  step "contract shape ($env)" node - "$out/support-desk-$env.template.json" "$env" <<'EOF'
const fs = require('node:fs');
const [file, env] = process.argv.slice(2);
const t = JSON.parse(fs.readFileSync(file, 'utf8'));
const fail = (msg) => { console.error(`check: ${env}: ${msg}`); process.exitCode = 1; };
const keys = Object.keys(t).sort().join(',');
if (keys !== 'Outputs,Resources') fail(`top-level keys ${keys}`);
const production = env === 'production';
const vpc = env !== 'dev';
const expected = [
  'LogKey', 'AlarmKey', 'AlarmTopic',
  ...(vpc ? ['UserPool', 'UserPoolClient', 'RuntimeSecurityGroup'] : []),
  'AuditKey', 'AuditLogBucket', 'AuditLogBucketPolicy', 'AuditBucket', 'AuditBucketPolicy', 'AuditTrail',
  'SupportAgentRepository', 'SupportAgentRole', 'SupportAgentRolePolicy', 'SupportAgentLogGroup', 'SupportAgentRuntime',
  'SupportAgentLogSource', 'SupportAgentLogDestination', 'SupportAgentLogDelivery',
  'SupportAgentTraceSource', 'SupportAgentTraceDestination', 'SupportAgentTraceDelivery',
  'SupportAgentSystemErrorsAlarm', 'SupportAgentUserErrorsAlarm', 'SupportAgentThrottlesAlarm', 'SupportAgentLatencyAlarm',
];
const actual = Object.keys(t.Resources);
if (actual.join() !== expected.join()) fail(`resources ${actual.join()} != ${expected.join()}`);
for (const [id, r] of Object.entries(t.Resources)) {
  if (r.Metadata) fail(`${id} has Metadata`);
  if (r.Type.startsWith('AWS::IAM::') && !['SupportAgentRole', 'SupportAgentRolePolicy'].includes(id)) fail(`extra IAM resource ${id}`);
}
const role = t.Resources.SupportAgentRole.Properties;
if (role.Policies || role.ManagedPolicyArns) fail('SupportAgentRole has inline or managed policies');
const sids = t.Resources.SupportAgentRolePolicy.Properties.PolicyDocument.Statement.map((s) => s.Sid).join();
const wantSids = 'EcrImagePull,EcrAuthToken,RuntimeLogGroups,DescribeLogGroups,RuntimeLogStreams,XRayTraces,AgentMetrics,WorkloadIdentity,InvokeModels,ReadSecrets,Spec1';
if (sids !== wantSids) fail(`role statements ${sids}`);
const pull = t.Resources.SupportAgentRolePolicy.Properties.PolicyDocument.Statement[0];
if (JSON.stringify(pull.Action) !== JSON.stringify(['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'])) fail(`EcrImagePull actions ${pull.Action}`);
const runtime = t.Resources.SupportAgentRuntime;
if ((runtime.DependsOn ?? []).join() !== 'SupportAgentRolePolicy') fail(`runtime DependsOn ${runtime.DependsOn}`);
const mode = runtime.Properties.NetworkConfiguration.NetworkMode;
if (mode !== (vpc ? 'VPC' : 'PUBLIC')) fail(`network ${mode}`);
if (!!runtime.Properties.AuthorizerConfiguration !== vpc) fail('authorizer');
const retention = t.Resources.SupportAgentLogGroup.Properties.RetentionInDays;
if (retention !== (production ? 365 : 30)) fail(`retention ${retention}`);
for (const id of ['SupportAgentRepository', 'SupportAgentLogGroup', ...(vpc ? ['UserPool'] : [])]) {
  const policy = t.Resources[id].DeletionPolicy;
  if (policy !== (production ? 'Retain' : 'Delete')) fail(`${id} DeletionPolicy ${policy}`);
}
for (const [id, r] of Object.entries(t.Resources).filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm')) {
  const dims = r.Properties.Dimensions.map((d) => d.Name).sort().join();
  if (dims !== 'Name,Operation,Resource') fail(`${id} dimensions ${dims}`);
}
if (JSON.stringify(t.Resources.AlarmTopic.Properties.KmsMasterKeyId) !== JSON.stringify({ Ref: 'AlarmKey' })) fail('AlarmTopic is not encrypted with AlarmKey');
if (t.Resources.AuditTrail.Properties.TrailName !== `support-desk-${env}-audit`) fail(`trail name ${t.Resources.AuditTrail.Properties.TrailName}`);
const outputs = Object.keys(t.Outputs).sort().join();
const wantOutputs = ['AlarmTopicArn', 'SupportAgentInvocationUrl', 'SupportAgentLogGroupName', 'SupportAgentRepositoryUri',
  'SupportAgentRuntimeArn', 'SupportAgentRuntimeId', ...(vpc ? ['UserPoolClientId', 'UserPoolId'] : [])].sort().join();
if (outputs !== wantOutputs) fail(`outputs ${outputs}`);
EOF
  if [[ -n "${KEEP_OUT:-}" ]]; then
    rm -rf "$here/cdk.out-$env"
    cp -r "$out" "$here/cdk.out-$env"
  fi
done

cfn_lint=${CFN_LINT:-$(command -v cfn-lint || true)}
if [[ -n "$cfn_lint" ]]; then
  # Errors fail; warnings are printed.
  for env in dev staging production; do
    step "cfn-lint ($env)" "$cfn_lint" --regions us-east-1 --non-zero-exit-code error -- "$out_root/$env/support-desk-$env.template.json"
  done
else
  echo 'check: cfn-lint not found (set CFN_LINT or install it): skipped' >&2
fi
echo 'check: ok' >&2
