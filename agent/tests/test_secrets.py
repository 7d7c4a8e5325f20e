"""agent/secrets.py: reference parsing, and dispatch to Secrets Manager / SSM through botocore's
Stubber (real boto3 clients whose HTTP layer is replaced: no network)."""

from __future__ import annotations

import logging
import os
import sys
from typing import Dict, List, Optional, Tuple

import boto3
import pytest
from botocore.stub import Stubber

from agent import secrets as agent_secrets
from agent.secrets import (
    SecretFetchError,
    SecretRef,
    SecretRefError,
    SecretResolver,
    parse_ref,
    ref_env_name,
)

SM_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:support-desk/search-api-key-AbCdEf"
SSM_ARN = "arn:aws:ssm:eu-central-1:123456789012:parameter/support-desk/key"
SECRET_VALUE = "s3cr3t-VALUE-never-logged"


def test_the_standard_library_secrets_module_is_not_shadowed():
    import secrets

    assert secrets.__file__ != agent_secrets.__file__
    assert hasattr(secrets, "token_hex")
    assert agent_secrets.__name__ == "agent.secrets"


# ---- parsing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value,expected",
    [
        ("secretsmanager:support-desk/search-api-key", SecretRef("secretsmanager", "support-desk/search-api-key")),
        ("  secretsmanager:name  ", SecretRef("secretsmanager", "name")),
        ("SecretsManager:name", SecretRef("secretsmanager", "name")),
        (f"secretsmanager:{SM_ARN}", SecretRef("secretsmanager", SM_ARN, "eu-west-1")),
        ("ssm:/support-desk/search-api-key", SecretRef("ssm", "/support-desk/search-api-key")),
        ("ssm:plain-name", SecretRef("ssm", "plain-name")),
        ("ssm:/with/version:3", SecretRef("ssm", "/with/version:3")),
        (f"ssm:{SSM_ARN}", SecretRef("ssm", SSM_ARN, "eu-central-1")),
        (
            "secretsmanager:arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:x-AbCdEf",
            SecretRef("secretsmanager", "arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:x-AbCdEf", "us-gov-west-1"),
        ),
    ],
)
def test_parse_ref_accepts_both_schemes_names_and_arns(value, expected):
    assert parse_ref(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "support-desk/search-api-key",  # no scheme
        "vault:secret/data/x",  # unknown scheme
        "secrets-manager:x",  # the spec's spelling is not the reference's
        "secretsmanager:",
        "ssm:",
        "ssm:/has space",
        "secretsmanager:arn:aws:secretsmanager",  # truncated ARN
        "secretsmanager:arn:aws:secretsmanager::123456789012:secret:x",  # no region
        f"ssm:{SM_ARN}",  # a Secrets Manager ARN given to ssm:
        f"secretsmanager:{SSM_ARN}",  # and the other way round
        "secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012:parameter/x",  # wrong resource
        "ssm:arn:aws:ssm:eu-west-1:123456789012:secret:x",
    ],
)
def test_parse_ref_rejects_malformed_references(value):
    with pytest.raises(SecretRefError):
        parse_ref(value)


def test_parse_ref_rejects_non_strings():
    with pytest.raises(SecretRefError):
        parse_ref(None)  # type: ignore[arg-type]


def test_ref_env_name():
    assert ref_env_name("SEARCH_API_KEY") == "SEARCH_API_KEY_SECRET_REF"
    for bad in ("", "1ABC", "A-B", "A B", None):
        with pytest.raises(SecretRefError):
            ref_env_name(bad)  # type: ignore[arg-type]


# ---- dispatch through stubbed boto3 clients ---------------------------------------------------


class StubbedClients:
    """A client factory handing out real boto3 clients wrapped in Stubbers, one per (service, region)."""

    def __init__(self) -> None:
        self.stubbers: Dict[Tuple[str, Optional[str]], Stubber] = {}
        self.calls: List[Tuple[str, Optional[str]]] = []

    def stubber(self, service: str, region: Optional[str] = None) -> Stubber:
        key = (service, region)
        if key not in self.stubbers:
            client = boto3.client(
                service,
                region_name=region or "us-east-1",
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
            )
            stub = Stubber(client)
            stub.activate()
            self.stubbers[key] = stub
        return self.stubbers[key]

    def __call__(self, service: str, region: Optional[str]):
        self.calls.append((service, region))
        return self.stubber(service, region).client

    def assert_done(self) -> None:
        for stub in self.stubbers.values():
            stub.assert_no_pending_responses()


