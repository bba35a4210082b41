"""Dossier tracking and intake on PostgreSQL.

(a) Public tracking (GET /api/dossiers/tracking, code + last four digits) with N dossiers in the database
    (default 1,000,000; set MOTCUA_BENCH_DOSSIERS for a quicker run), beside a minimal Django view measured in
    the same process and run. Targets: p95 under 50 ms; at least half the minimal view's throughput.
(b) Intake through the API (POST /api/dossiers/): online submissions and counter intakes (accepted on the
    spot: code, deadline, fees, route). Target: at least 100 dossiers per second.

The work runs in a child process against its own PostgreSQL database (kept between runs so the rows are
generated once; MOTCUA_BENCH_KEEP_DB=0 drops it). Requests go through Django's test client in-process: the
whole request/response stack, without a network hop.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DB_NAME = "motcua_bench_dossiers"


def run():
    if not _psql("SELECT 1"):
        return ["PostgreSQL: not reachable at 127.0.0.1:5432, skipped"]
    _psql(f"CREATE DATABASE {DB_NAME}")  # fails harmlessly when it exists
    try:
        result = _measure(PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + DB_NAME)
    finally:
        if os.environ.get("MOTCUA_BENCH_KEEP_DB", "1") == "0":
            _psql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    return _report(result)


def _psql(sql):
    return subprocess.run(["psql", PG_ADMIN_URL, "-qc", sql], capture_output=True).returncode == 0


def _measure(database_url):
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "motcua.settings", "DEBUG": "0",
           "SECRET_KEY": "bench-only-" + "x" * 40, "ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "0",
           "LOG_LEVEL": "ERROR"}
    out = subprocess.run([sys.executable, "-m", "bench.dossiers_worker"], cwd=ROOT, env=env, capture_output=True,
                         text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    sys.stderr.write(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _report(r):
    t, m = r["tracking"], r["minimal"]
    share = t["rps"] / m["rps"] if m["rps"] else float("nan")
    lines = [
        f"dossiers in PostgreSQL: {r['rows']:,} (generated this run: {r['generated']:,} in {r['generate_s']:.0f} s)",
        f"tracking: {t['rps']:.0f} req/s, p50 {t['p50']:.2f} ms, p95 {t['p95']:.2f} ms, {t['queries']} queries/request "
        f"(n={t['n']})",
        f"minimal Django view (same run): {m['rps']:.0f} req/s, p50 {m['p50']:.2f} ms, p95 {m['p95']:.2f} ms",
        f"tracking throughput = {share:.2f} × minimal view; target ≥ 0.50: {'OK' if share >= 0.5 else 'BELOW'}; "
        f"p95 target < 50 ms: {'OK' if t['p95'] < 50 else 'ABOVE'}",
    ]
    for name, label in (("intake_online", "online submissions"), ("intake_counter", "counter intakes (accepted)"),
                        ("intake_online_2", "online submissions, 2 threads")):
        i = r[name]
        lines.append(f"intake via API, {label}: {i['per_s']:.0f} dossiers/s, p95 {i['p95']:.1f} ms (n={i['n']}); "
                     f"target ≥ 100/s: {'OK' if i['per_s'] >= 100 else 'BELOW'}")
    lines.append(f"load average during the run: {r['load']}")
    return lines
