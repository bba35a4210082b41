"""Keep long-running loops alive when the database connection drops (a restart, a failover,
pg_terminate_backend): close the broken connection, wait a little, reconnect on the next query, go on."""

import logging
import time

from django.db import InterfaceError, OperationalError, close_old_connections, connections

logger = logging.getLogger("motcua.resilience")

DROPPED = (OperationalError, InterfaceError)


def connection_lost(exc):
    """Whether `exc` says the connection itself went away (a restart, pg_terminate_backend, a broken socket),
    not that a query failed on a live connection (a lock or statement timeout, a missing table)."""
    if isinstance(exc, InterfaceError):
        return True
    cause = exc.__cause__ if isinstance(exc, OperationalError) else None
    if not hasattr(cause, "sqlstate"):
        return False  # not PostgreSQL: SQLite is a file and has no connection to lose
    # No SQLSTATE: psycopg lost the socket; class 08: connection exception; 57P0x: the server shut the session.
    return cause.sqlstate is None or cause.sqlstate.startswith(("08", "57P"))


def recover(exc, *, attempt):
    """Forget every connection of this thread after `exc`, then back off (0.5 s, 1 s, 2 s ... at most 30 s)."""
    logger.warning("database connection lost (%s); reconnecting, attempt %d", exc.__class__.__name__, attempt)
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except DROPPED:
            conn.connection = None  # the socket is gone already; Django opens a new one on the next query
    time.sleep(min(0.5 * 2 ** (attempt - 1), 30))


def keep_going(step, *, interval, stop=lambda: False):
    """Call `step()` every `interval` seconds until `stop()` is true, surviving dropped connections."""
    failures = 0
    while not stop():
        try:
            step()
            failures = 0
        except DROPPED as exc:
            failures += 1
            recover(exc, attempt=failures)
            continue
        close_old_connections()
        time.sleep(interval)
