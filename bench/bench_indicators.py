"""Indicators at city scale on PostgreSQL: public board and unit dashboard latency, per-event facts cost,
rebuild_facts throughput.

Runs in its own process against a fresh PostgreSQL database (dropped afterwards unless BENCH_KEEP_DB=1):
MOTCUA_BENCH_DOSSIERS (default 1,000,000) dossiers, of which MOTCUA_BENCH_BASE (default 100,000) are simulated
with every event and the rest copied in SQL (same dates and agencies, no events). Baselines measured in the
same run: the catalogue list page (for page latency) and counter intake with the facts receiver off.
Targets from the issue: board and unit dashboard p95 < 200 ms; intake throughput drop with facts < 10%.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def run():
    db = os.environ.get("BENCH_INDICATORS_DB", f"motcua_bench_ind_{os.getpid()}")
    if not _psql(f"CREATE DATABASE {db}") and not os.environ.get("BENCH_INDICATORS_DB"):
        return ["PostgreSQL: not reachable at 127.0.0.1:5432, skipped (this benchmark needs PostgreSQL)"]
    try:
        env = {**os.environ, "DATABASE_URL": PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + db,
               "DJANGO_SETTINGS_MODULE": "motcua.settings"}
        out = subprocess.run([sys.executable, "-m", "bench.indicators_worker"], cwd=ROOT, env=env,
                             capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(out.stderr[-3000:])
        return report(json.loads(out.stdout.strip().splitlines()[-1]))
    finally:
        if not os.environ.get("BENCH_KEEP_DB"):
            _psql(f"DROP DATABASE IF EXISTS {db}")


def _psql(sql):
    return subprocess.run(["psql", PG_ADMIN_URL, "-qc", sql], capture_output=True).returncode == 0


def report(r):
    drop = (r["intake_on_ms"] - r["intake_off_ms"]) / r["intake_off_ms"] * 100
    ok = lambda v, t: "OK" if v < t else "ABOVE TARGET"  # noqa: E731
    return [
        f"PostgreSQL: {r['dossiers']:,} dossiers ({r['simulated']:,} simulated with events over 365 days, "
        f"{r['copies']} SQL copies); {r.get('daily_rows', 0):,} daily fact rows; {r.get('open_facts', 0):,} open",
        f"public board, cold (cache cleared, everything computed in the request): p50 {r['board_cold_p50']:.0f} ms, p95 {r['board_cold_p95']:.0f} ms "
        f"(target < 200 ms: {ok(r['board_cold_p95'], 200)})",
        f"public board, steady state (data recomputed in the background at most once a minute): "
        f"p50 {r['board_warm_p50']:.0f} ms, p95 {r['board_warm_p95']:.0f} ms "
        f"(target < 200 ms: {ok(r['board_warm_p95'], 200)})",
        f"unit dashboard, cold: p50 {r['unit_cold_p50']:.0f} ms, p95 {r['unit_cold_p95']:.0f} ms; steady state: "
        f"p50 {r['unit_p50']:.0f} ms, p95 {r['unit_p95']:.0f} ms (target < 200 ms: {ok(r['unit_p95'], 200)})",
        f"baseline catalogue page: p50 {r['baseline_p50']:.0f} ms, p95 {r['baseline_p95']:.0f} ms; "
        f"board cold p95 / baseline p95 = {r['board_cold_p95'] / r['baseline_p95']:.1f}x",
        f"counter intake (submit + accept, 2 events): {r['intake_on_ms']:.1f} ms with facts vs "
        f"{r['intake_off_ms']:.1f} ms without (mean of {r['intake_n']} each) → throughput "
        f"{-drop:+.1f}% (target: drop < 10%: {ok(drop, 10)})",
        f"rebuild_facts: {r['rebuild_dossiers']:,} dossiers / {r['rebuild_events']:,} events in {r['rebuild_s']:.1f} s "
        f"= {r['rebuild_dossiers'] / r['rebuild_s']:,.0f} dossiers/s, {r['rebuild_events'] / r['rebuild_s']:,.0f} events/s",
        f"machine load during the run (1-min load average, 2 cores): {r.get('load', '?')}",
        f"simulate: {r['simulated']:,} dossiers in {r['simulate_s']:.0f} s; SQL copies in {r.get('replicate_s', 0):.0f} s",
    ]
