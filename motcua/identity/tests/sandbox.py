"""Start a sandbox as its own process on a free loopback port (for session-scoped fixtures)."""

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


@contextmanager
def running(name, *, env=None):
    """Yield the base URL of `python -m sandboxes.<name> --port 0`; stop it afterwards."""
    process = subprocess.Popen([sys.executable, "-m", f"sandboxes.{name}", "--port", "0"], cwd=ROOT,
                               env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        line = process.stdout.readline()
        if not line.startswith("listening "):
            raise RuntimeError(f"sandbox {name} did not start: {line}{process.stdout.read()[:2000]}")
        yield line.split()[1].rstrip("/")
    finally:
        process.terminate()
        process.wait(timeout=10)
