"""A small JSON-over-HTTP server for sandboxes that need no framework (stdlib only, threaded, loopback)."""

import argparse
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


class Faults:
    """What a test or a demo asked the sandbox to do: answer normally, fail, or answer slowly."""

    def __init__(self):
        self.lock = threading.Lock()
        self.mode = "normal"  # normal | fail | slow
        self.delay_ms = 0

    def set(self, mode, delay_ms=0):
        if mode not in ("normal", "fail", "slow"):
            raise ValueError(mode)
        with self.lock:
            self.mode, self.delay_ms = mode, int(delay_ms)

    def apply(self):
        """None to go on, or a (status, body) to answer instead."""
        with self.lock:
            mode, delay = self.mode, self.delay_ms
        if mode == "slow":
            time.sleep(delay / 1000)
        if mode == "fail":
            return 503, {"loi": "Hệ thống mô phỏng đang được đặt ở chế độ lỗi."}
        return None


def serve(routes, *, host, port, name, token=None):
    """Serve `routes`: a list of (method, regex, handler(match, body) -> (status, json)).

    Every sandbox also answers GET /health and POST /_sandbox/faults {"mode", "delay_ms"}.
    With `token`, every other call needs `Authorization: Bearer <token>`.
    """
    faults = Faults()
    compiled = [(m, re.compile(f"^{p}$"), h) for m, p, h in routes]

    class Handler(BaseHTTPRequestHandler):
        server_version = f"motcua-sandbox-{name}"

        def log_message(self, fmt, *args):  # one line per request on stdout, no personal data beyond the path
            print(f"{self.command} {self.path.split('?')[0]} {args[1] if len(args) > 1 else ''}", flush=True)

        def _answer(self, status, body):
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _dispatch(self, method):
            path, _, query = self.path.partition("?")
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw) if raw else {}
            except ValueError:
                return self._answer(400, {"loi": "Nội dung không phải JSON hợp lệ."})
            if method == "GET":  # a GET's query parameters reach the handler as its body (first value of each)
                body = {k: v[0] for k, v in parse_qs(query).items()}
            if path == "/health" and method == "GET":
                return self._answer(200, {"status": "ok", "sandbox": name, "mode": faults.mode})
            if path == "/_sandbox/faults" and method == "POST":
                try:
                    faults.set(body.get("mode", "normal"), body.get("delay_ms", 0))
                except ValueError:
                    return self._answer(400, {"loi": "Chế độ không hợp lệ."})
                return self._answer(200, {"mode": faults.mode, "delay_ms": faults.delay_ms})
            if token and self.headers.get("Authorization") != f"Bearer {token}":
                return self._answer(401, {"loi": "Thiếu hoặc sai mã truy cập."})
            injected = faults.apply()
            if injected:
                return self._answer(*injected)
            for m, pattern, handler in compiled:
                match = pattern.match(path)
                if m == method and match:
                    return self._answer(*handler(match, body))
            return self._answer(404, {"loi": "Không có địa chỉ này."})

        def do_GET(self):
            self._dispatch("GET")

        def do_POST(self):
            self._dispatch("POST")

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server


def arguments(default_port, extra=None):
    """--host and --port; `extra(parser)` adds a sandbox's own options."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=default_port)
    if extra:
        extra(parser)
    return parser.parse_args()
