"""What the administrators' status page shows: for every registered system, its breaker, last success, and
latency and error rate over the last hour, read from the recorded calls (shared by all workers)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from . import registry
from .models import ConnectionCall, ConnectionState

KEEP_CALLS = timedelta(days=2)


@dataclass
class SystemStatus:
    system: registry.System
    url: str
    calls: int
    errors: int
    p50_ms: int | None
    p95_ms: int | None
    last_success_at: object
    last_failure_at: object
    last_error: str
    breaker_open: bool
    health: dict | None = None

    @property
    def error_rate(self):
        return None if not self.calls else self.errors / self.calls


def overview(*, check_health=False, now=None) -> list[SystemStatus]:
    """Every system, with figures over the hour before `now`; with `check_health`, ask each one now."""
    now = now or timezone.now()
    since = now - timedelta(hours=1)
    counts = {r["system"]: r for r in ConnectionCall.objects.filter(at__gte=since).values("system")
              .annotate(n=Count("id"), errors=Count("id", filter=Q(ok=False))).order_by()}
    states = {s.system: s for s in ConnectionState.objects.all()}
    out = []
    for name, system in registry.systems().items():
        durations = sorted(ConnectionCall.objects.filter(system=name, at__gte=since)
                           .values_list("duration_ms", flat=True)[:20000])
        state = states.get(name)
        row = SystemStatus(
            system=system, url=registry.url_of(system) if system.adapter else "",
            calls=counts.get(name, {}).get("n", 0), errors=counts.get(name, {}).get("errors", 0),
            p50_ms=_percentile(durations, 0.5), p95_ms=_percentile(durations, 0.95),
            last_success_at=state.last_success_at if state else None,
            last_failure_at=state.last_failure_at if state else None,
            last_error=state.last_error if state else "",
            breaker_open=bool(state and state.opened_at and state.failures >= system.breaker_threshold
                              and now < state.opened_at + timedelta(seconds=system.breaker_reset)),
        )
        if check_health and system.adapter is not None:
            row.health = registry.adapter(name).health()
        out.append(row)
    return out


def prune(now=None) -> int:
    """Delete recorded calls older than two days (the page reads one hour)."""
    now = now or timezone.now()
    return ConnectionCall.objects.filter(at__lt=now - KEEP_CALLS).delete()[0]


def _percentile(values, q):
    if not values:
        return None
    return values[min(len(values) - 1, int(q * len(values)))]
