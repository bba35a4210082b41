"""Issue 18's citizen mix over HTTPS through nginx and gunicorn (the stack of `make prod-local`), loaded by wrk.

The stack runs on loopback ports of its own (BENCH_HTTPS_PORT, default 9202; gunicorn on 9201) with DEBUG=0 and
Redis as the shared cache (BENCH_REDIS_URL, default db 4, emptied first), on the database of the environment
(`make data`'s SQLite, or DATABASE_URL: PostgreSQL as in production). Rounds of the minimal Django view, the mix
and the procedure page alone are interleaved, so other load on the machine hits each alike; a mixed run with 5%
writes (online submissions through the API, tracking) follows on PostgreSQL. Run it under the bench lock
(`flock /tmp/motcua-bench.lock make bench`); it stops the stack when done, and reports req/s, p50/p95/p99, the
ratios and each gunicorn worker's memory (RSS, PSS, USS).

Targets (issue 18): mix ≥ 0.25 × minimal with p99 < 100 ms; procedure page ≥ 0.50 × minimal.
"""

import json
import os
import random
import re
import ssl
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
HTTPS_PORT = int(os.environ.get("BENCH_HTTPS_PORT", "9202"))
WEB_PORT = int(os.environ.get("BENCH_WEB_PORT", "9201"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/4")
BASE = f"https://127.0.0.1:{HTTPS_PORT}"
SECONDS = int(os.environ.get("MOTCUA_BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("MOTCUA_BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("MOTCUA_BENCH_CONNECTIONS", "32"))
# Shares of the citizen mix (issue 18), in percent.
MIX = {"procedure": 35, "catalogue_search": 15, "api_search": 15, "api_detail": 10, "home": 10, "board": 5,
       "calendar": 5, "feedback": 5}
WRITE_DOSSIERS = 5000  # rows the write mix's tracking samples come from (bench/dossiers_worker.py)
WRK_SCRIPT = """
local items = {ITEMS}
local n = 0
setup = function(thread) n = n + 1; thread:set("id", n) end
init = function(args) math.randomseed(os.time() * 1000 + (id or 0)) end
request = function()
  local r = items[math.random(#items)]
  if r[3] then return wrk.format(r[1], r[2], {["Content-Type"] = "application/json"}, r[3]) end
  return wrk.format(r[1], r[2])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"n": %d, "us": %d, "errors": %d, "p50": %.3f, "p95": %.3f, "p99": %.3f}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def run():
    from motcua.catalogue.models import Procedure

    if not Procedure.objects.filter(current__isnull=False).exists():
        return ["no procedures in the database: run `make data` first (or set DATABASE_URL)"]
    writes = _write_targets()
    urls = _urls()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "REDIS_URL": REDIS_URL, "SANDBOXES": "0",
           "HTTPS_PORT": str(HTTPS_PORT), "HTTP_PORT": str(HTTPS_PORT + 1), "WEB_PORT": str(WEB_PORT)}
    subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=True, capture_output=True)
    subprocess.run(["sh", "deploy/prod-local.sh", "start"], cwd=ROOT, env=env, check=True, capture_output=True)
    try:
        _wait()
        return _measure(urls, writes)
    finally:
        subprocess.run(["sh", "deploy/prod-local.sh", "stop"], cwd=ROOT, env=env, capture_output=True)


def _urls():
    """The URLs of each part of the mix, from the database and the catalogue search query set."""
    from motcua.catalogue.models import Procedure

    codes = list(Procedure.objects.filter(current__isnull=False).order_by("code").values_list("code", flat=True)[:100])
    queries = [line.split("\t")[2] for line in (ROOT / "bench" / "search_queries.tsv").read_text().splitlines()
               if line and not line.startswith("#")]
    rng = random.Random(18)
    searched = rng.sample(queries, min(60, len(queries)))
    return {
        "procedure": [f"/thu-tuc/{c}/" for c in codes],
        "catalogue_search": ["/thu-tuc/", "/thu-tuc/?page=2"] + [f"/thu-tuc/?{_q(q)}" for q in searched],
        "api_search": [f"/api/procedures?{_q(q)}" for q in searched],
        "api_detail": [f"/api/procedures/{c}" for c in codes],
        "home": ["/"], "board": ["/bang-chi-so/"], "calendar": ["/lich-lam-viec/"], "feedback": ["/phan-anh/"],
    }


def _q(query):
    return urllib.parse.urlencode({"q": query})


def _write_targets():
    """Online submissions through the API and tracking of dossiers submitted that way (PostgreSQL only: the
    SQLite file allows one writer at a time). The body is the first procedure's that the API accepts."""
    if connection.vendor != "postgresql":
        return None
    from django.test import Client

    from motcua.catalogue.models import Procedure

    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="127.0.0.1")
    offers = (Procedure.objects.filter(current__isnull=False, current__channels__kind="online",
                                       agencies__province__code="1").distinct().order_by("code")[:40])
    for procedure in offers:
        body = json.dumps({
            "procedure": procedure.code, "channel": "online", "delivery": "online",
            "agency": procedure.agencies.filter(province__code="1").order_by("code").first().code,
            "applicant": {"name": "Người nộp thử (đo hiệu năng)", "phone": "0912345678"},
            "components": [{"component_id": c.pk, "from_data_store": True} for c in procedure.current.components.all()]})
        made = [client.post("/api/dossiers/", body, content_type="application/json") for _ in range(20)]
        if all(r.status_code == 201 for r in made):
            tracking = [json.dumps({"code": r.json()["code"] or r.json()["reference"], "last4": "5678"}) for r in made]
            return {"submit": [("POST", "/api/dossiers/", body)],
                    "track": [("POST", "/api/dossiers/tracking", t) for t in tracking]}
    return None


def _mix(urls, shares=MIX):
    """A flat list in which each part appears in proportion to its share (wrk picks from it at random)."""
    items = []
    for part, share in shares.items():
        for i in range(share * 20):
            items.append(("GET", urls[part][i % len(urls[part])], None))
    return items


def _measure(urls, writes):
    everything = [u for part in urls.values() for u in part]
    for url in everything:  # warm the shared cache as citizens would after the first minute
        _get(url)
    minimal = [("GET", "/bench-minimal/", None)]
    mix = _mix(urls)
    procedure = [("GET", u, None) for u in urls["procedure"]]
    _wrk(mix + minimal, 2)
    rounds = {"minimal": [], "mix": [], "procedure": []}
    for _ in range(ROUNDS):
        rounds["minimal"].append(_wrk(minimal, SECONDS))
        rounds["mix"].append(_wrk(mix, SECONDS))
        rounds["procedure"].append(_wrk(procedure, SECONDS))
    r = {name: _merge(results) for name, results in rounds.items()}
    lines = [
        f"stack: nginx (TLS) → gunicorn ({_workers()} sync workers, DEBUG=0), Redis cache; database "
        f"{connection.vendor}; wrk 2 threads × {CONNECTIONS} connections, {ROUNDS} × {SECONDS} s interleaved",
        _line("minimal Django view", r["minimal"]),
        _line("citizen mix", r["mix"]),
        _line("procedure page alone", r["procedure"]),
        f"citizen mix = {_ratio(r['mix'], r['minimal']):.2f} × minimal (target ≥ 0.25: "
        f"{'OK' if _ratio(r['mix'], r['minimal']) >= 0.25 else 'BELOW'}), p99 {r['mix']['p99']:.1f} ms "
        f"(target < 100: {'OK' if r['mix']['p99'] < 100 else 'ABOVE'})",
        f"procedure page = {_ratio(r['procedure'], r['minimal']):.2f} × minimal (target ≥ 0.50: "
        f"{'OK' if _ratio(r['procedure'], r['minimal']) >= 0.5 else 'BELOW'})",
    ]
    if writes:
        n_write = len(mix) * 5 // 95  # 5% of the requests
        written = mix + [writes["submit"][0] if i % 2 else writes["track"][i % len(writes["track"])]
                         for i in range(n_write)]
        w = _wrk(written, SECONDS * 2)
        lines.append(_line("citizen mix with 5% writes (online submissions, tracking)", w))
        lines.append(f"  = {_ratio(w, r['minimal']):.2f} × minimal")
    else:
        lines.append("mixed run with writes: needs PostgreSQL (DATABASE_URL) with `make data`'s city, skipped")
    memory = _worker_memory()
    rss = [m["rss"] for m in memory]
    lines.append(f"gunicorn workers' resident memory (RSS): {_mb(memory, 'rss')} MB "
                 f"(target ≤ 100: {'OK' if rss and max(rss) <= 100 else 'ABOVE'})")
    lines.append(f"  proportional (PSS): {_mb(memory, 'pss')} MB; unique (USS): {_mb(memory, 'uss')} MB")
    lines.append(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return lines


def _wrk(items, seconds):
    lua = ",\n".join(f"{{{_lua(m)}, {_lua(p)}, {_lua(b) if b else 'nil'}}}" for m, p, b in items)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(WRK_SCRIPT.replace("{ITEMS}", "{\n" + lua + "\n}"))
    try:
        out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "5s", "-s", f.name,
                              BASE], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(f.name)
    found = json.loads(re.search(r"RESULT (\{.*\})", out).group(1))
    found["rps"] = found["n"] / (found["us"] / 1e6)
    return found


def _lua(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _merge(rounds):
    """Mean throughput; latency percentiles as the worst round's (conservative)."""
    return {"rps": sum(r["rps"] for r in rounds) / len(rounds), "n": sum(r["n"] for r in rounds),
            "errors": sum(r["errors"] for r in rounds),
            **{p: max(r[p] for r in rounds) for p in ("p50", "p95", "p99")}}


def _line(label, r):
    return (f"{label}: {r['rps']:.0f} req/s, p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms, p99 {r['p99']:.1f} ms "
            f"(n={r['n']}, errors {r['errors']})")


def _ratio(a, b):
    return a["rps"] / b["rps"] if b["rps"] else float("nan")


def _get(path):
    context = ssl._create_unverified_context()  # the stack's self-signed loopback certificate
    with urllib.request.urlopen(BASE + path, timeout=30, context=context) as response:
        return response.read()


def _wait():
    for _ in range(300):
        try:
            _get("/bench-minimal/")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the stack did not start (var/prod/logs/)")


def _master_pids():
    """Each web node's gunicorn master (deploy/prod-local.sh writes var/prod/web<n>.pid)."""
    return [int(p.read_text()) for p in sorted((ROOT / "var" / "prod").glob("web*.pid"))]


def _workers():
    return len(_worker_memory())


def _mb(memory, kind):
    return ", ".join(f"{m[kind]:.0f}" for m in memory)


def _worker_memory():
    """Memory of each gunicorn worker (children of the masters), in MB, sorted by RSS: resident (RSS, counting
    pages shared with the master and the other workers in full), proportional (PSS, each shared page divided
    among the processes that map it) and unique (USS, pages no other process maps)."""
    children = [pid for master in _master_pids() for pid in
                subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()]
    found = []
    for pid in children:
        rollup = dict(re.findall(r"^(\w+):\s+(\d+) kB", Path(f"/proc/{pid}/smaps_rollup").read_text(), re.M))
        found.append({"rss": int(rollup["Rss"]) / 1024, "pss": int(rollup["Pss"]) / 1024,
                      "uss": (int(rollup["Private_Clean"]) + int(rollup["Private_Dirty"])) / 1024})
    return sorted(found, key=lambda m: m["rss"])
