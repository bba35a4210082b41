"""What the HTTP sandboxes share: a threaded loopback server, JSON answers, and the --host/--port command line.
Standard library only, so a sandbox starts without Django."""

import argparse
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class Handler(BaseHTTPRequestHandler):
    """Routes to `do_<METHOD>` of the app: app.handle(method, path, query, body) -> (status, dict, content type)."""

    app = None
    protocol_version = "HTTP/1.1"

    def _serve(self, method):
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            return self._send(400, {"error": "Nội dung không phải JSON hợp lệ."})
        status, payload, content_type = self.app.handle(method, url.path, parse_qs(url.query), body)
        self._send(status, payload, content_type)

    def _send(self, status, payload, content_type="application/json"):
        data = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):  # noqa: N802 - http.server's naming
        self._serve("GET")

    def do_POST(self):  # noqa: N802
        self._serve("POST")

    def log_message(self, fmt, *args):  # quiet by default; the sandbox logs what matters itself
        pass


def serve(app, *, host, port):
    """Serve `app` until interrupted; print the address (tests read the port from the first line)."""
    handler = type("AppHandler", (Handler,), {"app": app})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    print(f"listening http://{server.server_address[0]}:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def arguments(description, default_port, extra=None):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=default_port, help="0 picks a free port")
    if extra:
        extra(parser)
    return parser.parse_args()
