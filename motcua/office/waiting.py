"""Measured waiting: waiting time (ticket to first call) and service time (call to done) per agency, counter,
procedure and hour of day, with the share of tickets called within the city's target (conf.wait_target_minutes).
"""

from datetime import timedelta
from statistics import median

from django.utils import timezone

from . import conf
from .models import Ticket

GROUPS = ("agency", "counter", "procedure", "hour")


def _minutes(delta):
    return delta / timedelta(minutes=1)


def _key(ticket, by):
    if by == "agency":
        return ticket.agency.name
    if by == "counter":
        return f"{ticket.agency.name} · quầy {ticket.counter.number}" if ticket.counter else "—"
    if by == "procedure":
        return ticket.procedure.code if ticket.procedure else "—"
    return f"{timezone.localtime(ticket.issued_at).hour:02d}:00"


def tickets(*, agencies=None, since, until):
    qs = Ticket.objects.filter(day__gte=since, day__lte=until, first_called_at__isnull=False).select_related(
        "agency", "counter", "procedure")
    return qs.filter(agency__in=agencies) if agencies is not None else qs


def summary(rows, *, target=None):
    """Count, median and mean of waiting and service minutes, and the share within target, of `rows` (tickets)."""
    target = conf.wait_target_minutes() if target is None else target
    waits = [_minutes(t.first_called_at - t.issued_at) for t in rows]
    services = [_minutes(t.done_at - t.called_at) for t in rows if t.done_at and t.called_at]
    return {
        "n": len(waits),
        "wait_median": median(waits) if waits else None,
        "wait_mean": sum(waits) / len(waits) if waits else None,
        "service_median": median(services) if services else None,
        "service_mean": sum(services) / len(services) if services else None,
        "within_share": sum(w <= target for w in waits) / len(waits) if waits else None,
    }


RECENT_DAYS = 30  # what the public board and the staff dashboard show


def recent(*, agencies=None, today=None):
    """(first day, last day) of the last RECENT_DAYS days and the report over them."""
    today = today or timezone.localdate()
    since = today - timedelta(days=RECENT_DAYS)
    return since, report(agencies=agencies, since=since, until=today)


def report(*, agencies=None, since, until):
    """{"total": summary, "target": minutes, "source": str, "by": {group: [(key, summary), ...]}}."""
    rows = list(tickets(agencies=agencies, since=since, until=until))
    by = {}
    for group in GROUPS:
        buckets = {}
        for t in rows:
            buckets.setdefault(_key(t, group), []).append(t)
        by[group] = sorted(((k, summary(v)) for k, v in buckets.items()), key=lambda kv: kv[0])
    return {"total": summary(rows), "target": conf.wait_target_minutes(), "source": conf.WAIT_TARGET_SOURCE,
            "by": by}
