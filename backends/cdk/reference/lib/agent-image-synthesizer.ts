import * as path from 'node:path';
import {
  DefaultStackSynthesizer,
  type DefaultStackSynthesizerProps,
  type DockerImageAssetLocation,
  type DockerImageAssetSource,
  type ISynthesisSession,
  type SynthesizeStackArtifactOptions,
} from 'aws-cdk-lib';
import { ArtifactType, Manifest, type DockerImageAsset } from 'aws-cdk-lib/cloud-assembly-schema';

export interface AgentImageSynthesizerProps extends DefaultStackSynthesizerProps {
  /**
   * Docker image asset name (`DockerImageAssetProps.assetName`) → name of the agent's own ECR
   * repository, which the stack itself creates (`{A}Repository`).
   */
  readonly imageRepositories: Readonly<Record<string, string>>;
}

/**
 * The default synthesizer (bootstrap roles, file assets, template upload) with one change: the
 * image of each agent is published to that agent's own ECR repository instead of the shared CDK
 * asset repository, so the runtime pulls from a repository this stack owns and configures
 * (immutable tags, scan on push, KMS encryption, lifecycle policy: docs/infrastructure.md).
 *
 * `cdk deploy` builds the image (`docker build --platform linux/arm64`) and pushes it there with
 * the deployer's own credentials (no bootstrap role is assumed for these images: the bootstrap
 * image-publishing role may only write to the CDK asset repository). The tag is the asset's
 * content hash, so an unchanged agent is never re-pushed (which an IMMUTABLE repository would
 * refuse) and a changed one gets a new tag, which changes the runtime's ContainerUri and so rolls
 * out a new runtime version.
 *
 * The repository must exist before its first image is published: the first deployment of a
 * stack runs once with `-c withImages=false` (see README.md), like the CloudFormation backend's
 * first deployment with an empty `{A}ImageRef`.
 *
 * Only public API is used: the images go into a second asset manifest
 * (`<stack>.images.json`) that the stack artifact depends on, so the CLI publishes it before it
 * deploys the stack.
 */
export class AgentImageSynthesizer extends DefaultStackSynthesizer {
  private readonly imageRepositories: Readonly<Record<string, string>>;
  private readonly images: Record<string, DockerImageAsset> = {};

  constructor(props: AgentImageSynthesizerProps) {
    const { imageRepositories, ...defaultProps } = props;
    super(defaultProps);
    this.imageRepositories = imageRepositories;
  }

  public override addDockerImageAsset(asset: DockerImageAssetSource): DockerImageAssetLocation {
    const repositoryName = asset.assetName === undefined ? undefined : this.imageRepositories[asset.assetName];
    if (repositoryName === undefined) {
      return super.addDockerImageAsset(asset);
    }
    const imageTag = asset.sourceHash;
    // The same source fields, under the same key, as the default synthesizer writes.
    this.images[`${asset.assetName}-${asset.sourceHash}`] = {
      displayName: asset.displayName ?? asset.assetName,
      source: {
        directory: asset.directoryName,
        executable: asset.executable,
        dockerFile: asset.dockerFile,
        dockerBuildTarget: asset.dockerBuildTarget,
        dockerBuildArgs: asset.dockerBuildArgs,
        dockerBuildContexts: asset.dockerBuildContexts,
        dockerBuildSecrets: asset.dockerBuildSecrets,
        dockerBuildSsh: asset.dockerBuildSsh,
        networkMode: asset.networkMode,
        platform: asset.platform,
        dockerOutputs: asset.dockerOutputs,
        cacheFrom: asset.dockerCacheFrom,
        cacheTo: asset.dockerCacheTo,
        cacheDisabled: asset.dockerCacheDisabled,
      },
      destinations: {
        // Same key and shape as the default synthesizer's destinations for an
        // environment-agnostic stack; no assumeRoleArn: the CLI's credentials push.
        'current_account-current_region': { repositoryName, imageTag },
      },
    };
    return this.cloudFormationLocationFromDockerImageAsset({ repositoryName, imageTag });
  }

  protected override emitArtifact(session: ISynthesisSession, options: SynthesizeStackArtifactOptions = {}): void {
    const dependencies = [...(options.additionalDependencies ?? [])];
    if (Object.keys(this.images).length > 0) {
      const artifactId = `${this.boundStack.artifactId}.images`;
      const file = `${artifactId}.json`;
      Manifest.saveAssetManifest(
        { version: Manifest.version(), dockerImages: this.images },
        path.join(session.assembly.outdir, file),
      );
      session.assembly.addArtifact(artifactId, {
        type: ArtifactType.ASSET_MANIFEST,
        properties: { file },
      });
      dependencies.push(artifactId);
    }
    super.emitArtifact(session, { ...options, additionalDependencies: dependencies });
  }
}
