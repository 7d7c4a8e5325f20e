//! `agentc deploy`, `status`, `invoke` and `destroy` against local stand-ins, on 127.0.0.1 only.
//!
//! What runs: moto's server (`venv-moto`, installed by `scripts/setup/python-tools.sh`; the
//! tests fail, never skip, without it) started per test on a free loopback port through
//! `tests/tools/moto_server.py`, which patches four moto bugs our (cfn-lint clean) templates
//! trip; `tests/tools/data_plane.py`, a stand-in of the AgentCore data plane (bearer tokens
//! checked against moto's JWKS, SigV4 recomputed with botocore, injected 429s and dropped
//! connections); and `tests/tools/fault_proxy.py`, a proxy in front of moto that throttles AWS
//! calls or holds one (for Ctrl-C).
//!
//! What moto exercises: the whole CloudFormation flow through the Rust SDK (change sets
//! created, described, executed and deleted; stack events; outputs; GetTemplate; DeleteStack
//! honouring `DeletionPolicy: Retain`), the real template of each spec with its parameters and
//! conditions (first deploy with empty image references, then the digest), ECR (repositories,
//! DescribeImages by tag and digest; images are put with PutImage because moto has no
//! registry), STS GetCallerIdentity, the AgentCore control plane (runtimes by name, status,
//! versions, endpoints) and Cognito (user pool, USER_PASSWORD_AUTH, real RS256 access tokens
//! and a JWKS, which the data-plane stand-in verifies).
//!
//! What moto does not exercise: CloudFormation skips `AWS::BedrockAgentCore::*` and
//! `AWS::Cognito::*` resources, so the runtime is created through the control plane by the test
//! (standing in for CloudFormation's handler) and runtime outputs are absent (agentc falls back
//! to finding the runtime by name); stacks have only stack-level events, never a per-resource
//! failure or a rollback (moto raises resource errors synchronously from ExecuteChangeSet, which
//! is what the failure test sees); change sets list every resource as added on create and
//! nothing on update; `AllowedPattern` is not enforced; there is no image registry (no
//! `docker push`) and no container engine here, so builds are tested by their command lines and
//! the content hash only; the data plane (invoke) is the stand-in; moto never leaves a stack
//! in progress, so Ctrl-C is tested on a call the proxy holds, not during a long update, and
//! the ROLLBACK_COMPLETE / UPDATE_ROLLBACK_FAILED paths are covered by unit tests only.

#![cfg(feature = "deploy")]

#[path = "deploy/support.rs"]
mod support;

#[path = "deploy/runner.rs"]
mod runner;

#[path = "deploy/stack.rs"]
mod stack;

#[path = "deploy/faults.rs"]
mod faults;

#[path = "deploy/invoke.rs"]
mod invoke;

#[path = "deploy/offline.rs"]
mod offline;
