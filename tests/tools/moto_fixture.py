#!/usr/bin/env python3
"""Put things into a running moto server for tests/deploy.rs (boto3, dummy credentials).

    venv-moto/bin/python tests/tools/moto_fixture.py ENDPOINT COMMAND [ARGS…]

Commands (each prints one JSON object on stdout):

- `image REPOSITORY TAG` — an image manifest pushed with ECR PutImage (moto has no registry,
  so this stands in for `docker push`); prints `{"digest": …}`.
- `repository NAME` — an ECR repository made outside any stack.
- `runtime NAME` — an AgentCore runtime made through the control plane, standing in for the
  `AWS::BedrockAgentCore::Runtime` resource moto's CloudFormation skips; prints its id and ARN.
- `cognito` — a user pool, an app client allowing USER_PASSWORD_AUTH and a confirmed user;
  prints `pool_id`, `client_id`, `username`, `password`, `jwks_url`, `discovery_url`.
- `stack NAME` — a stack created without agentc's owner tag (an SNS topic).
- `template NAME` — the stack's deployed template (GetTemplate), as JSON.
"""

from __future__ import annotations

import json
import sys

import boto3

REGION = "us-east-1"


def client(endpoint: str, service: str):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def main() -> None:
    endpoint, command, *args = sys.argv[1:]
    if command == "image":
        repository, tag = args
        config = json.dumps({"architecture": "arm64", "os": "linux", "tag": tag})
        manifest = json.dumps(
            {
                "schemaVersion": 2,
                "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                "config": {
                    "mediaType": "application/vnd.docker.container.image.v1+json",
                    "size": len(config),
                    "digest": "sha256:" + __import__("hashlib").sha256(config.encode()).hexdigest(),
                },
                "layers": [],
            }
        )
        out = client(endpoint, "ecr").put_image(repositoryName=repository, imageManifest=manifest, imageTag=tag)
        print(json.dumps({"digest": out["image"]["imageId"]["imageDigest"]}))
    elif command == "repository":
        (name,) = args
        out = client(endpoint, "ecr").create_repository(repositoryName=name)
        print(json.dumps({"uri": out["repository"]["repositoryUri"]}))
    elif command == "runtime":
        (name,) = args
        out = client(endpoint, "bedrock-agentcore-control").create_agent_runtime(
            agentRuntimeName=name,
            agentRuntimeArtifact={"containerConfiguration": {"containerUri": f"123456789012.dkr.ecr.{REGION}.amazonaws.com/x:1"}},
            roleArn="arn:aws:iam::123456789012:role/agentc-test",
            networkConfiguration={"networkMode": "PUBLIC"},
        )
        print(json.dumps({"id": out["agentRuntimeId"], "arn": out["agentRuntimeArn"]}))
    elif command == "cognito":
        idp = client(endpoint, "cognito-idp")
        pool = idp.create_user_pool(PoolName="agentc-test")["UserPool"]["Id"]
        app = idp.create_user_pool_client(
            UserPoolId=pool,
            ClientName="agentc-test",
            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        )["UserPoolClient"]["ClientId"]
        username, password = "alice", "Corr3ct-Horse-Battery!"
        idp.admin_create_user(UserPoolId=pool, Username=username, MessageAction="SUPPRESS")
        idp.admin_set_user_password(UserPoolId=pool, Username=username, Password=password, Permanent=True)
        print(
            json.dumps(
                {
                    "pool_id": pool,
                    "client_id": app,
                    "username": username,
                    "password": password,
                    "jwks_url": f"{endpoint}/{pool}/.well-known/jwks.json",
                    "discovery_url": f"https://cognito-idp.{REGION}.amazonaws.com/{pool}/.well-known/openid-configuration",
                }
            )
        )
    elif command == "stack":
        (name,) = args
        template = {"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}
        out = client(endpoint, "cloudformation").create_stack(StackName=name, TemplateBody=json.dumps(template))
        print(json.dumps({"id": out["StackId"]}))
    elif command == "template":
        (name,) = args
        body = client(endpoint, "cloudformation").get_template(StackName=name)["TemplateBody"]
        print(body if isinstance(body, str) else json.dumps(body))
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()
