"""The events table partitioned by month on PostgreSQL (dossiers.partitions): events land in their month's
partition or the default one, a month created later takes its rows out of the default partition, and the ORM
reads them the same. On SQLite nothing is partitioned."""

from datetime import date

import pytest
from django.db import connection

from motcua.dossiers import partitions
from motcua.dossiers.models import DossierEvent

from .base import T0, accepted_dossier

ON_POSTGRES = connection.vendor == "postgresql"


def where_events_are(dossier):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT tableoid::regclass::text FROM {partitions.TABLE} WHERE dossier_id = %s",
                       [dossier.id])
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
@pytest.mark.skipif(ON_POSTGRES, reason="SQLite only")
def test_sqlite_has_no_partitions():
    assert partitions.ensure_months(today=date(2026, 12, 6)) == []


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRES, reason="declarative partitioning is PostgreSQL's")
def test_events_move_to_their_month_when_it_gets_a_partition(version, world):
    with connection.cursor() as cursor:
        assert partitions.is_partitioned(cursor)
    month = T0.date().replace(day=1)
    name = partitions.month_name(month)
    with connection.cursor() as cursor:  # the test database may have been made in T0's month: start without it
        cursor.execute(f'DROP TABLE IF EXISTS "{name}"')
    dossier = accepted_dossier(version, world)
    events = list(DossierEvent.objects.filter(dossier=dossier).values_list("id", "seq", "kind", "at"))
    assert len(events) >= 2 and where_events_are(dossier) == {partitions.DEFAULT}

    created = partitions.ensure_months(today=T0.date(), ahead=1)
    assert created[0] == name  # and the next month's, unless the test database was made in T0's month
    assert where_events_are(dossier) == {name}
    assert list(DossierEvent.objects.filter(dossier=dossier).values_list("id", "seq", "kind", "at")) == events
    assert partitions.ensure_months(today=T0.date(), ahead=1) == []  # nothing twice

    later = accepted_dossier(version, world)  # new events go straight to the month's partition
    assert where_events_are(later) == {name}
    assert later.events.order_by("seq").first().id > events[-1][0]  # one sequence for every partition
