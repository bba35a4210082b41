"""Start a sandbox as its own process on a free loopback port, for a session-scoped fixture."""

import os
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[3]


@contextmanager
def running(name, *args, env=None):
    """Yield the base URL of `python -m sandboxes.<name> --port 0 ...`; stop it afterwards."""
    process = subprocess.Popen([sys.executable, "-m", f"sandboxes.{name}", "--port", "0", *args], cwd=ROOT,
                               env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        line = process.stdout.readline()
        if not line.startswith("listening "):
            raise RuntimeError(f"sandbox {name} did not start: {line}{process.stdout.read()[:2000]}")
        # Keep reading what the sandbox prints (a line per request): a pipe nobody reads fills up after 64 KiB
        # and the sandbox then blocks on its next log line, which looks like an outage to the tests.
        threading.Thread(target=_drain, args=(process.stdout,), daemon=True).start()
        yield line.split()[1].rstrip("/")
    finally:
        process.terminate()
        process.wait(timeout=10)


def _drain(stream):
    for _line in stream:
        pass


def set_mode(url, **mode):
    requests.post(f"{url}/admin/mode", json=mode, timeout=5).raise_for_status()


def stats(url):
    return requests.get(f"{url}/admin/stats", timeout=5).json()


def records(url, stream):
    return requests.get(f"{url}/admin/records/{stream}", timeout=5).json()["records"]
