"""Deadline computations per second: the precomputed calendar against a naive day-by-day walk, same process.

Starts are 2,000 random instants of 2026 (fixed seed); limits of 5, 30 and 90 working days (hourly policy).
"""

import random
import time
from datetime import datetime, timedelta

from motcua.workdays.core import VN_TZ, naive_add_working_hours
from motcua.workdays.official import official_calendar
from motcua.workdays.seed import OVERRIDES

DAYS = (5, 30, 90)


def _starts(n=2000):
    rng = random.Random(20260212)
    base = datetime(2026, 1, 1, tzinfo=VN_TZ)
    return [base + timedelta(minutes=rng.randrange(365 * 24 * 60)) for _ in range(n)]


def _rate(fn, starts, min_seconds=0.5):
    """Calls per second of fn(start), over whole passes through `starts` lasting at least `min_seconds`."""
    calls, t0 = 0, time.perf_counter()
    while True:
        for s in starts:
            fn(s)
        calls += len(starts)
        elapsed = time.perf_counter() - t0
        if elapsed >= min_seconds:
            return calls / elapsed


def run() -> list[str]:
    from django.db import DatabaseError

    from motcua.workdays import services

    cal = official_calendar([2025, 2026], OVERRIDES)
    starts = _starts()
    lines = []
    for n in DAYS:
        fast = _rate(lambda s, n=n: cal.due(s, n, "working_days"), starts)
        naive = _rate(lambda s, n=n: naive_add_working_hours(cal, s, n * 8), starts[:200], min_seconds=0.3)
        lines.append(f"{n:>2} working days: precomputed {fast:,.0f}/s, naive day-by-day {naive:,.0f}/s, "
                     f"ratio {fast / naive:.0f}x")
    try:
        edge = _rate(lambda s: services.compute_due(s, 30, "working_days"), starts)
        lines.append(f"30 working days via services.compute_due (cached calendar): {edge:,.0f}/s")
    except DatabaseError:
        lines.append("services.compute_due not measured: the database is not migrated (run `make data`)")
    t0 = time.perf_counter()
    official_calendar([2025, 2026], OVERRIDES)
    lines.append(f"building the 2025–2027 calendar: {(time.perf_counter() - t0) * 1000:.0f} ms")
    return lines
