"""Fixtures: servers shared by the whole session (see harness.py)."""

from __future__ import annotations

from typing import Iterator

import httpx
import pytest

from agent.tests.harness import Server, start_server


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[Server]:
    """The default configuration (1 MiB body limit), with a short model timeout."""
    s = start_server(tmp_path_factory.mktemp("server"), {"MODEL_TIMEOUT_SECONDS": "1.5"})
    yield s
    s.stop()


@pytest.fixture(scope="session")
def small_server(tmp_path_factory) -> Iterator[Server]:
    """A server with MAX_REQUEST_BYTES=2048 and MODEL_MAX_ATTEMPTS=1."""
    s = start_server(tmp_path_factory.mktemp("small_server"), {"MAX_REQUEST_BYTES": "2048", "MODEL_MAX_ATTEMPTS": "1"})
    yield s
    s.stop()


@pytest.fixture
def client(server: Server) -> Iterator[httpx.Client]:
    with server.client() as c:
        yield c
