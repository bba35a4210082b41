"""Catalogue search latency over the full imported catalogue, on SQLite and PostgreSQL.

Each backend runs in its own process (a fresh database: migrate + import_catalogue), timing a fixed list of
citizen queries through the same function the pages and the API use, beside a baseline measured in the same
run: a plain indexed lookup of a procedure by its code. Target: search p95 under 30 ms. The search page and
API search are timed too, whole requests with a cache that keeps nothing (what an unpopular query costs).
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def run():
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        lines += _report("SQLite", _measure(f"sqlite:///{tmp}/bench.sqlite3"))
    pg_db = os.environ.get("BENCH_PG_DB", f"motcua_bench_{os.getpid()}")
    if _psql(f"CREATE DATABASE {pg_db}"):
        try:
            lines += _report("PostgreSQL", _measure(PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + pg_db))
        finally:
            _psql(f"DROP DATABASE IF EXISTS {pg_db}")
    else:
        lines.append("PostgreSQL: not reachable at 127.0.0.1:5432, skipped")
    return lines


def _psql(sql):
    return subprocess.run(["psql", PG_ADMIN_URL, "-qc", sql], capture_output=True).returncode == 0


def _measure(database_url):
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "motcua.settings"}
    out = subprocess.run(
        [sys.executable, "-m", "bench.catalogue_search_worker"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def _report(name, r):
    ratio = r["search_p95"] / r["lookup_p95"] if r["lookup_p95"] else float("nan")
    verdict = "OK" if r["search_p95"] < 30 else "ABOVE TARGET"
    return [
        f"{name}: {r['procedures']} procedures, {r['queries']} queries x {r['rounds']} rounds",
        f"{name}: search p50 {r['search_p50']:.2f} ms, p95 {r['search_p95']:.2f} ms (target < 30 ms: {verdict})",
        f"{name}: baseline lookup by code p50 {r['lookup_p50']:.3f} ms, p95 {r['lookup_p95']:.3f} ms",
        f"{name}: search p95 / lookup p95 = {ratio:.1f}x",
        f"{name}: uncached search page /thu-tuc/?q= p50 {r['page_p50']:.2f} ms, p95 {r['page_p95']:.2f} ms; "
        f"API /api/procedures?q= p50 {r['api_p50']:.2f} ms, p95 {r['api_p95']:.2f} ms "
        f"(p95 = {r['page_p95'] / r['lookup_p95']:.0f}x and {r['api_p95'] / r['lookup_p95']:.0f}x the lookup)",
    ]
