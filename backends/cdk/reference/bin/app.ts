#!/usr/bin/env node
// support-desk on Bedrock AgentCore Runtime. Pick the environment with `-c env=dev|staging|production`:
//   cdk synth -c env=production --no-notices
//   cdk deploy -c env=production -c withImages=false   # first deployment only (creates the repositories)
//   cdk deploy -c env=production                       # builds the linux/arm64 image, pushes, creates the runtime
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AgentImageSynthesizer } from '../lib/agent-image-synthesizer';
import { ENVIRONMENT_NAMES, ENVIRONMENTS, isEnvironmentName } from '../lib/config';
import { SupportDeskStack } from '../lib/support-desk-stack';

const app = new App();

const envName: unknown = app.node.tryGetContext('env');
if (!isEnvironmentName(envName)) {
  throw new Error(`choose the environment with -c env=${ENVIRONMENT_NAMES.join('|')} (got ${JSON.stringify(envName)})`);
}
const config = ENVIRONMENTS[envName];

const withImagesContext: unknown = app.node.tryGetContext('withImages');
const withImages = !(withImagesContext === false || withImagesContext === 'false');

// The template is region-agnostic (pseudo parameters), so the CLI deploys to the region of the
// caller's profile: refuse any region but the spec's.
const targetRegion = process.env.CDK_DEFAULT_REGION;
if (targetRegion !== undefined && targetRegion !== config.region) {
  throw new Error(`${config.stackName} belongs in ${config.region} (spec project.region), but the CLI targets ${targetRegion}`);
}

new SupportDeskStack(app, config.stackName, {
  stackName: config.stackName,
  config,
  appDirectory: path.resolve(__dirname, '..'),
  withImages,
  synthesizer: new AgentImageSynthesizer({
    imageRepositories: Object.fromEntries(config.agents.map((agent) => [`${agent.id}Image`, agent.repositoryName])),
    // The CLI checks the bootstrap version itself (asset manifest `requiresBootstrapStackVersion`),
    // so the template needs no BootstrapVersion parameter and CheckBootstrapVersion rule.
    generateBootstrapVersionRule: false,
  }),
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
