"""A national receiver of sync records (the national portal's dossier sync, the national PAKN system): it
validates each envelope against the JSON Schema kept in the repository (motcua/sync/schemas/), accepts the
records of one stream (a dossier, a feedback item) only in order, and is idempotent: a record sent again with
the same key and content is acknowledged as a duplicate and stored once.

Besides the shared faults (POST /_sandbox/faults {"mode": "fail"|"slow"|"normal", "delay_ms"}), it can be told
to misbehave at start (`--fail-rate`) or while running:
    POST /admin/mode {"down": true}            every sync request answers 503 (an outage)
    POST /admin/mode {"fail_rate": 0.3}        that share of sync requests answers 503
    POST /admin/mode {"delay_ms": 800}         every sync request waits that long first
    POST /admin/mode {"drop_rate": 0.2}        that share is stored but the answer is lost (503)
    GET  /admin/stats                          what was received; GET /admin/records/<stream> its records
State is kept in an SQLite file (`--state`, default var/sandboxes/<name>.sqlite3; `:memory:` for tests).
"""

import hashlib
import json
import random
import sqlite3
import threading
import time
from pathlib import Path

from jsonschema import Draft202012Validator

from sandboxes.http import arguments, serve

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "motcua" / "sync" / "schemas"


class Receiver:
    def __init__(self, *, name, schema, state, fail_rate=0.0):
        self.name = name
        self.validator = Draft202012Validator(json.loads((SCHEMAS / schema).read_text()))
        if state != ":memory:":
            Path(state).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(state, check_same_thread=False)
        self.db.executescript(
            "CREATE TABLE IF NOT EXISTS record (key TEXT PRIMARY KEY, stream TEXT, seq INTEGER, digest TEXT,"
            " body TEXT, received_at REAL);"
            "CREATE TABLE IF NOT EXISTS stream (stream TEXT PRIMARY KEY, last_seq INTEGER);")
        self.lock = threading.Lock()
        self.mode = {"down": False, "fail_rate": fail_rate, "delay_ms": 0, "drop_rate": 0.0}
        self.counters = {"requests": 0, "accepted": 0, "duplicate": 0, "rejected": 0, "out_of_order": 0,
                         "conflict": 0, "failed_requests": 0}

    def routes(self, path):
        return [
            ("POST", path, self.receive),
            ("POST", r"/admin/mode", self.set_mode),
            ("GET", r"/admin/stats", self.stats),
            ("GET", r"/admin/records/(?P<stream>[^/]+)", self.records),
        ]

    def set_mode(self, match, body):
        self.mode.update({k: v for k, v in (body or {}).items() if k in self.mode})
        return 200, {"mode": self.mode}

    def stats(self, match, body):
        with self.lock:
            records = self.db.execute("SELECT count(*) FROM record").fetchone()[0]
            streams = self.db.execute("SELECT count(*) FROM stream").fetchone()[0]
        return 200, {**self.counters, "records": records, "streams": streams, "mode": self.mode, "sandbox": True}

    def records(self, match, body):
        with self.lock:
            rows = self.db.execute("SELECT seq, body FROM record WHERE stream = ? ORDER BY seq",
                                   (match["stream"],)).fetchall()
        return 200, {"records": [{"seq": s, **json.loads(b)} for s, b in rows]}

    def receive(self, match, body):
        self.counters["requests"] += 1
        if self.mode["delay_ms"]:
            time.sleep(self.mode["delay_ms"] / 1000)
        if self.mode["down"] or random.random() < self.mode["fail_rate"]:
            self.counters["failed_requests"] += 1
            return 503, {"loi": "Hệ thống tạm thời không tiếp nhận (môi trường thử nghiệm)."}
        items = (body or {}).get("items")
        if not isinstance(items, list) or not items:
            return 400, {"loi": "Cần danh sách “items”."}
        with self.lock, self.db:
            results = [self._one(item) for item in items]
        if random.random() < self.mode["drop_rate"]:  # stored, but the answer never reaches the sender
            self.counters["failed_requests"] += 1
            return 503, {"loi": "Mất kết nối (mô phỏng)."}
        return 200, {"results": results, "sandbox": True}

    def _one(self, item):
        key = item.get("key") if isinstance(item, dict) else None
        errors = [f"{'/'.join(map(str, e.absolute_path)) or '(gốc)'}: {e.message}"
                  for e in self.validator.iter_errors(item)][:10]
        if errors:
            return self._count({"key": key, "status": "rejected", "errors": errors})
        digest = hashlib.sha256(json.dumps(item["record"], sort_keys=True).encode()).hexdigest()
        seen = self.db.execute("SELECT digest FROM record WHERE key = ?", (key,)).fetchone()
        if seen:
            return self._count({"key": key, "status": "duplicate" if seen[0] == digest else "conflict"})
        last = self.db.execute("SELECT last_seq FROM stream WHERE stream = ?", (item["stream"],)).fetchone()
        expected = (last[0] if last else 0) + 1
        if item["seq"] != expected:
            return self._count({"key": key, "status": "out_of_order", "expected": expected})
        self.db.execute("INSERT INTO record VALUES (?, ?, ?, ?, ?, ?)", (key, item["stream"], item["seq"], digest,
                        json.dumps(item["record"], ensure_ascii=False), time.time()))
        self.db.execute("INSERT INTO stream VALUES (?, ?) ON CONFLICT(stream) DO UPDATE SET last_seq = excluded.last_seq",
                        (item["stream"], item["seq"]))
        return self._count({"key": key, "status": "accepted"})

    def _count(self, result):
        self.counters[result["status"]] += 1
        return result


def main(*, name, path, schema, default_port):
    def extra(parser):
        parser.add_argument("--state", default=str(ROOT / "var" / "sandboxes" / f"{name}.sqlite3"))
        parser.add_argument("--fail-rate", type=float, default=0.0)

    args = arguments(default_port, extra)
    receiver = Receiver(name=name, schema=schema, state=args.state, fail_rate=args.fail_rate)
    server = serve(receiver.routes(path), host=args.host, port=args.port, name=name)
    print(f"listening http://{args.host}:{server.server_address[1]}/", flush=True)
    server.serve_forever()
