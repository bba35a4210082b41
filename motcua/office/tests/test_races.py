"""Calling next from many counters at once never calls one ticket twice (each counter in its own thread and
database connection, as separate worker processes would be)."""

import threading
from collections import Counter as Tally

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from motcua.office import queue
from motcua.office.models import Counter, Ticket, TicketEvent

# On PostgreSQL the counters really race (SELECT … FOR UPDATE SKIP LOCKED). SQLite serialises writing
# transactions itself, but its in-memory shared-cache test database reports "table is locked" to a waiting
# thread instead of waiting, so there the property cannot be exercised; CI runs this file on PostgreSQL.
pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.skipif("connection.vendor != 'postgresql'", reason="needs PostgreSQL row locks")]


def test_concurrent_counters_call_each_ticket_once(office):
    now = timezone.now()
    for _ in range(30):
        queue.issue_ticket(office.base.centre, at=now)
    counters = office.counters + [Counter.objects.create(agency=office.base.centre, number=n) for n in (4, 5, 6)]
    errors = []

    def work(counter):
        try:
            while queue.call_next(counter, actor=office.base.lan, at=timezone.now()) is not None:
                pass
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=work, args=(c,)) for c in counters]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    calls = Tally(TicketEvent.objects.filter(kind="called").values_list("ticket_id", flat=True))
    assert len(calls) == 30 and set(calls.values()) == {1}
    assert not Ticket.objects.filter(status=Ticket.Status.WAITING).exists()
