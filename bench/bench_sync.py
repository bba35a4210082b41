"""Sync to the national portal: sender throughput (records/s) and the time to drain the backlog a 10-minute
receiver outage leaves, against a baseline measured in the same run.

- Volume: the synthetic city (`make data`: `simulate --city hanoi --days 30 --seed 1`) wrote 23,510 dossier events
  in 30 days, at most 98 in one hour (1.6 a minute), so a 10-minute outage leaves about 16 records. The run
  drains 30 (about twice that) and a backlog 100 times larger (3,000 records) to show how drain time grows.
- The outage is simulated, not waited for: its backlog is written to the outbox as the outage leaves it
  (records unsent, one failed attempt each), cloned from the records of one real dossier life (10 events,
  acceptance to return, with fees, a supplement and a two-agency route) under distinct dossier streams.
- Baseline: the same envelopes posted straight to the receiver in batches of the same size (no outbox reads,
  no schema check, no marking), i.e. what the receiver and HTTP cost alone. Sender ÷ baseline is the ratio.
- After a real outage the follow loop also waits for the circuit breaker's probe (30 s by default) before it
  drains: add that bound to the drain time measured here.
Runs in a throwaway test database (SQLite in memory unless DATABASE_URL points at PostgreSQL) and one receiver
sandbox on a free loopback port.
"""

import time

import requests

BATCH = 200


def run():
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        return _run()
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


def _run():
    import dataclasses

    from motcua.connections import registry
    from motcua.connections.tests.sandbox import running, set_mode
    from motcua.sync import sender
    from motcua.sync.models import OutboxRecord, Target

    templates = _one_life()
    lines = [f"engine {__import__('django.db').db.connection.vendor}; template: one dossier life of "
             f"{len(templates)} records; batch {BATCH}; machine shared with other work"]
    with running("national_portal", "--state", ":memory:") as url:
        system = dataclasses.replace(registry.get("national_portal"), retries=0, breaker_reset=0)
        adapter = system.adapter(system, url)
        set_mode(url, down=False)
        for label, n in (("10-minute outage at the synthetic city's volume", 30),
                         ("10-minute outage at 100× that volume", 3000)):
            OutboxRecord.objects.all().delete()
            _backlog(templates, n, tag=label[:2])
            items = [sender.envelope(r) for r in OutboxRecord.objects.order_by("id").values(
                "key", "stream", "seq", "synthetic", "payload")]
            base = _baseline(url, items)
            set_mode(url, down=False)
            OutboxRecord.objects.all().delete()
            _backlog(templates, n, tag=label[:2] + "s")
            t0 = time.perf_counter()
            result = sender.drain(Target.NATIONAL_PORTAL, adapter, batch=BATCH)
            elapsed = time.perf_counter() - t0
            left = OutboxRecord.objects.filter(sent_at__isnull=True).count()
            lines.append(f"{label}: backlog {n:,} records drained in {elapsed:.2f} s "
                         f"({n / elapsed:,.0f} records/s, {result.sent:,} acknowledged, {left} left); "
                         f"baseline bare HTTP {len(items) / base:,.0f} records/s; sender ÷ baseline "
                         f"{(n / elapsed) / (len(items) / base):.2f}")
    return lines


def _one_life():
    from motcua.dossiers.tests.base import make_version, whole_life
    from motcua.sync.models import OutboxRecord
    from tests.world import build_world

    world = build_world()
    whole_life(make_version(world.centre, fees=[(0, "hdnd", False), (50_000, "mof", True)]), world)
    return list(OutboxRecord.objects.order_by("seq").values("seq", "payload", "agency_id", "received_on"))


def _backlog(templates, n, *, tag):
    """n records as an outage leaves them: unsent, one failed attempt, in dossier streams of the template."""
    from django.utils import timezone

    from motcua.sync.models import OutboxRecord, Target

    now, rows = timezone.now(), []
    for i in range(n):
        t = templates[i % len(templates)]
        stream = f"hoso:BENCH{tag}{i // len(templates):06d}"
        rows.append(OutboxRecord(target=Target.NATIONAL_PORTAL, key=f"{stream}:{t['seq']}", stream=stream,
                                 seq=t["seq"], payload=t["payload"], agency_id=t["agency_id"],
                                 received_on=t["received_on"], created_at=now, attempts=1,
                                 last_error="Không kết nối được (mô phỏng mất kết nối 10 phút)"))
    OutboxRecord.objects.bulk_create(rows, batch_size=1000)


def _baseline(url, items):
    """Seconds to post `items` straight to the receiver in batches of BATCH."""
    session = requests.Session()
    t0 = time.perf_counter()
    for i in range(0, len(items), BATCH):
        session.post(f"{url}/api/dongbo/hoso", json={"items": items[i:i + BATCH]}, timeout=60).raise_for_status()
    return time.perf_counter() - t0
