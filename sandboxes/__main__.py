"""Start every sandbox as its own process on loopback; stop them all on Ctrl-C or SIGTERM.

    python -m sandboxes            # all of them, logs in var/sandboxes/<name>.log
    python -m sandboxes --list     # names and ports
"""

import argparse
import signal
import subprocess
import sys
import time
from pathlib import Path

from sandboxes import discover

LOG_DIR = Path(__file__).resolve().parent.parent / "var" / "sandboxes"


def main():
    parser = argparse.ArgumentParser(prog="python -m sandboxes")
    parser.add_argument("--list", action="store_true", help="list the sandboxes and their ports")
    args = parser.parse_args()
    sandboxes = discover()
    if args.list:
        for name, port in sandboxes:
            print(f"{name}\thttp://127.0.0.1:{port}/")
        return
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    children = []
    for name, port in sandboxes:
        log = open(LOG_DIR / f"{name}.log", "ab")  # noqa: SIM115 - kept open for the child's lifetime
        cmd = [sys.executable, "-m", f"sandboxes.{name}", "--host", "127.0.0.1", "--port", str(port)]
        children.append(subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT))
        print(f"sandbox {name}: http://127.0.0.1:{port}/ (log var/sandboxes/{name}.log)", flush=True)

    def stop(*_):
        for child in children:
            child.terminate()
        for child in children:
            try:
                child.wait(timeout=5)
            except subprocess.TimeoutExpired:
                child.kill()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while True:
        time.sleep(1)


if __name__ == "__main__":
    main()
