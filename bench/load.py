"""A small HTTP load generator: C client processes send requests over loopback for a fixed time.

Every client opens a connection per request (gunicorn's sync workers close it after each response), so the
endpoint and its baseline pay the same network and server overhead and only the application work differs.
"""

import http.client
import multiprocessing
import time

from bench.timing import percentile


def _client(args):
    port, requests, seconds, offset = args
    samples, errors = [], 0
    started = time.perf_counter()
    deadline = started + seconds
    i = offset
    while time.perf_counter() < deadline:
        method, path, body, headers = requests[i % len(requests)]
        i += 1
        t0 = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            ok = 200 <= response.status < 300
        except OSError:
            ok = False
        finally:
            conn.close()
        if ok:
            samples.append((time.perf_counter() - t0) * 1000)
        else:
            errors += 1
    return samples, errors, time.perf_counter() - started


def run(port, requests, *, concurrency, seconds):
    """Send `requests` ((method, path, body, headers) tuples, cycled) for `seconds`; return throughput and latency."""
    with multiprocessing.get_context("fork").Pool(concurrency) as pool:
        parts = pool.map(_client, [(port, requests, seconds, k * 7919) for k in range(concurrency)])
    samples = [s for part, _, _ in parts for s in part]
    return {"n": len(samples), "errors": sum(e for _, e, _ in parts),
            "rps": sum(len(part) / elapsed for part, _, elapsed in parts),
            "p50": percentile(samples, 50) if samples else float("nan"),
            "p95": percentile(samples, 95) if samples else float("nan")}