@pytest.fixture
def clients():
    c = StubbedClients()
    yield c
    c.assert_done()


def test_secrets_manager_secret_string(clients):
    clients.stubber("secretsmanager").add_response(
        "get_secret_value",
        {"Name": "support-desk/search-api-key", "SecretString": SECRET_VALUE},
        expected_params={"SecretId": "support-desk/search-api-key"},
    )
    r = SecretResolver({"SEARCH_API_KEY_SECRET_REF": "secretsmanager:support-desk/search-api-key"}, clients)
    assert r.resolve("SEARCH_API_KEY") == SECRET_VALUE
    assert clients.calls == [("secretsmanager", None)]


def test_secrets_manager_secret_binary(clients):
    clients.stubber("secretsmanager").add_response(
        "get_secret_value", {"SecretBinary": SECRET_VALUE.encode()}, expected_params={"SecretId": "bin"}
    )
    r = SecretResolver({"B_SECRET_REF": "secretsmanager:bin"}, clients)
    assert r.resolve("B") == SECRET_VALUE


def test_secrets_manager_binary_that_is_not_text_is_an_error(clients):
    clients.stubber("secretsmanager").add_response(
        "get_secret_value", {"SecretBinary": b"\xff\xfe\x00"}, expected_params={"SecretId": "bin"}
    )
    r = SecretResolver({"B_SECRET_REF": "secretsmanager:bin"}, clients)
    with pytest.raises(SecretFetchError, match="not UTF-8"):
        r.resolve("B")


def test_secrets_manager_arn_is_fetched_in_its_own_region(clients):
    clients.stubber("secretsmanager", "eu-west-1").add_response(
        "get_secret_value", {"ARN": SM_ARN, "SecretString": SECRET_VALUE}, expected_params={"SecretId": SM_ARN}
    )
    r = SecretResolver({"K_SECRET_REF": f"secretsmanager:{SM_ARN}"}, clients)
    assert r.resolve("K") == SECRET_VALUE
    assert clients.calls == [("secretsmanager", "eu-west-1")]


def test_ssm_parameter_is_fetched_with_decryption(clients):
    clients.stubber("ssm").add_response(
        "get_parameter",
        {"Parameter": {"Name": "/support-desk/key", "Type": "SecureString", "Value": SECRET_VALUE}},
        expected_params={"Name": "/support-desk/key", "WithDecryption": True},
    )
    r = SecretResolver({"K_SECRET_REF": "ssm:/support-desk/key"}, clients)
    assert r.resolve("K") == SECRET_VALUE
    assert clients.calls == [("ssm", None)]


def test_ssm_arn_is_fetched_in_its_own_region(clients):
    clients.stubber("ssm", "eu-central-1").add_response(
        "get_parameter",
        {"Parameter": {"Name": "/support-desk/key", "Type": "SecureString", "Value": SECRET_VALUE}},
        expected_params={"Name": SSM_ARN, "WithDecryption": True},
    )
    r = SecretResolver({"K_SECRET_REF": f"ssm:{SSM_ARN}"}, clients)
    assert r.resolve("K") == SECRET_VALUE


def test_values_are_cached_and_each_reference_is_fetched_once(clients):
    clients.stubber("secretsmanager").add_response(
        "get_secret_value", {"SecretString": "a"}, expected_params={"SecretId": "one"}
    )
    clients.stubber("ssm").add_response(
        "get_parameter", {"Parameter": {"Value": "b"}}, expected_params={"Name": "two", "WithDecryption": True}
    )
    env = {"A_SECRET_REF": "secretsmanager:one", "B_SECRET_REF": "ssm:two", "A2_SECRET_REF": "secretsmanager:one"}
    r = SecretResolver(env, clients)
    for _ in range(3):
        assert r.resolve("A") == "a"
        assert r.resolve("B") == "b"
        assert r.resolve("A2") == "a"  # same reference, same cache entry
    # One client per service, created once: a second call would find no stubbed response left.
    assert sorted(clients.calls) == [("secretsmanager", None), ("ssm", None)]


def test_clear_forgets_values(clients):
    stub = clients.stubber("ssm")
    for value in ("v1", "v2"):
        stub.add_response("get_parameter", {"Parameter": {"Value": value}}, expected_params={"Name": "p", "WithDecryption": True})
    r = SecretResolver({"P_SECRET_REF": "ssm:p"}, clients)
    assert r.resolve("P") == "v1"
    r.clear()
    assert r.resolve("P") == "v2"


