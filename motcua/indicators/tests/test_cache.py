import time

from motcua.indicators import cache as swr


def test_a_stale_value_is_served_while_one_background_refresh_runs(monkeypatch):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert swr.get_or_refresh("k", compute, fresh=60) == 1  # missing: computed inline
    assert swr.get_or_refresh("k", compute, fresh=60) == 1  # fresh: served from the cache
    now = time.time()
    monkeypatch.setattr(swr.time, "time", lambda: now + 120)
    assert swr.get_or_refresh("k", compute, fresh=60) == 1  # stale: served at once...
    for _ in range(100):  # ...while a thread recomputes it
        if len(calls) == 2 and swr.cache.get("k:refreshing") is None:
            break
        time.sleep(0.01)
    assert swr.get_or_refresh("k", compute, fresh=60) == 2
