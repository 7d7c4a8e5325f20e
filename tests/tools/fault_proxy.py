#!/usr/bin/env python3
"""A loopback proxy in front of moto that throttles the first N AWS calls (tests/deploy.rs).

    venv-moto/bin/python tests/tools/fault_proxy.py --upstream http://127.0.0.1:PORT [--throttle N] [--hold ACTION]

It binds 127.0.0.1 on a free port and prints `ready PORT`. The first N requests get the
throttling error of their protocol — awsQuery (form-encoded: STS, CloudFormation) an HTTP 400
`<ErrorResponse>` with code `Throttling`, the JSON protocols an HTTP 400 with
`x-amzn-errortype: ThrottlingException` — which the AWS SDK retries with backoff. The rest
are forwarded to the upstream unchanged. `--hold ACTION` forwards the awsQuery call ACTION
(e.g. CreateChangeSet) but holds its answer for 120 s, standing in for a slow or hung call.
One line per request: `request N: throttled`, `request N: held ACTION` or
`request N: forwarded STATUS`.
"""

from __future__ import annotations

import argparse
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


def make_handler(upstream: str, throttle: list[int], hold: str | None, lock: threading.Lock, count: list[int]):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def reply(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for k, v in headers.items():
                if k.lower() not in HOP_BY_HOP:
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def handle_any(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with lock:
                count[0] += 1
                n = count[0]
                throttled = throttle[0] > 0
                if throttled:
                    throttle[0] -= 1
            if throttled:
                if "x-www-form-urlencoded" in (self.headers.get("Content-Type") or ""):
                    xml = (
                        b"<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
                        b"<Message>Rate exceeded</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>"
                    )
                    self.reply(400, {"Content-Type": "text/xml"}, xml)
                else:
                    headers = {"Content-Type": "application/json", "x-amzn-errortype": "ThrottlingException"}
                    self.reply(400, headers, b'{"message": "Rate exceeded"}')
                print(f"request {n}: throttled", flush=True)
                return
            request = urllib.request.Request(upstream + self.path, data=body or None, method=self.command)
            for k, v in self.headers.items():
                if k.lower() not in HOP_BY_HOP:
                    request.add_header(k, v)
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    status, headers, data = response.status, dict(response.headers), response.read()
            except urllib.error.HTTPError as e:
                status, headers, data = e.code, dict(e.headers), e.read()
            if hold and f"Action={hold}&" in body.decode(errors="replace") + "&":
                print(f"request {n}: held {hold}", flush=True)
                time.sleep(120)
            self.reply(status, headers, data)
            print(f"request {n}: forwarded {status}", flush=True)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = handle_any

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--throttle", type=int, default=0)
    parser.add_argument("--hold")
    args = parser.parse_args()
    handler = make_handler(args.upstream.rstrip("/"), [args.throttle], args.hold, threading.Lock(), [0])
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    print(f"ready {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
