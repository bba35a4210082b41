"""The circuit breaker, kept in the database (ConnectionState) so that all workers share it.

Closed: calls go through. After `threshold` consecutive failures it opens: calls fail at once with
Unavailable, without touching the network, for `reset_after` seconds. Then it is half-open: the next call goes
through as a probe; a success closes it, a failure opens it again for another `reset_after`.
"""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from .models import ConnectionState


def state_of(system: str) -> ConnectionState:
    state, _created = ConnectionState.objects.get_or_create(system=system)
    return state


def is_open(system: str, *, threshold: int, reset_after: float, now=None) -> bool:
    """True while calls to `system` must not be tried (open and not yet due for a probe)."""
    now = now or timezone.now()
    state = ConnectionState.objects.filter(system=system).values("failures", "opened_at").first()
    if not state or state["failures"] < threshold or state["opened_at"] is None:
        return False
    return now < state["opened_at"] + timedelta(seconds=reset_after)


def retry_in(system: str, *, reset_after: float, now=None) -> float:
    """Seconds until an open breaker lets a probe through (0 when closed or already due)."""
    now = now or timezone.now()
    opened = ConnectionState.objects.filter(system=system).values_list("opened_at", flat=True).first()
    if opened is None:
        return 0.0
    return max(0.0, (opened + timedelta(seconds=reset_after) - now).total_seconds())


def success(system: str, *, now=None):
    now = now or timezone.now()
    updated = ConnectionState.objects.filter(system=system).update(failures=0, opened_at=None, last_success_at=now)
    if not updated:
        ConnectionState.objects.get_or_create(system=system, defaults={"last_success_at": now})


def failure(system: str, error: str, *, threshold: int, now=None):
    """Count a failure; (re)open the breaker when the count reaches `threshold`."""
    now = now or timezone.now()
    state_of(system)
    ConnectionState.objects.filter(system=system).update(
        failures=F("failures") + 1, last_failure_at=now, last_error=error[:255])
    ConnectionState.objects.filter(system=system, failures__gte=threshold).update(opened_at=now)
