"""Dossier tracking and intake over HTTP on PostgreSQL, served by gunicorn as in production.

(a) Public tracking (GET /api/dossiers/tracking, code + last four digits) with N dossiers in the database
    (default 1,000,000; set MOTCUA_BENCH_DOSSIERS for a quicker run), beside a minimal Django view served by the
    same server in the same run, the two interleaved. Targets: p95 under 50 ms; at least half the minimal
    view's throughput.
(b) Intake through the API (POST /api/dossiers/): online submissions, and counter intakes by a signed-in
    officer (accepted on the spot: code, deadline, fees, route), spread over ten agencies (one agency's
    intakes share its daily code counter and its daily facts row, so they queue on those row locks; a city's
    do not). Target: at least 100 dossiers per second on two cores.

The server is gunicorn with WORKERS sync workers (default: one per core) on loopback; the load comes from
bench/load.py client processes on the same machine, so server, database and clients share the cores. Beside the
server, `manage.py fold_facts --follow` folds the new events into the indicators' facts, as in production
(deploy/prod-local.sh). The database is created once and kept between runs so the rows are generated once
(MOTCUA_BENCH_KEEP_DB=0 drops it). On a shared machine, MOTCUA_BENCH_DB names the database, MOTCUA_BENCH_PORT the
server's port and BENCH_REDIS_URL the Redis database.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench import load

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DB_NAME = os.environ.get("MOTCUA_BENCH_DB", "motcua_bench_dossiers")
WORKERS = int(os.environ.get("MOTCUA_BENCH_WORKERS", str(2 * (os.cpu_count() or 2) + 1)))  # gunicorn's advice
SECONDS = float(os.environ.get("MOTCUA_BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("MOTCUA_BENCH_ROUNDS", "3"))
CSRF = "b" * 32  # any well-formed token: the cookie and the header only have to agree


def run():
    if not _psql("SELECT 1"):
        return ["PostgreSQL: not reachable at 127.0.0.1:5432, skipped"]
    _psql(f"CREATE DATABASE {DB_NAME}")  # fails harmlessly when it exists
    env = bench_env(DB_NAME)
    try:
        prepared = _prepare(env)
        with _server(env) as port, _folder(env):
            result = _measure(port, prepared)
    finally:
        if os.environ.get("MOTCUA_BENCH_KEEP_DB", "1") == "0":
            _psql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    return _report(prepared, result)


def bench_env(db_name):
    """The environment of a production-like server on the benchmark database `db_name`."""
    return {**os.environ, "DATABASE_URL": PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + db_name,
            "DJANGO_SETTINGS_MODULE": "bench.settings", "DEBUG": "0", "SECRET_KEY": "bench-only-" + "x" * 40,
            "MOTCUA_DATA_KEYS": "bench-only-data-key-" + "x" * 40, "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0",
            "LOG_LEVEL": "ERROR",
            # Cache and limits on Redis, as in production (deploy/): the database store is for a single machine.
            "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")}


def _prepare_with(db_name, worker):
    env = bench_env(db_name)
    return _prepare(env, worker), env


def _psql(sql):
    return subprocess.run(["psql", PG_ADMIN_URL, "-qc", sql], capture_output=True).returncode == 0


def _prepare(env, worker="bench.dossiers_worker"):
    out = subprocess.run([sys.executable, "-m", worker], cwd=ROOT, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    sys.stderr.write(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


class _server:
    """gunicorn on a free loopback port, stopped on exit."""

    def __init__(self, env, config=None):
        self.env = env
        self.config = ["-c", str(config)] if config else []  # a gunicorn config file; the arguments below win

    def __enter__(self):
        self.port = int(os.environ.get("MOTCUA_BENCH_PORT", "0"))  # a shared machine's assigned port
        if not self.port:
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                self.port = s.getsockname()[1]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", *self.config, "--workers", str(WORKERS), "--bind", f"127.0.0.1:{self.port}",
             "--log-level", "warning", "--backlog", "2048", "motcua.wsgi:application"],
            cwd=ROOT, env=self.env)
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/bench-minimal/", timeout=1).read()
                return self.port
            except OSError:
                time.sleep(0.1)
        self.proc.kill()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=30)


class _folder:
    """`manage.py fold_facts --follow` beside the server, stopped on exit."""

    def __init__(self, env):
        self.env = env

    def __enter__(self):
        self.proc = subprocess.Popen([sys.executable, "manage.py", "fold_facts", "--follow"], cwd=ROOT, env=self.env,
                                     stdout=subprocess.DEVNULL)

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def _measure(port, prepared):
    minimal = [("GET", "/bench-minimal/", None, {})]
    tracking = [("POST", "/api/dossiers/tracking", json.dumps({"code": code, "last4": last4}).encode(),
                 {"Content-Type": "application/json"}) for code, last4 in prepared["samples"]]
    clients = 2 * WORKERS
    load.run(port, minimal + tracking, concurrency=clients, seconds=1)  # warm both up
    t_rounds, m_rounds = [], []
    for _ in range(ROUNDS):  # interleaved so other load on the machine hits both alike
        m_rounds.append(load.run(port, minimal, concurrency=clients, seconds=SECONDS))
        t_rounds.append(load.run(port, tracking, concurrency=clients, seconds=SECONDS))
    return {"tracking": _merge(t_rounds), "minimal": _merge(m_rounds),
            "intake_online": load.run(port, _intake(prepared, "online"), concurrency=clients, seconds=SECONDS * 2),
            "intake_counter": load.run(port, _intake(prepared, "direct"), concurrency=clients, seconds=SECONDS * 2),
            "load": " ".join(f"{x:.1f}" for x in os.getloadavg())}


def _intake(prepared, channel):
    """One request per intake agency, cycled: a city's intakes are spread over its agencies."""
    headers = {"Content-Type": "application/json"}
    if channel == "direct":  # a signed-in counter officer: session cookie and CSRF token, as the console sends
        headers |= {"Cookie": f"sessionid={prepared['session']}; csrftoken={CSRF}", "X-CSRFToken": CSRF}
    return [("POST", "/api/dossiers/", json.dumps({
        "procedure": prepared["procedure"], "channel": channel, "agency": agency,
        "applicant": {"name": "Người nộp thử", "phone": "0912345678"}, "delivery": "online",
        "components": [{"component_id": prepared["component"], "from_data_store": True}]}), headers)
        for agency in prepared["agencies"]]


