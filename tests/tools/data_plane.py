#!/usr/bin/env python3
"""A loopback stand-in of the AgentCore data plane (InvokeAgentRuntime) for tests/deploy.rs.

moto serves the AgentCore control plane but answers the data plane's invoke with HTTP 500, so
`agentc invoke` is tested against this instead. Run it with the moto venv's interpreter
(boto3/botocore and joserfc are there):

    venv-moto/bin/python tests/tools/data_plane.py --auth jwt --jwks URL --client-id ID
    venv-moto/bin/python tests/tools/data_plane.py --auth sigv4 --secret-key KEY

It binds 127.0.0.1 on a free port, prints `ready PORT`, then one line per request:
`request N: <status> <what happened>`. It serves
`POST /runtimes/{url-encoded runtime ARN}/invocations?qualifier=DEFAULT` like AgentCore:

- the session id header `X-Amzn-Bedrock-AgentCore-Runtime-Session-Id` must be 33+ characters;
- `--auth jwt`: `Authorization: Bearer <access token>`, an RS256 JWT checked against the JWKS
  at `--jwks` (moto's Cognito pool), unexpired, `token_use` access, `client_id` allowed;
  a SigV4 request gets AgentCore's 403 "Authorization method mismatch";
- `--auth sigv4`: an `AWS4-HMAC-SHA256` signature for service `bedrock-agentcore`, recomputed
  with botocore from the signed headers and `--secret-key`; a bearer token gets the mismatch;
- faults: `--throttle N` answers the first N requests with 429 ThrottlingException,
  `--drop N` closes the connection of the first N requests without answering.

The answer echoes the agent's contract: `{"response": "echo: <prompt>", "session_id": …}`.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SESSION_HEADER = "X-Amzn-Bedrock-AgentCore-Runtime-Session-Id"
MISMATCH = (
    "Authorization method mismatch. The agent is configured for a different authorization "
    "method than what was used in your request. (OAuth or SigV4)"
)


class State:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.lock = threading.Lock()
        self.count = 0
        self.throttle = args.throttle
        self.drop = args.drop
        self.jwks = None

    def next(self) -> tuple[int, str | None]:
        with self.lock:
            self.count += 1
            if self.drop > 0:
                self.drop -= 1
                return self.count, "drop"
            if self.throttle > 0:
                self.throttle -= 1
                return self.count, "throttle"
            return self.count, None


def b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def check_jwt(state: State, token: str) -> str | None:
    """None when the token is good, else why not."""
    from joserfc import jwt
    from joserfc.jwk import KeySet

    if state.jwks is None:
        with urllib.request.urlopen(state.args.jwks, timeout=5) as response:
            state.jwks = KeySet.import_key_set(json.load(response))
    try:
        decoded = jwt.decode(token, state.jwks, algorithms=["RS256"])
    except Exception as e:  # bad signature, bad shape
        return f"invalid token: {e.__class__.__name__}"
    claims = decoded.claims
    if claims.get("exp", 0) < time.time():
        return "token expired"
    if claims.get("token_use") != "access":
        return "not an access token"
    if claims.get("client_id") not in state.args.client_id:
        return f"client {claims.get('client_id')} is not allowed"
    return None


def check_sigv4(state: State, handler: BaseHTTPRequestHandler, body: bytes) -> str | None:
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    auth = handler.headers.get("Authorization", "")
    fields = dict(
        part.strip().split("=", 1) for part in auth[len("AWS4-HMAC-SHA256 "):].split(",") if "=" in part
    )
    try:
        key_id, date, region, service, terminator = fields["Credential"].split("/")
        signed = fields["SignedHeaders"].split(";")
        signature = fields["Signature"]
    except (KeyError, ValueError):
        return "malformed SigV4 Authorization header"
    if service != "bedrock-agentcore" or terminator != "aws4_request":
        return f"signed for service {service}, not bedrock-agentcore"
    headers = {name: handler.headers.get(name, "") for name in signed}
    host = handler.headers.get("Host", "")
    request = AWSRequest(method=handler.command, url=f"http://{host}{handler.path}", data=body, headers=headers)
    request.context["timestamp"] = handler.headers.get("X-Amz-Date", "")
    signer = SigV4Auth(Credentials(key_id, state.args.secret_key), service, region)
    canonical = signer.canonical_request(request)
    expected = signer.signature(signer.string_to_sign(request, canonical), request)
    if expected != signature:
        return "signature does not match"
    return None


def make_handler(state: State) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def answer(self, n: int, status: int, payload: dict, error_type: str | None, note: str) -> None:
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            if error_type:
                self.send_header("x-amzn-errortype", error_type)
            session = self.headers.get(SESSION_HEADER)
            if session:
                self.send_header(SESSION_HEADER, session)
            self.end_headers()
            self.wfile.write(body)
            print(f"request {n}: {status} {note}", flush=True)

        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            n, fault = state.next()
            if fault == "drop":
                print(f"request {n}: dropped", flush=True)
                self.close_connection = True
                self.connection.shutdown(2)
                return
            if fault == "throttle":
                return self.answer(n, 429, {"message": "Rate exceeded"}, "ThrottlingException", "throttled")
            path = urllib.parse.urlsplit(self.path)
            parts = path.path.split("/")
            if len(parts) != 4 or parts[1] != "runtimes" or parts[3] != "invocations":
                return self.answer(n, 404, {"message": f"no route {path.path}"}, "ResourceNotFoundException", "no route")
            arn = urllib.parse.unquote(parts[2])
            session = self.headers.get(SESSION_HEADER, "")
            if len(session) < 33:
                message = f"session id must be at least 33 characters, got {len(session)}"
                return self.answer(n, 400, {"message": message}, "ValidationException", "short session id")
            authorization = self.headers.get("Authorization", "")
            mode = state.args.auth
            if mode == "jwt":
                if not authorization.startswith("Bearer "):
                    return self.answer(n, 403, {"message": MISMATCH}, "AccessDeniedException", "sigv4 sent to a jwt runtime")
                why = check_jwt(state, authorization[len("Bearer "):])
            else:
                if not authorization.startswith("AWS4-HMAC-SHA256 "):
                    return self.answer(n, 403, {"message": MISMATCH}, "AccessDeniedException", "bearer sent to a sigv4 runtime")
                why = check_sigv4(state, self, body)
            if why:
                status, kind = (401, "UnauthorizedException") if mode == "jwt" else (403, "InvalidSignatureException")
                return self.answer(n, status, {"message": why}, kind, f"rejected: {why}")
            try:
                prompt = json.loads(body).get("prompt", "")
            except (ValueError, AttributeError):
                prompt = ""
            payload = {"response": f"echo: {prompt}", "session_id": session, "runtime": arn}
            self.answer(n, 200, payload, None, f"ok {mode} qualifier={urllib.parse.parse_qs(path.query).get('qualifier')}")

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--auth", choices=["jwt", "sigv4"], required=True)
    parser.add_argument("--jwks", help="JWKS URL of the user pool (jwt)")
    parser.add_argument("--client-id", action="append", default=[], help="an allowed client id (jwt)")
    parser.add_argument("--secret-key", default="", help="the caller's secret access key (sigv4)")
    parser.add_argument("--throttle", type=int, default=0)
    parser.add_argument("--drop", type=int, default=0)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(State(args)))
    server.daemon_threads = True
    print(f"ready {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
