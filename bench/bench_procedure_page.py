"""The public procedure page over HTTP beside the minimal Django view, interleaved in the same run (≤ 60 s).

gunicorn (2 × cores + 1 sync workers, DEBUG=0, bench/settings.py) on a free loopback port, on the database and
cache of the environment (`make data`'s SQLite and the database cache by default; REDIS_URL / DATABASE_URL
when set). Requests cycle over 50 procedures in force, so after the first round they come from the page cache
(motcua/lib/page_cache.py) as they would for citizens. Issue 18's target: at least 0.50 × the minimal view.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench import load

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2 * (os.cpu_count() or 2) + 1
SECONDS, ROUNDS = 4.0, 3  # 2 × 3 × 4 s + 2 s warm-up: well under a minute of load


def run():
    from django.conf import settings

    from motcua.catalogue.models import Procedure

    codes = list(Procedure.objects.filter(current__isnull=False).order_by("code").values_list("code", flat=True)[:50])
    if not codes:
        return ["no procedures in the database: run `make data` first"]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DEBUG": "0", "SECRET_KEY": "bench-only",
           "MOTCUA_DATA_KEYS": ",".join(settings.MOTCUA_DATA_KEYS),  # the keys the database was written with
           "SECURE_SSL_REDIRECT": "0", "ALLOWED_HOSTS": "127.0.0.1"}
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "--workers", str(WORKERS), "--bind",
                             f"127.0.0.1:{port}", "--log-level", "warning", "--backlog", "2048",
                             "motcua.wsgi:application"], cwd=ROOT, env=env)
    try:
        _wait(port)
        minimal = [("GET", "/bench-minimal/", None, {})]
        pages = [("GET", f"/thu-tuc/{code}/", None, {}) for code in codes]
        clients = 2 * WORKERS
        load.run(port, minimal + pages, concurrency=clients, seconds=2)  # warm up: fills the page cache
        m_rounds, p_rounds = [], []
        for _ in range(ROUNDS):  # interleaved, so other load on the machine hits both alike
            m_rounds.append(load.run(port, minimal, concurrency=clients, seconds=SECONDS))
            p_rounds.append(load.run(port, pages, concurrency=clients, seconds=SECONDS))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    m, p = _merge(m_rounds), _merge(p_rounds)
    share = p["rps"] / m["rps"] if m["rps"] else float("nan")
    return [
        f"server: gunicorn, {WORKERS} sync workers, DEBUG=0; {2 * WORKERS} client processes; {ROUNDS} × "
        f"{SECONDS:.0f} s each; cache: {'Redis' if os.environ.get('REDIS_URL') else 'database'}",
        f"procedure page (50 procedures, cached): {p['rps']:.0f} req/s, p50 {p['p50']:.1f} ms, p95 {p['p95']:.1f} ms "
        f"(n={p['n']}, errors {p['errors']})",
        f"minimal Django view (same run): {m['rps']:.0f} req/s, p50 {m['p50']:.1f} ms, p95 {m['p95']:.1f} ms "
        f"(n={m['n']}, errors {m['errors']})",
        f"procedure page = {share:.2f} × minimal view; target ≥ 0.50: {'OK' if share >= 0.5 else 'BELOW'}",
        f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}",
    ]


def _wait(port):
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench-minimal/", timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def _merge(rounds):
    return {"rps": sum(r["rps"] for r in rounds) / len(rounds), "p50": max(r["p50"] for r in rounds),
            "p95": max(r["p95"] for r in rounds), "n": sum(r["n"] for r in rounds),
            "errors": sum(r["errors"] for r in rounds)}