def _merge(rounds):
    """Rounds of equal length: mean throughput; latency percentiles as the worst round's (conservative)."""
    return {"rps": sum(r["rps"] for r in rounds) / len(rounds), "p50": max(r["p50"] for r in rounds),
            "p95": max(r["p95"] for r in rounds), "n": sum(r["n"] for r in rounds),
            "errors": sum(r["errors"] for r in rounds)}


def _report(prepared, r):
    t, m = r["tracking"], r["minimal"]
    share = t["rps"] / m["rps"] if m["rps"] else float("nan")
    lines = [
        f"dossiers in PostgreSQL: {prepared['rows']:,} (generated this run: {prepared['generated']:,} in "
        f"{prepared['generate_s']:.0f} s)",
        f"server: gunicorn, {WORKERS} sync workers; {2 * WORKERS} client processes; {ROUNDS} × {SECONDS:.0f} s each",
        f"tracking: {t['rps']:.0f} req/s, p50 {t['p50']:.2f} ms, p95 {t['p95']:.2f} ms (n={t['n']}, "
        f"errors {t['errors']})",
        f"minimal Django view (same server, same run): {m['rps']:.0f} req/s, p50 {m['p50']:.2f} ms, "
        f"p95 {m['p95']:.2f} ms (n={m['n']}, errors {m['errors']})",
        f"tracking throughput = {share:.2f} × minimal view; target ≥ 0.50: {'OK' if share >= 0.5 else 'BELOW'}; "
        f"p95 target < 50 ms: {'OK' if t['p95'] < 50 else 'ABOVE'}",
    ]
    for name, label in (("intake_online", "online submissions"), ("intake_counter", "counter intakes (accepted)")):
        i = r[name]
        lines.append(f"intake via API, {label}: {i['rps']:.0f} dossiers/s, p95 {i['p95']:.1f} ms (n={i['n']}, "
                     f"errors {i['errors']}); target ≥ 100/s: {'OK' if i['rps'] >= 100 else 'BELOW'}")
    lines.append(f"load average at the end: {r['load']}")
    return lines