@pytest.mark.parametrize(
    "service,operation,code",
    [
        ("secretsmanager", "get_secret_value", "ResourceNotFoundException"),
        ("secretsmanager", "get_secret_value", "AccessDeniedException"),
        ("ssm", "get_parameter", "ParameterNotFound"),
        ("ssm", "get_parameter", "AccessDeniedException"),
    ],
)
def test_aws_errors_become_secret_fetch_errors_with_the_code(clients, service, operation, code):
    clients.stubber(service).add_client_error(operation, service_error_code=code, service_message="no", http_status_code=400)
    scheme = "secretsmanager" if service == "secretsmanager" else "ssm"
    r = SecretResolver({"X_SECRET_REF": f"{scheme}:thing"}, clients)
    with pytest.raises(SecretFetchError) as e:
        r.resolve("X")
    assert code in str(e.value) and "X" in str(e.value)
    # A failure is not cached: the next call asks again.
    clients.stubber(service).add_response(
        operation, {"SecretString": "later"} if service == "secretsmanager" else {"Parameter": {"Value": "later"}}
    )
    assert r.resolve("X") == "later"


def test_missing_reference_is_a_configuration_error(clients):
    r = SecretResolver({}, clients)
    with pytest.raises(SecretRefError, match="SEARCH_API_KEY_SECRET_REF is not set"):
        r.resolve("SEARCH_API_KEY")
    with pytest.raises(SecretRefError, match="B_SECRET_REF"):
        SecretResolver({"B_SECRET_REF": "nope"}, clients).resolve("B")
    assert clients.calls == []


def test_names_and_preload(clients):
    clients.stubber("secretsmanager").add_response("get_secret_value", {"SecretString": "a"}, expected_params={"SecretId": "one"})
    clients.stubber("ssm").add_response("get_parameter", {"Parameter": {"Value": "b"}}, expected_params={"Name": "/two", "WithDecryption": True})
    env = {
        "SEARCH_API_KEY_SECRET_REF": "secretsmanager:one",
        "DB_PASSWORD_SECRET_REF": "ssm:/two",
        "_SECRET_REF": "secretsmanager:ignored",  # no name
        "MODEL_ID": "m",
    }
    r = SecretResolver(env, clients)
    assert r.names() == ["DB_PASSWORD", "SEARCH_API_KEY"]
    assert r.preload() == ["DB_PASSWORD", "SEARCH_API_KEY"]
    assert r.resolve("DB_PASSWORD") == "b"  # from the cache


def test_values_never_reach_the_log(clients, caplog):
    clients.stubber("secretsmanager").add_response("get_secret_value", {"SecretString": SECRET_VALUE})
    r = SecretResolver({"K_SECRET_REF": "secretsmanager:k"}, clients)
    with caplog.at_level(logging.DEBUG):
        assert r.resolve("K") == SECRET_VALUE
    assert any(rec.getMessage() == "secret resolved" and rec.fields == {"secret": "K", "source": "secretsmanager"} for rec in caplog.records)
    assert SECRET_VALUE not in caplog.text
    for rec in caplog.records:
        assert SECRET_VALUE not in repr(rec.__dict__)


def test_module_level_resolve_secret_reads_os_environ(monkeypatch, clients):
    monkeypatch.setenv("SEARCH_API_KEY_SECRET_REF", "ssm:/support-desk/key")
    monkeypatch.setattr(agent_secrets, "_default_resolver", SecretResolver(os.environ, clients))
    clients.stubber("ssm").add_response(
        "get_parameter", {"Parameter": {"Value": SECRET_VALUE}}, expected_params={"Name": "/support-desk/key", "WithDecryption": True}
    )
    assert agent_secrets.resolve_secret("SEARCH_API_KEY") == SECRET_VALUE
    assert agent_secrets.resolve_secret("SEARCH_API_KEY") == SECRET_VALUE
    assert agent_secrets.preload_secrets() == ["SEARCH_API_KEY"]
    agent_secrets.clear_cache()


def test_default_client_factory_builds_a_real_client_without_calling_aws(monkeypatch):
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    client = agent_secrets._default_client_factory("secretsmanager", "eu-west-1")
    assert client.meta.region_name == "eu-west-1"
    assert client.meta.service_model.service_name == "secretsmanager"
    assert client.meta.config.retries == {"mode": "standard", "total_max_attempts": 3}
    assert (client.meta.config.connect_timeout, client.meta.config.read_timeout) == (5, 10)


def test_module_is_importable_on_its_own():
    # The module never imports boto3 at import time (start-up stays fast without secrets).
    assert "boto3" not in agent_secrets.__dict__
    assert sys.modules["agent.secrets"] is agent_secrets
