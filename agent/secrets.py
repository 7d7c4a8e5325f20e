"""Secrets passed to the agent by reference, resolved at run time.

agentc never puts a secret value in the infrastructure it emits. For a spec line such as

    secret "SEARCH_API_KEY" secrets-manager="support-desk/search-api-key"

the runtime gets the environment variable

    SEARCH_API_KEY_SECRET_REF=secretsmanager:support-desk/search-api-key

(``ssm:<parameter name>`` for ``ssm-parameter=``) and its role may read that one secret.
``resolve_secret("SEARCH_API_KEY")`` fetches the value (Secrets Manager GetSecretValue, or SSM
GetParameter WithDecryption) and caches it for the life of the process. ``preload_secrets()``
resolves every ``*_SECRET_REF`` at start, so a wrong reference or a missing permission stops the
container at start instead of failing the first request that needs it.

Reference forms:

    secretsmanager:<secret name>             secretsmanager:support-desk/search-api-key
    secretsmanager:<secret ARN>              secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-AbCdEf
    ssm:<parameter name>                     ssm:/support-desk/search-api-key
    ssm:<parameter ARN>                      ssm:arn:aws:ssm:eu-west-1:123456789012:parameter/support-desk/key

An ARN's region is used for the call (a secret may live in another region); otherwise boto3's
default region (AWS_REGION, set by AgentCore) applies.

This module is imported as ``agent.secrets`` (agent/ is a package); it must never be put on
sys.path as a top-level ``secrets``, which would shadow the standard library module of that name.
No value is ever logged or put in an exception message.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

__all__ = [
    "REF_SUFFIX",
    "SecretError",
    "SecretRefError",
    "SecretFetchError",
    "SecretRef",
    "SecretResolver",
    "parse_ref",
    "ref_env_name",
    "resolve_secret",
    "preload_secrets",
    "clear_cache",
]

logger = logging.getLogger("agent.secrets")

REF_SUFFIX = "_SECRET_REF"
SECRETS_MANAGER = "secretsmanager"
SSM = "ssm"

# The environment-variable key rule of AWS::BedrockAgentCore::Runtime EnvironmentVariables.
_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ARN_SERVICE = {SECRETS_MANAGER: "secretsmanager", SSM: "ssm"}


class SecretError(Exception):
    """Base class of every error raised here. Messages never contain a secret value."""


class SecretRefError(SecretError, ValueError):
    """The reference is missing or malformed (a configuration error)."""


class SecretFetchError(SecretError):
    """The reference is well formed but fetching the value failed."""


@dataclass(frozen=True)
class SecretRef:
    """A parsed reference: which service, which secret, and the region an ARN names."""

    service: str  # "secretsmanager" or "ssm"
    identifier: str  # secret id / ARN, or parameter name / ARN, exactly as given
    region: Optional[str] = None  # only when the identifier is an ARN


def ref_env_name(name: str) -> str:
    """The environment variable that carries the reference for secret ``name``."""
    _check_name(name)
    return name + REF_SUFFIX


def _check_name(name: str) -> None:
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise SecretRefError(f"invalid secret name {name!r}: expected [A-Za-z_][A-Za-z0-9_]*")


def parse_ref(value: str) -> SecretRef:
    """Parse ``secretsmanager:<id or ARN>`` or ``ssm:<name or ARN>``.

    Only the first ``:`` separates the scheme, so ARNs (which contain colons) pass through intact.
    """
    if not isinstance(value, str):
        raise SecretRefError("secret reference must be a string")
    value = value.strip()
    scheme, sep, identifier = value.partition(":")
    if not sep:
        raise SecretRefError("secret reference has no scheme: expected 'secretsmanager:<id>' or 'ssm:<name>'")
    scheme = scheme.strip().lower()
    if scheme not in _ARN_SERVICE:
        raise SecretRefError(f"unknown secret reference scheme {scheme!r}: expected 'secretsmanager' or 'ssm'")
    if not identifier:
        raise SecretRefError(f"secret reference '{scheme}:' names no secret")
    if any(c.isspace() for c in identifier):
        raise SecretRefError(f"secret reference '{scheme}:…' contains whitespace")
    region = None
    if identifier.startswith("arn:"):
        parts = identifier.split(":", 5)
        if len(parts) != 6 or not all(parts[1:4]) or not parts[5]:
            raise SecretRefError(f"malformed ARN in '{scheme}:' secret reference")
        _, _partition, service, region, _account, resource = parts
        if service != _ARN_SERVICE[scheme]:
            raise SecretRefError(f"'{scheme}:' reference holds an ARN of service {service!r}")
        expected_prefix = "secret:" if scheme == SECRETS_MANAGER else "parameter/"
        if not resource.startswith(expected_prefix):
            raise SecretRefError(f"'{scheme}:' ARN resource must start with {expected_prefix!r}")
    return SecretRef(service=scheme, identifier=identifier, region=region)


ClientFactory = Callable[[str, Optional[str]], Any]


def _default_client_factory(service: str, region: Optional[str]) -> Any:
    import boto3
    from botocore.config import Config

    config = Config(connect_timeout=5, read_timeout=10, retries={"mode": "standard", "total_max_attempts": 3})
    return boto3.client(service, region_name=region, config=config)


class SecretResolver:
    """Resolves ``NAME`` through ``NAME_SECRET_REF`` and caches values (thread-safe).

    ``environ`` and ``client_factory`` exist so tests can supply an environment and stubbed boto3
    clients; production code uses the module-level ``resolve_secret``.
    """

    def __init__(
        self,
        environ: Optional[Mapping[str, str]] = None,
        client_factory: Optional[ClientFactory] = None,
    ) -> None:
        self._environ = environ if environ is not None else os.environ
        self._client_factory = client_factory or _default_client_factory
        self._clients: Dict[Tuple[str, Optional[str]], Any] = {}
        self._cache: Dict[SecretRef, str] = {}
        self._lock = threading.Lock()

    def ref_for(self, name: str) -> SecretRef:
        env_name = ref_env_name(name)
        value = self._environ.get(env_name)
        if value is None or not value.strip():
            raise SecretRefError(f"secret {name} is not configured: environment variable {env_name} is not set")
        try:
            return parse_ref(value)
        except SecretRefError as e:
            raise SecretRefError(f"{env_name}: {e}") from None

    def names(self) -> List[str]:
        """Every NAME for which NAME_SECRET_REF is set, sorted."""
        return sorted(
            k[: -len(REF_SUFFIX)]
            for k in self._environ
            if k.endswith(REF_SUFFIX) and _NAME_RE.match(k[: -len(REF_SUFFIX)] or "-")
        )

    def resolve(self, name: str) -> str:
        ref = self.ref_for(name)
        with self._lock:
            cached = self._cache.get(ref)
            if cached is not None:
                return cached
            value = self._fetch(name, ref)
            self._cache[ref] = value
        logger.info("secret resolved", extra={"fields": {"secret": name, "source": ref.service}})
        return value

    def preload(self) -> List[str]:
        """Resolve every configured secret now; returns the names (never the values)."""
        names = self.names()
        for name in names:
            self.resolve(name)
        return names

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()
            self._clients.clear()

    def _client(self, service: str, region: Optional[str]) -> Any:
        key = (service, region)
        client = self._clients.get(key)
        if client is None:
            client = self._client_factory(service, region)
            self._clients[key] = client
        return client

    def _fetch(self, name: str, ref: SecretRef) -> str:
        from botocore.exceptions import BotoCoreError, ClientError

        client = self._client(ref.service, ref.region)
        try:
            if ref.service == SECRETS_MANAGER:
                op = "GetSecretValue"
                resp = client.get_secret_value(SecretId=ref.identifier)
                if "SecretString" in resp and resp["SecretString"] is not None:
                    return resp["SecretString"]
                if "SecretBinary" in resp and resp["SecretBinary"] is not None:
                    try:
                        return bytes(resp["SecretBinary"]).decode("utf-8")
                    except UnicodeDecodeError:
                        raise SecretFetchError(f"secret {name}: SecretBinary is not UTF-8 text") from None
                raise SecretFetchError(f"secret {name}: GetSecretValue returned no SecretString or SecretBinary")
            op = "GetParameter"
            resp = client.get_parameter(Name=ref.identifier, WithDecryption=True)
            value = resp.get("Parameter", {}).get("Value")
            if value is None:
                raise SecretFetchError(f"secret {name}: GetParameter returned no value")
            return value
        except ClientError as e:
            code = e.response.get("Error", {}).get("Code", "Unknown")
            raise SecretFetchError(f"secret {name}: {ref.service} {op} failed: {code}") from None
        except BotoCoreError as e:
            raise SecretFetchError(f"secret {name}: {ref.service} call failed: {type(e).__name__}") from None


_default_resolver = SecretResolver()


def resolve_secret(name: str) -> str:
    """The value of secret ``name`` (from ``NAME_SECRET_REF``), fetched once and cached."""
    return _default_resolver.resolve(name)


def preload_secrets() -> List[str]:
    """Resolve every ``*_SECRET_REF`` in the environment; returns the secret names."""
    return _default_resolver.preload()


def clear_cache() -> None:
    """Forget cached values and clients (values are fetched again on next use)."""
    _default_resolver.clear()
