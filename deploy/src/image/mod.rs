//! Each agent's image, resolved to the digest the runtime is pinned to: built from the agent's
//! folder under a content-hash tag (skipped when ECR already has the tag), or a pre-built image
//! named with `--image-uri` (in the agent's repository) or `--image-digest`.

pub mod builder;
pub mod context;

use std::path::Path;

use aws_sdk_ecr::types::ImageIdentifier;

use crate::aws::Aws;
use crate::error::{Failure, Result, aws, code_of};
use crate::{ImageSource, ui};
use agentc_ir::Agent;

/// The platform AgentCore runs.
pub(crate) const PLATFORM: &str = "linux/arm64";

/// An image reference split up: `REPOSITORY_URI` and a tag or a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImageUri {
    /// `123456789012.dkr.ecr.us-east-1.amazonaws.com/name`.
    pub repository: String,
    /// The tag, if given by tag.
    pub tag: Option<String>,
    /// The digest, if given by digest.
    pub digest: Option<String>,
}

/// Whether `s` is `sha256:` and 64 lowercase hex digits.
pub(crate) fn is_digest(s: &str) -> bool {
    s.strip_prefix("sha256:").is_some_and(|h| {
        h.len() == 64
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// Parse `REPO:TAG` or `REPO@sha256:…`.
pub(crate) fn parse_uri(uri: &str) -> Result<ImageUri, String> {
    if let Some((repository, digest)) = uri.split_once('@') {
        return if is_digest(digest) {
            Ok(ImageUri {
                repository: repository.to_owned(),
                tag: None,
                digest: Some(digest.to_owned()),
            })
        } else {
            Err(format!(
                "`{digest}` is not a sha256 digest (sha256: and 64 hex digits)"
            ))
        };
    }
    let slash = uri.rfind('/').unwrap_or(0);
    match uri[slash..].rfind(':') {
        Some(i) => {
            let (repository, tag) = (&uri[..slash + i], &uri[slash + i + 1..]);
            if tag == "latest" {
                Err("the tag `latest` moves; deploy an immutable tag or a digest".to_owned())
            } else if tag.is_empty()
                || tag.len() > 128
                || !tag
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
            {
                Err(format!("`{tag}` is not an image tag"))
            } else {
                Ok(ImageUri {
                    repository: repository.to_owned(),
                    tag: Some(tag.to_owned()),
                    digest: None,
                })
            }
        }
        None => Err(format!(
            "`{uri}` names no tag or digest (REPOSITORY_URI:TAG or REPOSITORY_URI@sha256:…)"
        )),
    }
}

/// The digest of the image with `tag` or `digest` in `repository`; `None` when it is not there.
pub(crate) async fn find(
    aws_: &Aws,
    repository: &str,
    id: ImageIdentifier,
) -> Result<Option<String>> {
    match aws_.ecr.describe_images().repository_name(repository).image_ids(id).send().await {
        Ok(out) => Ok(out.image_details().first().and_then(|d| d.image_digest().map(str::to_owned))),
        Err(e) if matches!(code_of(&e), Some("ImageNotFoundException")) => Ok(None),
        Err(e) if matches!(code_of(&e), Some("RepositoryNotFoundException")) => Err(Failure::failed(format!(
            "the ECR repository `{repository}` does not exist"
        ))
        .next("it is created by the stack's first deploy; if it was deleted by hand, destroy and deploy again")),
        Err(e) => Err(aws("ecr:DescribeImages", &aws_.endpoint, e)),
    }
}

fn tag_id(tag: &str) -> ImageIdentifier {
    ImageIdentifier::builder().image_tag(tag).build()
}

fn digest_id(digest: &str) -> ImageIdentifier {
    ImageIdentifier::builder().image_digest(digest).build()
}

/// The digest `agent`'s runtime is pinned to, from `source`. `repository_uri` is the agent's
/// repository (a stack output).
pub(crate) async fn resolve(
    aws_: &Aws,
    agent: &Agent,
    source: &ImageSource,
    repository_uri: &str,
    spec_dir: &Path,
) -> Result<String> {
    let repo = &agent.repository.name;
    let missing = |what: &str| {
        Failure::failed(format!(
            "{what} is not in the ECR repository {repository_uri}"
        ))
        .next("push it there first, or deploy without --image-uri/--image-digest to build it")
    };
    match source {
        ImageSource::Digest(digest) => {
            if !is_digest(digest) {
                return Err(Failure::could_not_run(format!(
                    "--image-digest `{digest}` is not sha256: and 64 hex digits"
                )));
            }
            find(aws_, repo, digest_id(digest))
                .await?
                .ok_or_else(|| missing(&format!("image {digest}")))
        }
        ImageSource::Uri(uri) => {
            let parsed =
                parse_uri(uri).map_err(|e| Failure::could_not_run(format!("--image-uri: {e}")))?;
            if parsed.repository != repository_uri {
                return Err(Failure::could_not_run(format!(
                    "--image-uri `{uri}` is not in {}'s repository {repository_uri}",
                    agent.name
                ))
                .next(format!("the runtime is pinned to its own repository: push the image to {repository_uri} first")));
            }
            let id = match &parsed.digest {
                Some(d) => digest_id(d),
                None => tag_id(parsed.tag.as_deref().unwrap_or_default()),
            };
            find(aws_, repo, id)
                .await?
                .ok_or_else(|| missing(&format!("image {uri}")))
        }
        ImageSource::Build { tool } => build(aws_, agent, *tool, repository_uri, spec_dir).await,
    }
}

/// `specs/../agent` → `agent` (lexically; for messages and command lines).
fn tidy(path: &Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    if out.as_os_str().is_empty() {
        ".".into()
    } else {
        out
    }
}

/// Build and push `agent`'s image unless ECR has its content tag already; its digest.
async fn build(
    aws_: &Aws,
    agent: &Agent,
    tool: Option<builder::Tool>,
    repository_uri: &str,
    spec_dir: &Path,
) -> Result<String> {
    let context_dir = tidy(&spec_dir.join(&agent.build.context));
    let dockerfile = tidy(&spec_dir.join(&agent.build.dockerfile));
    let hash = context::hash_context(&context_dir, &dockerfile, PLATFORM)
        .map_err(|e| Failure::could_not_run(format!("{}: {e}", agent.name)))?;
    ui::detail(&format!(
        "{}: build context {} ({} files, {} KiB) → tag {}",
        agent.name,
        context_dir.display(),
        hash.files,
        hash.bytes.div_ceil(1024),
        hash.tag
    ));
    if let Some(digest) = find(aws_, &agent.repository.name, tag_id(&hash.tag)).await? {
        ui::detail(&format!(
            "{}: {repository_uri}:{} is in ECR already ({digest}); not rebuilding",
            agent.name, hash.tag
        ));
        return Ok(digest);
    }
    let tool = builder::choose(tool).await?;
    let token = aws_
        .ecr
        .get_authorization_token()
        .send()
        .await
        .map_err(|e| aws("ecr:GetAuthorizationToken", &aws_.endpoint, e))?;
    let encoded = token
        .authorization_data()
        .first()
        .and_then(|d| d.authorization_token())
        .unwrap_or_default();
    let decoded = aws_smithy_types::base64::decode(encoded).unwrap_or_default();
    let password = String::from_utf8_lossy(&decoded)
        .split_once(':')
        .map(|(_, p)| p.to_owned())
        .unwrap_or_default();
    let plan = builder::BuildPlan {
        context: context_dir,
        dockerfile,
        image: format!("{repository_uri}:{}", hash.tag),
        platform: PLATFORM.to_owned(),
        registry: repository_uri
            .split('/')
            .next()
            .unwrap_or(repository_uri)
            .to_owned(),
    };
    ui::detail(&format!(
        "{}: building {} for {PLATFORM} with {}",
        agent.name,
        plan.image,
        tool.program()
    ));
    builder::run(&builder::build_commands(tool, &plan), &password).await?;
    find(aws_, &agent.repository.name, tag_id(&hash.tag))
        .await?
        .ok_or_else(|| {
            Failure::failed(format!(
                "{} was pushed, but ECR does not list it",
                plan.image
            ))
            .next("run the deploy again")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_uris_split_into_repository_and_reference() {
        let d = format!("sha256:{}", "a".repeat(64));
        let r = "123456789012.dkr.ecr.us-east-1.amazonaws.com/p/dev/agent";
        assert_eq!(
            parse_uri(&format!("{r}@{d}")).unwrap().digest.as_deref(),
            Some(d.as_str())
        );
        let t = parse_uri(&format!("{r}:v1.2")).unwrap();
        assert_eq!((t.repository.as_str(), t.tag.as_deref()), (r, Some("v1.2")));
        assert!(
            parse_uri(&format!("{r}:latest"))
                .unwrap_err()
                .contains("latest")
        );
        assert!(parse_uri(r).is_err());
        assert!(
            parse_uri("localhost:5000/x").is_err(),
            "a port is not a tag"
        );
        assert!(parse_uri(&format!("{r}@sha256:abc")).is_err());
        assert!(is_digest(&d) && !is_digest("sha256:ABC"));
        assert_eq!(tidy(Path::new("specs/../agent")), Path::new("agent"));
        assert_eq!(tidy(Path::new("../a/./b")), Path::new("../a/b"));
        assert_eq!(tidy(Path::new("x/..")), Path::new("."));
    }
}
