"""The queue under a busy morning, over HTTP on PostgreSQL, served by gunicorn as in production.

A kiosk issues 200 tickets a minute (POST /api/queue/tickets) for DURATION seconds while 20 counter officers
call the next ticket (POST /api/queue/counters/{id}/call, signed in) and serve each for a few seconds, and
DISPLAYS hall displays poll GET /api/queue/{agency}/display every 400 ms, as the display page does. For each
call, the display latency is the time from the call being recorded (its `at`, same machine clock) to the first
display response that shows it. Target: p95 under 1 s. In the same run and at the same rate, a poller of the
minimal Django view (bench/urls.py) gives the baseline of a request's cost: the display endpoint's own request
time is reported as a ratio to it. The run is bounded (DURATION, default 30 s; MOTCUA_BENCH_OFFICE_SECONDS) and stays on loopback.
"""

import json
import os
import random
import threading
import time
from http.client import HTTPConnection

from bench.bench_dossiers import CSRF, _prepare_with, _psql, _server
from bench.timing import percentile

DB_NAME = "motcua_bench_office"
DURATION = float(os.environ.get("MOTCUA_BENCH_OFFICE_SECONDS", "30"))
TICKETS_PER_MINUTE = 200
DISPLAYS = 3
POLL = 0.4


def _request(port, method, path, body=None, headers=None):
    conn = HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        t0 = time.perf_counter()
        conn.request(method, path, body=json.dumps(body) if body is not None else None,
                     headers={"Content-Type": "application/json", **(headers or {})})
        response = conn.getresponse()
        data = response.read()
        return response.status, data, (time.perf_counter() - t0) * 1000
    finally:
        conn.close()


def run():
    if not _psql("SELECT 1"):
        return ["PostgreSQL: not reachable at 127.0.0.1:5432, skipped"]
    _psql(f"CREATE DATABASE {DB_NAME}")
    prepared, env = _prepare_with(DB_NAME, "bench.office_worker")
    with _server(env) as port:
        result = _measure(port, prepared)
    return _report(result)


def _measure(port, prepared):
    stop = time.monotonic() + DURATION
    r = {"issued": 0, "issue_errors": 0, "issue_ms": [], "calls": 0, "call_errors": 0, "call_ms": [],
         "seen": {}, "display_ms": [], "minimal_ms": []}
    lock = threading.Lock()
    agency = prepared["agency"]

    def kiosk():
        interval = 60 / TICKETS_PER_MINUTE
        next_at = time.monotonic()
        while time.monotonic() < stop:
            status, _, ms = _request(port, "POST", "/api/queue/tickets", {"agency": agency})
            with lock:
                r["issued" if status == 201 else "issue_errors"] += 1
                r["issue_ms"].append(ms)
            next_at += interval
            time.sleep(max(0, next_at - time.monotonic()))

    def counter(counter_id, session):
        headers = {"Cookie": f"sessionid={session}; csrftoken={CSRF}", "X-CSRFToken": CSRF}
        rng = random.Random(counter_id)
        while time.monotonic() < stop:
            status, data, ms = _request(port, "POST", f"/api/queue/counters/{counter_id}/call", {}, headers)
            with lock:
                r["call_ms"].append(ms)
                if status != 200:
                    r["call_errors"] += 1
                elif json.loads(data)["ticket"] is not None:
                    r["calls"] += 1
            # 20 counters serving about 4 s each can call more than 200 tickets a minute: calls follow the kiosk.
            time.sleep(rng.uniform(2, 6) if status == 200 and json.loads(data)["ticket"] else 1)

    def display():
        while time.monotonic() < stop:
            status, data, ms = _request(port, "GET", f"/api/queue/{agency}/display")
            now = time.time()
            with lock:
                r["display_ms"].append(ms)
                if status == 200:
                    for call in json.loads(data)["calls"]:
                        if call["id"] not in r["seen"]:
                            r["seen"][call["id"]] = now - _epoch(call["at"])
            time.sleep(POLL)

    def minimal():
        while time.monotonic() < stop:
            _, _, ms = _request(port, "GET", "/bench-minimal/")
            with lock:
                r["minimal_ms"].append(ms)
            time.sleep(POLL / DISPLAYS)

    threads = [threading.Thread(target=kiosk), threading.Thread(target=minimal)]
    threads += [threading.Thread(target=display) for _ in range(DISPLAYS)]
    threads += [threading.Thread(target=counter, args=(c, s)) for c, s in zip(prepared["counters"],
                                                                              prepared["sessions"], strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    r["load"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return r


def _epoch(iso):
    from datetime import datetime

    return datetime.fromisoformat(iso).timestamp()


def _report(r):
    lat = sorted(r["seen"].values())
    minutes = DURATION / 60
    p95_display = percentile(r["display_ms"], 95)
    p95_minimal = percentile(r["minimal_ms"], 95)
    verdict = "OK" if lat and percentile(lat, 95) < 1.0 else "ABOVE"
    return [
        f"{DURATION:.0f} s; kiosk at {TICKETS_PER_MINUTE}/min, 20 counters, {DISPLAYS} displays polling every "
        f"{POLL * 1000:.0f} ms; gunicorn on loopback, PostgreSQL; machine shared with other work (load {r['load']})",
        f"tickets issued: {r['issued']} ({r['issued'] / minutes:.0f}/min), errors {r['issue_errors']}; "
        f"issue p95 {percentile(r['issue_ms'], 95):.1f} ms",
        f"tickets called: {r['calls']} ({r['calls'] / minutes:.0f}/min), errors {r['call_errors']}; "
        f"call p95 {percentile(r['call_ms'], 95):.1f} ms",
        f"display update latency (call recorded → shown): p50 {percentile(lat, 50):.2f} s, p95 "
        f"{percentile(lat, 95):.2f} s, max {lat[-1]:.2f} s over {len(lat)} calls; target p95 < 1 s: {verdict}"
        if lat else "display saw no call",
        f"display request p50 {percentile(r['display_ms'], 50):.1f} ms, p95 {p95_display:.1f} ms; minimal view "
        f"p50 {percentile(r['minimal_ms'], 50):.1f} ms, p95 {p95_minimal:.1f} ms; display p95 = "
        f"{p95_display / p95_minimal:.1f} × minimal view",
    ]
