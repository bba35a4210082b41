"""Run every benchmark module bench/bench_*.py (or those named on the command line) and print their reports.

Each module exposes `run() -> list[str]` and measures its own baseline in the same run, so figures are
reported as ratios that hold across machines. Reports are also written to bench/out/.
"""

import importlib
import os
import pkgutil
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")


def main(names):
    import django

    django.setup()
    out_dir = Path(__file__).parent / "out"
    out_dir.mkdir(exist_ok=True)
    modules = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_"))
    selected = [m for m in modules if not names or any(n in m for n in names)]
    for name in selected:
        started = time.perf_counter()
        print(f"== {name}", flush=True)
        lines = importlib.import_module(f"bench.{name}").run()
        for line in lines:
            print("  " + line, flush=True)
        print(f"  ({time.perf_counter() - started:.1f} s)", flush=True)
        (out_dir / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
