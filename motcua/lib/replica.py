"""Reads from a PostgreSQL streaming replica, when one is configured (docs/scaling.md).

`DATABASES["replica"]` comes from DATABASE_REPLICA_URL. Without it the alias names the primary itself and
`settings.MOTCUA_REPLICA` is off: nothing is routed and everything reads and writes the default database.

With a replica, a request reads from it only when `ops.replica_reads` says so (public reads and dashboards) and
the replica is healthy: reachable and no more than MAX_LAG seconds behind. Its health is probed at most every
CHECK_EVERY seconds by one process of the whole deployment and remembered in the shared cache (Redis), so a
stopped replica is noticed once, not per worker. Writes always go to the primary, and so do the tables that must
be read fresh (sessions, accounts, memberships and delegations, sign-in throttling, rate limits, the task queue).
"""

import contextlib
import contextvars
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

from .resilience import DROPPED

logger = logging.getLogger(__name__)

ALIAS = "replica"
MAX_LAG = 5  # seconds of replay lag beyond which public pages go back to the primary
CHECK_EVERY = 5  # seconds between two probes of the replica (for the whole deployment)
# A client that has just written reads from the primary for this long (ops.replica_reads sets a signed cookie):
# the replica may be up to MAX_LAG behind, measured up to CHECK_EVERY seconds ago.
READ_YOUR_WRITES = MAX_LAG + CHECK_EVERY
PRIMARY_ONLY_APPS = {"sessions", "auth", "axes", "limits", "identity", "django_tasks_db", "admin"}
# Who may see what is read fresh too: a revoked membership or delegation takes effect on the next request.
PRIMARY_ONLY_MODELS = {"units.membership", "units.delegation"}

STATE_KEY = "replica:state"
PROBE_LOCK_KEY = "replica:probing"

_reading = contextvars.ContextVar("motcua_replica_reads", default=False)
_pinned = contextvars.ContextVar("motcua_primary_pinned", default=False)


def configured() -> bool:
    return bool(getattr(settings, "MOTCUA_REPLICA", False))


@contextlib.contextmanager
def reads_from_replica(wanted=True):
    """Inside this block, reads go to the replica when it is configured and healthy."""
    token = _reading.set(bool(wanted) and configured() and healthy())
    try:
        yield
    finally:
        _reading.reset(token)


def use_replica():
    """From here to the end of the enclosing `reads_from_replica()` block, read from the replica if healthy."""
    if configured() and not _pinned.get() and healthy():
        _reading.set(True)


@contextlib.contextmanager
def on_primary():
    """Inside this block every read goes to the primary, whatever a view's place: e.g. building a page that will
    be cached under a version key just bumped by a write, which a lagging replica may not have seen yet."""
    pinned, reading = _pinned.set(True), _reading.set(False)
    try:
        yield
    finally:
        _reading.reset(reading)
        _pinned.reset(pinned)


def reading_from_replica() -> bool:
    return _reading.get()


def give_up_replica():
    """The replica failed under a request: reads of this request go to the primary, and every process is told."""
    _reading.set(False)
    _remember(ok=False, lag=None, reason="a query failed")


def healthy() -> bool:
    state = cache.get(STATE_KEY)
    if state is None or time.time() - state["at"] >= CHECK_EVERY:
        # One process of the deployment probes; the others keep the last answer (or assume the primary).
        if state is None or cache.add(PROBE_LOCK_KEY, 1, CHECK_EVERY):
            state = probe()
    return state["ok"]


def probe() -> dict:
    """Ask the replica how far behind it is; remember the answer in the shared cache."""
    try:
        with connections[ALIAS].cursor() as cursor:
            # No lag when everything received has been replayed (an idle primary sends nothing new).
            cursor.execute("SELECT pg_is_in_recovery(), CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()"
                           " THEN 0 ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END")
            in_recovery, lag = cursor.fetchone()
    except DROPPED as exc:
        with contextlib.suppress(*DROPPED):
            connections[ALIAS].close()
        return _remember(ok=False, lag=None, reason=exc.__class__.__name__)
    lag = float(lag or 0)
    return _remember(ok=bool(in_recovery) and lag <= MAX_LAG, lag=lag,
                     reason="" if in_recovery else "not a standby")


def _remember(*, ok, lag, reason) -> dict:
    state = {"ok": ok, "lag": lag, "reason": reason, "at": time.time()}
    previous = cache.get(STATE_KEY)
    if previous is None or previous["ok"] != ok:
        logger.warning("read replica %s (lag %s s) %s", "in use" if ok else "left aside", lag, reason)
    cache.set(STATE_KEY, state, 10 * CHECK_EVERY)
    return state


class ReplicaRouter:
    """Reads go to the replica inside `reads_from_replica()`; everything else to the primary."""

    def db_for_read(self, model, **hints):
        if (_reading.get() and model._meta.app_label not in PRIMARY_ONLY_APPS
                and model._meta.label_lower not in PRIMARY_ONLY_MODELS):
            return ALIAS
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # both aliases hold the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != ALIAS  # a physical replica follows the primary's schema by itself
