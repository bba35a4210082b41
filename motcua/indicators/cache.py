"""Stale-while-revalidate caching of computed dashboard data.

A page never waits for a recomputation once a value exists: a value older than `fresh` seconds is served
as is while one background thread recomputes it (a cache lock keeps it to one); a missing value is computed
inline. Facts are current to the event, so what the public sees is at most `fresh` seconds (plus one
computation) behind.
"""

import threading
import time

from django.core.cache import cache
from django.db import close_old_connections


def get_or_refresh(key, compute, *, fresh=60, keep=3600):
    entry = cache.get(key)
    if entry is None:
        value = compute()
        cache.set(key, (time.time(), value), keep)
        return value
    stamp, value = entry
    if time.time() - stamp > fresh and cache.add(f"{key}:refreshing", 1, 300):
        threading.Thread(target=_refresh, args=(key, compute, keep), daemon=True).start()
    return value


def _refresh(key, compute, keep):
    try:
        cache.set(key, (time.time(), compute()), keep)
    finally:
        cache.delete(f"{key}:refreshing")
        close_old_connections()
