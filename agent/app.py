"""The agent that agentc deploys: a Strands agent behind the AgentCore Runtime HTTP contract.

Contract (AgentCore Runtime, HTTP protocol):
  POST /invocations  {"prompt": "..."}  ->  {"response": "...", "session_id": ..., "request_id": ...}
  GET  /ping         ->  {"status": "Healthy" | "HealthyBusy", "time_of_last_update": <epoch s>}
Errors are JSON: {"error": {"type": ..., "message": ...}, "request_id": ...}.

Run it from the directory that holds agent/ (so the package imports as ``agent``):
    MODEL_ID=... python -m agent.app          (the container runs this under opentelemetry-instrument)

Why FastAPI + uvicorn and not bedrock_agentcore's BedrockAgentCoreApp: that app fixes its own error
bodies ({"error": "Invalid JSON", "details": ...}, and ``str(exception)`` of any handler failure
sent back with a 500), has no request-size limit, no model timeout, and writes its own log lines;
meeting this contract (typed JSON errors with the request id, 413/504/502, exactly one JSON log line
per invocation that never carries the prompt) would mean overriding its private
``_handle_invocation``. FastAPI + uvicorn gives that control with public APIs only, and drops a
dependency from the image.

Environment:
  MODEL_ID               Bedrock model or inference-profile id (required)
  PORT, HOST             listen address (default 0.0.0.0:8080, the AgentCore contract)
  MODEL_TIMEOUT_SECONDS  limit for one model/agent call; over it -> 504 (default 300)
  MODEL_MAX_ATTEMPTS     model attempts on throttling/transient errors, Strands' backoff (default 6)
  MAX_REQUEST_BYTES      request body limit; over it -> 413 (default 1048576)
  SYSTEM_PROMPT          the agent's system prompt (default: a short generic one)
  LOG_LEVEL              DEBUG, INFO (default), WARNING, ERROR
  <NAME>_SECRET_REF      secrets by reference, resolved at start (see agent/secrets.py)
  AWS_REGION             used by boto3 (AgentCore sets it)
  OTEL_*                 read by opentelemetry-instrument (the container's CMD), not by this code
"""

from __future__ import annotations

import os
import sys

if __name__ == "__main__" and not __package__:
    # Started as a script (python agent/app.py). Python then puts agent/ first on sys.path, where
    # agent/secrets.py would shadow the standard library's ``secrets`` for every library that
    # imports it (strands, starlette, pydantic...). Replace that entry with the parent directory
    # and run as the package module instead (PEP 366).
    _here = os.path.dirname(os.path.realpath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.realpath(p or os.curdir) != _here]
    sys.path.insert(0, os.path.dirname(_here))
    __package__ = os.path.basename(_here)
    __import__(__package__)

import asyncio
import json
import logging
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import secrets as agent_secrets

logger = logging.getLogger("agent")

SESSION_HEADER = "X-Amzn-Bedrock-AgentCore-Runtime-Session-Id"
REQUEST_HEADER = "X-Amzn-Bedrock-AgentCore-Runtime-Request-Id"

DEFAULT_PORT = 8080
DEFAULT_HOST = "0.0.0.0"  # nosec B104 - the AgentCore contract: listen on all interfaces in the microVM
DEFAULT_MODEL_TIMEOUT_SECONDS = 300.0
DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024
DEFAULT_MODEL_MAX_ATTEMPTS = 6  # Strands' own default
DEFAULT_SYSTEM_PROMPT = "You are a helpful assistant. Answer concisely."
# A body over the limit is still read (and discarded) up to this many bytes, so the client gets its
# 413 instead of a reset connection; AgentCore itself caps payloads at 100 MB.
DRAIN_LIMIT_BYTES = 100 * 1024 * 1024


class ConfigError(Exception):
    """A bad environment setting; the server refuses to start."""


