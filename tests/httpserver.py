"""A real HTTP server on 127.0.0.1 for the network tests, run in a thread.

Paths (any query string is ignored except where noted):
  /ok                 200, for HEAD and GET
  /slow?ms=N          waits N ms (default 2000), then 200
  /404, /500          that status, every time
  /flaky              500 on the first request of each distinct URL, then 200
  /429?after=S        429 with `Retry-After: S` on the first request of each URL, then 200
  /redirect           302 to /ok;  /redirect-relative: 301 to a relative /ok?from=rel
  /loop-a, /loop-b    302 to each other
  /head-refused       405 for HEAD, 200 for GET
  /reset              closes the connection without an answer
  /huge?declare=1     a 8 MiB body (with Content-Length when declare=1), sent in chunks
  /bad-utf8           200 with bytes that are not UTF-8
  /files/NAME         the bytes in `server.files[NAME]`, else 404
  /trickle?ms=N       200 with a body of 10,000 bytes sent one byte every N ms (default 200)
`server.hits[path]` counts requests per path (without the query); `server.methods` logs
(method, path) pairs; `server.max_active` is the most requests answered at the same time.
"""

from __future__ import annotations

import socket
import struct
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

HUGE = 8 * 1024 * 1024


class _Handler(BaseHTTPRequestHandler):
    server: LocalServer  # type: ignore[assignment]
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_HEAD(self) -> None:
        self._serve("HEAD")

    def do_GET(self) -> None:
        self._serve("GET")

    def _send(self, code: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _serve(self, method: str) -> None:
        srv = self.server
        with srv.lock:
            srv.active += 1
            srv.max_active = max(srv.max_active, srv.active)
        try:
            self._answer(method)
        finally:
            with srv.lock:
                srv.active -= 1

    def _answer(self, method: str) -> None:
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        srv = self.server
        with srv.lock:
            srv.hits[path] += 1
            srv.methods.append((method, path))
            first = self.path not in srv.seen
            srv.seen.add(self.path)
        if path == "/ok":
            self._send(200, b"fine")
        elif path == "/slow":
            time.sleep(int(query.get("ms", ["2000"])[0]) / 1000)
            self._send(200, b"late")
        elif path == "/404":
            self._send(404, b"gone")
        elif path == "/500":
            self._send(500, b"oops")
        elif path == "/flaky":
            self._send(500 if first else 200)
        elif path == "/429":
            after = query.get("after", ["0"])[0]
            if first:
                self._send(429, b"slow down", {"Retry-After": after})
            else:
                self._send(200)
        elif path == "/redirect":
            self._send(302, headers={"Location": f"http://{srv.host}/ok"})
        elif path == "/redirect-relative":
            self._send(301, headers={"Location": "/ok?from=rel"})
        elif path in ("/loop-a", "/loop-b"):
            other = "/loop-b" if path == "/loop-a" else "/loop-a"
            self._send(302, headers={"Location": other})
        elif path == "/head-refused":
            self._send(405 if method == "HEAD" else 200, b"use GET")
        elif path == "/reset":
            # SO_LINGER with a zero timeout makes close() send a TCP reset.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif path == "/huge":
            self._huge(method, query.get("declare", ["0"])[0] == "1")
        elif path == "/bad-utf8":
            self._send(200, b"# Course\n\xff\xfe\xfa not text", {"Content-Type": "text/plain"})
        elif path == "/trickle":
            self._trickle(int(query.get("ms", ["200"])[0]) / 1000)
        elif path.startswith("/files/") and path[len("/files/") :] in srv.files:
            self._send(200, srv.files[path[len("/files/") :]], {"Content-Type": "text/markdown"})
        else:
            self._send(404, b"no such path")

    def _trickle(self, every: float) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "10000")
        self.end_headers()
        try:
            for _ in range(10000):
                self.wfile.write(b"#")
                self.wfile.flush()
                time.sleep(every)
        except OSError:
            pass  # the client gave up, as it should

    def _huge(self, method: str, declare: bool) -> None:
        self.send_response(200)
        if declare:
            self.send_header("Content-Length", str(HUGE))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if method == "HEAD":
            return
        chunk = b"x" * 65536
        try:
            for _ in range(HUGE // len(chunk)):
                self.wfile.write(chunk)
        except OSError:
            pass  # the client stopped reading, as it should


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: Counter[str] = Counter()
        self.methods: list[tuple[str, str]] = []
        self.seen: set[str] = set()
        self.files: dict[str, bytes] = {}
        self.lock = threading.Lock()
        self.active = 0  # requests being answered now
        self.max_active = 0  # the most answered at once
        self.host = f"127.0.0.1:{self.server_address[1]}"
        self.thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up early (a check that gave up, as it may) is no fault of the
        server's: socketserver would print its traceback into the output under test."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
