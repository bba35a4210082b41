"""Delivering the outbox: in order within each stream (a dossier, a feedback item), in batches, with retries.

- A batch takes the oldest unsent records, at most one run per stream: a stream whose oldest unsent record is
  waiting for a retry is skipped whole, so a later record never overtakes an earlier one.
- Each record is checked against the JSON Schema before it leaves; one that fails is held with the error
  (shown on the status page) and blocks its stream.
- The receiver answers per record: accepted or duplicate (already stored: a resend after a lost answer) mark
  it sent; out_of_order waits for the earlier record; rejected or conflict count as a failure and back off.
- When the receiver cannot be reached (timeouts, refused, 5xx after the adapter's own retries) the batch
  counts one failed attempt; the circuit breaker (connections) then stops calls until it lets a probe through.
A record is marked sent only after the receiver acknowledged it, so a sender killed at any point loses
nothing; the receiver's idempotency makes the resend of an acknowledged-but-unmarked record harmless.
"""

import json
import logging
import random
import time
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from pathlib import Path

from django.db import DatabaseError, close_old_connections
from django.db.models import F
from django.utils import timezone
from jsonschema import Draft202012Validator

from motcua.connections import breaker, registry
from motcua.connections import status as connection_status
from motcua.connections.errors import Rejected, Unavailable

from .models import OutboxRecord, Target

log = logging.getLogger(__name__)
SCHEMAS = {Target.NATIONAL_PORTAL: "hoso_dongbo.schema.json", Target.NATIONAL_PAKN: "pakn_dongbo.schema.json"}
BATCH = 200
RETRY_BASE, RETRY_CAP = 2.0, 300.0  # seconds: a rejected record waits 2, 4, 8 … up to 5 minutes


@cache
def validator(target):
    path = Path(__file__).parent / "schemas" / SCHEMAS[target]
    return Draft202012Validator(json.loads(path.read_text()),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def envelope(row) -> dict:
    return {"key": row["key"], "stream": row["stream"], "seq": row["seq"], "synthetic": row["synthetic"],
            "record": row["payload"]}


def problems(target, item) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '(gốc)'}: {e.message}"
            for e in validator(target).iter_errors(item)][:5]


@dataclass
class Round:
    sent: int = 0
    duplicates: int = 0
    failed: int = 0
    waiting: int = 0
    unreachable: bool = False


def pick(target, *, now, batch=BATCH) -> list[dict]:
    """The next records to send: oldest first, skipping every stream whose oldest unsent record must wait."""
    rows = (OutboxRecord.objects.filter(target=target, sent_at__isnull=True).order_by("id")
            .values("id", "key", "stream", "seq", "synthetic", "next_attempt_at")[: batch * 5])
    blocked, chosen = set(), []
    for row in rows:
        if row["stream"] in blocked:
            continue
        if row["next_attempt_at"] and row["next_attempt_at"] > now:
            blocked.add(row["stream"])
            continue
        chosen.append(row)
        if len(chosen) == batch:
            break
    payloads = dict(OutboxRecord.objects.filter(id__in=[r["id"] for r in chosen]).values_list("id", "payload"))
    for row in chosen:
        row["payload"] = payloads[row["id"]]
    return chosen


def send_round(target, adapter, *, now=None, batch=BATCH) -> Round:
    """Send one batch of `target`'s outbox through `adapter`; return what happened."""
    now = now or timezone.now()
    result = Round()
    rows, items, invalid, blocked = pick(target, now=now, batch=batch), [], {}, set()
    for row in rows:
        if row["stream"] in blocked:
            continue
        item = envelope(row)
        errors = problems(target, item)
        if errors:
            invalid[row["id"]] = "Không đúng lược đồ: " + "; ".join(errors)
            blocked.add(row["stream"])
        else:
            items.append((row, item))
    for row_id, error in invalid.items():
        _fail([row_id], error, now)
        result.failed += 1
    if not items:
        return result
    try:
        answers = adapter.send([item for _row, item in items])
    except Unavailable as e:
        _count_attempt([row["id"] for row, _item in items], e.message)
        result.unreachable = True
        return result
    except Rejected as e:  # the whole batch refused (malformed request): back off every record in it
        _fail([row["id"] for row, _item in items], f"{e.message} {str(e.body)[:500]}", now)
        result.failed += len(items)
        return result
    sent = []
    for (row, _item), answer in zip(items, answers, strict=True):
        status = answer.get("status")
        if status in ("accepted", "duplicate"):
            sent.append(row["id"])
            result.duplicates += status == "duplicate"
        elif status == "out_of_order":
            result.waiting += 1
        else:
            _fail([row["id"]], f"{status}: {'; '.join(answer.get('errors', []))}"[:2000], now)
            result.failed += 1
    if sent:
        OutboxRecord.objects.filter(id__in=sent).update(sent_at=timezone.now(), last_error="")
    result.sent = len(sent)
    return result


def _count_attempt(ids, error):
    OutboxRecord.objects.filter(id__in=ids).update(attempts=F("attempts") + 1, last_error=error[:2000])


def _fail(ids, error, now):
    """A failure that a retry of the same record may not cure: count it and back off the record."""
    for row in OutboxRecord.objects.filter(id__in=ids).values("id", "attempts"):
        wait = random.uniform(0.5, 1.0) * min(RETRY_CAP, RETRY_BASE * 2 ** row["attempts"])
        OutboxRecord.objects.filter(id=row["id"]).update(
            attempts=row["attempts"] + 1, last_error=error[:2000], next_attempt_at=now + timedelta(seconds=wait))


def drain(target, adapter, *, batch=BATCH, max_rounds=None) -> Round:
    """Send until nothing more can be sent now (tests, benchmarks, one-shot `sync_send`)."""
    total, rounds = Round(), 0
    while max_rounds is None or rounds < max_rounds:
        r = send_round(target, adapter, batch=batch)
        rounds += 1
        for k in ("sent", "duplicates", "failed", "waiting"):
            setattr(total, k, getattr(total, k) + getattr(r, k))
        total.unreachable = r.unreachable
        if r.unreachable or not r.sent:
            return total
    return total


def follow(targets, *, interval=1.0, batch=BATCH, stop=lambda: False, out=print):
    """Send for ever (`sync_send --follow`): keeps going through receiver outages (the breaker paces the
    probes) and dropped database connections (reconnects on the next round)."""
    adapters = {t: registry.adapter(t) for t in targets}
    pruned_at = 0.0
    while not stop():
        if time.monotonic() - pruned_at > 3600:  # recorded calls are read for one hour, kept two days
            connection_status.prune()
            pruned_at = time.monotonic()
        busy = False
        for target, adapter in adapters.items():
            system = adapter.system
            try:
                if breaker.is_open(system.name, threshold=system.breaker_threshold, reset_after=system.breaker_reset):
                    continue
                r = send_round(target, adapter, batch=batch)
            except DatabaseError as e:  # the database went away: drop the connection, try again next round
                out(f"Lỗi cơ sở dữ liệu, thử lại: {e}")
                close_old_connections()
                continue
            if r.sent or r.failed:
                out(f"{target}: gửi {r.sent} (trùng {r.duplicates}), lỗi {r.failed}")
            busy |= bool(r.sent) and not r.unreachable
        if not busy:
            close_old_connections()
            time.sleep(interval)