@dataclass(frozen=True)
class Settings:
    model_id: str
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    model_timeout_seconds: float = DEFAULT_MODEL_TIMEOUT_SECONDS
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES
    model_max_attempts: int = DEFAULT_MODEL_MAX_ATTEMPTS
    system_prompt: str = DEFAULT_SYSTEM_PROMPT
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, environ: Optional[Dict[str, str]] = None) -> "Settings":
        env = os.environ if environ is None else environ
        model_id = env.get("MODEL_ID", "").strip()
        if not model_id:
            raise ConfigError("MODEL_ID is not set: give the Bedrock model or inference-profile id")
        port = _int_env(env, "PORT", DEFAULT_PORT, 1, 65535)
        timeout = _float_env(env, "MODEL_TIMEOUT_SECONDS", DEFAULT_MODEL_TIMEOUT_SECONDS)
        max_bytes = _int_env(env, "MAX_REQUEST_BYTES", DEFAULT_MAX_REQUEST_BYTES, 1, DRAIN_LIMIT_BYTES)
        attempts = _int_env(env, "MODEL_MAX_ATTEMPTS", DEFAULT_MODEL_MAX_ATTEMPTS, 1, 20)
        level = env.get("LOG_LEVEL", "INFO").strip().upper() or "INFO"
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise ConfigError(f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {level!r}")
        return cls(
            model_id=model_id,
            host=env.get("HOST", DEFAULT_HOST).strip() or DEFAULT_HOST,
            port=port,
            model_timeout_seconds=timeout,
            max_request_bytes=max_bytes,
            model_max_attempts=attempts,
            system_prompt=env.get("SYSTEM_PROMPT") or DEFAULT_SYSTEM_PROMPT,
            log_level=level,
        )


def _int_env(env, name: str, default: int, lo: int, hi: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be an integer, not {raw!r}") from None
    if not lo <= value <= hi:
        raise ConfigError(f"{name} must be between {lo} and {hi}, not {value}")
    return value


def _float_env(env, name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, not {raw!r}") from None
    if not 0 < value < float("inf"):
        raise ConfigError(f"{name} must be a positive number of seconds, not {raw!r}")
    return value


# --------------------------------------------------------------------------------------------
# Logging: one JSON object per line on stdout.


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON line. Structured fields come from ``extra={"fields": {...}}``.

    A traceback is only written at DEBUG level: exception messages can quote user input.
    """

    def format(self, record: logging.LogRecord) -> str:
        entry: Dict[str, Any] = {
            "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(fields)
        if record.exc_info and record.exc_info[0] is not None:
            entry.setdefault("exception", record.exc_info[0].__name__)
            if logging.getLogger().isEnabledFor(logging.DEBUG):
                entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    for h in list(root.handlers):
        root.removeHandler(h)
    root.addHandler(handler)
    root.setLevel(level)
    # uvicorn's own loggers carry handlers when configured by uvicorn; we pass log_config=None so
    # they propagate to the root handler above. Python warnings become log records too.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        lg = logging.getLogger(name)
        lg.handlers = []
        lg.propagate = True
    logging.captureWarnings(True)


# --------------------------------------------------------------------------------------------
# The model and the agent.


def build_model(settings: Settings) -> Any:
    """The Strands model every request uses: Amazon Bedrock, model id from MODEL_ID.

    This is the one seam tests replace (with a local strands ``Model`` subclass); everything after
    it (Agent, request handling, logging) is the code that runs in production.
    """
    from botocore.config import Config
    from strands.models import BedrockModel

    client_config = Config(
        connect_timeout=10,
        read_timeout=max(1, int(settings.model_timeout_seconds)),
        retries={"mode": "standard", "total_max_attempts": 3},
    )
    return BedrockModel(model_id=settings.model_id, boto_client_config=client_config)


def build_tools() -> List[Any]:
    """Tools the agent may call (Strands ``@tool`` functions). None by default."""
    return []


def build_agent(model: Any, settings: Settings, session_id: Optional[str]) -> Any:
    """A fresh agent for one request: nothing is carried over from earlier requests."""
    from strands import Agent, ModelRetryStrategy

    trace_attributes = {"session.id": session_id} if session_id else None
    return Agent(
        model=model,
        system_prompt=settings.system_prompt,
        tools=build_tools(),
        # The default callback prints streamed model text to stdout; stdout is for JSON logs only.
        callback_handler=None,
        trace_attributes=trace_attributes,
        # Throttling and transient model errors are retried with Strands' backoff (4 s doubling);
        # MODEL_TIMEOUT_SECONDS still bounds the whole call.
        retry_strategy=ModelRetryStrategy(max_attempts=settings.model_max_attempts),
    )


def _trace_id() -> Optional[str]:
    """The OpenTelemetry trace id of the current request (32 hex digits), if one is being traced.

    Under opentelemetry-instrument the FastAPI instrumentation opens a server span per request
    (continuing the caller's traceparent / X-Amzn-Trace-Id), so the log line can be joined to
    its trace. Without instrumentation there is no valid span and no trace id.
    """
    try:
        from opentelemetry import trace
    except ImportError:  # pragma: no cover - opentelemetry-api comes with strands-agents
        return None
    ctx = trace.get_current_span().get_span_context()
    return format(ctx.trace_id, "032x") if ctx.is_valid else None


def _result_text(result: Any) -> str:
    text = str(result)
    # AgentResult.__str__ ends every text block with "\n"; drop the last one.
    return text[:-1] if text.endswith("\n") else text


# --------------------------------------------------------------------------------------------
# Health: HealthyBusy while an invocation is in flight, Healthy otherwise.


class Health:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._busy = 0
        self._changed = int(time.time())

    def enter(self) -> None:
        with self._lock:
            self._busy += 1
            if self._busy == 1:
                self._changed = int(time.time())

    def leave(self) -> None:
        with self._lock:
            self._busy -= 1
            if self._busy == 0:
                self._changed = int(time.time())

    def snapshot(self) -> Tuple[str, int]:
        with self._lock:
            return ("HealthyBusy" if self._busy else "Healthy"), self._changed


# --------------------------------------------------------------------------------------------
# HTTP.


class ApiError(Exception):
    def __init__(self, status: int, type_: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.type = type_
        self.message = message


def _json_bytes(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def _error_body(err: ApiError, request_id: str) -> Dict[str, Any]:
    return {"error": {"type": err.type, "message": err.message}, "request_id": request_id}


async def _read_body(request: Request, limit: int) -> Tuple[Optional[bytes], int]:
    """(body, bytes received); the body is None once it exceeds ``limit``.

    An oversized body is still read and discarded (up to DRAIN_LIMIT_BYTES), so the client, which
    is usually still sending, gets its 413 instead of a reset connection.
    """
    declared = request.headers.get("content-length")
    too_large = False
    if declared is not None:
        try:
            too_large = int(declared) > limit
        except ValueError:  # uvicorn rejects this before the app sees it; kept for other servers
            raise ApiError(400, "invalid_request", "Content-Length is not a number") from None
    buf = bytearray()
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if too_large or received > limit:
            too_large = True
            buf = bytearray()
            if received > DRAIN_LIMIT_BYTES:
                break
            continue
        buf += chunk
    return (None if too_large else bytes(buf)), received


def _parse_prompt(body: bytes) -> str:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "invalid_json", "request body is not UTF-8 encoded JSON") from None
    if not text.strip():
        raise ApiError(400, "invalid_json", "request body is empty: expected a JSON object")
    try:
        payload = json.loads(text)
    except (ValueError, RecursionError):
        raise ApiError(400, "invalid_json", "request body is not valid JSON") from None
    if not isinstance(payload, dict):
        raise ApiError(400, "invalid_request", "request body must be a JSON object")
    if "prompt" not in payload:
        raise ApiError(400, "invalid_request", "missing field 'prompt'")
    prompt = payload["prompt"]
    if not isinstance(prompt, str):
        raise ApiError(400, "invalid_request", "field 'prompt' must be a string")
    if not prompt.strip():
        raise ApiError(400, "invalid_request", "field 'prompt' must not be empty")
    return prompt


def _model_error(exc: BaseException) -> ApiError:
    from strands.types.exceptions import ModelThrottledException

    if isinstance(exc, ModelThrottledException):
        return ApiError(502, "model_throttled", "the model is throttling requests; retry later")
    return ApiError(502, "model_error", f"the model call failed ({type(exc).__name__})")


def create_app(settings: Settings, model: Any) -> FastAPI:
    app = FastAPI(title="agentc agent", docs_url=None, redoc_url=None, openapi_url=None)
    health = Health()
    app.state.settings = settings
    app.state.health = health

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # 404 / 405 for anything outside the contract, in the contract's error shape.
        type_ = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        request_id = request.headers.get(REQUEST_HEADER) or str(uuid.uuid4())
        err = ApiError(exc.status_code, type_, str(exc.detail))
        return Response(
            _json_bytes(_error_body(err, request_id)),
            status_code=exc.status_code,
            media_type="application/json",
            headers=getattr(exc, "headers", None),
        )

    @app.get("/ping")
    async def ping() -> Response:
        status, changed = health.snapshot()
        return Response(
            _json_bytes({"status": status, "time_of_last_update": changed}), media_type="application/json"
        )

    @app.post("/invocations")
    async def invocations(request: Request) -> Response:
        start = time.perf_counter()
        session_id = request.headers.get(SESSION_HEADER) or None
        request_id = request.headers.get(REQUEST_HEADER) or str(uuid.uuid4())
        received = 0
        exception_name: Optional[str] = None
        health.enter()
        try:
            try:
                body, received = await _read_body(request, settings.max_request_bytes)
                if body is None:
                    raise ApiError(413, "payload_too_large", f"request body exceeds {settings.max_request_bytes} bytes")
                prompt = _parse_prompt(body)
                agent = build_agent(model, settings, session_id)
                try:
                    result = await asyncio.wait_for(agent.invoke_async(prompt), settings.model_timeout_seconds)
                except asyncio.TimeoutError:
                    agent.cancel()
                    raise ApiError(
                        504, "model_timeout", f"the model did not answer within {settings.model_timeout_seconds:g} s"
                    ) from None
                except Exception as exc:  # the model (or a tool) failed
                    exception_name = type(exc).__name__
                    logger.debug("model call failed", exc_info=True)
                    raise _model_error(exc) from None
                status = 200
                out: Dict[str, Any] = {
                    "response": _result_text(result),
                    "session_id": session_id,
                    "request_id": request_id,
                }
                error_type = None
            except ApiError as err:
                status, out, error_type = err.status, _error_body(err, request_id), err.type
            except Exception as exc:  # a bug here, not the caller's or the model's fault
                exception_name = type(exc).__name__
                logger.debug("invocation failed", exc_info=True)
                err = ApiError(500, "internal_error", "internal error")
                status, out, error_type = 500, _error_body(err, request_id), err.type
            payload = _json_bytes(out)
        finally:
            health.leave()

        fields: Dict[str, Any] = {
            "event": "invocation",
            "session_id": session_id,
            "request_id": request_id,
            "status": status,
            "latency_ms": round((time.perf_counter() - start) * 1000, 3),
            "request_bytes": received,
            "response_bytes": len(payload),
        }
        trace_id = _trace_id()
        if trace_id:
            fields["trace_id"] = trace_id
        if error_type:
            fields["error_type"] = error_type
        if exception_name:
            fields["exception"] = exception_name
        level = logging.INFO if status < 500 else logging.ERROR
        logger.log(level, "invocation", extra={"fields": fields})
        return Response(payload, status_code=status, media_type="application/json")

    return app


# --------------------------------------------------------------------------------------------
# Entry point.


def main() -> int:
    import uvicorn

    configure_logging("INFO")  # until LOG_LEVEL has been checked
    try:
        settings = Settings.from_env()
        configure_logging(settings.log_level)
        names = agent_secrets.preload_secrets()
        model = build_model(settings)
    except (ConfigError, agent_secrets.SecretError) as e:
        logger.error("startup failed", extra={"fields": {"error_type": type(e).__name__, "error": str(e)}})
        return 1
    app = create_app(settings, model)
    logger.info(
        "starting",
        extra={
            "fields": {
                "host": settings.host,
                "port": settings.port,
                "model_id": settings.model_id,
                "model_timeout_seconds": settings.model_timeout_seconds,
                "max_request_bytes": settings.max_request_bytes,
                "model_max_attempts": settings.model_max_attempts,
                "secrets": names,
            }
        },
    )
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,
        server_header=False,
        timeout_graceful_shutdown=10,
    )
    server = uvicorn.Server(config)
    # On SIGTERM/SIGINT uvicorn finishes in-flight requests (up to timeout_graceful_shutdown), then
    # re-raises the signal, so the exit status is the conventional 128+signal.
    server.run()
    return 0 if server.started else 1


if __name__ == "__main__":
    sys.exit(main())
