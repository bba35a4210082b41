"""Dossier codes: AGENCYCODE-YYMMDD-NNNN, a daily sequence per agency, unique under concurrent intake.

The race test needs real row locks, so it exists only when the suite runs on PostgreSQL (CI runs the suite on
SQLite and on PostgreSQL); it is not skipped elsewhere, it is simply not defined.
"""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection

from motcua.dossiers import codes, services
from motcua.dossiers.models import CodeCounter, Dossier
from tests.world import build_world

from .base import T0, applicant, make_version

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def test_sequence_is_daily_and_per_agency(world):
    assert codes.next_code(world.centre, T0) == "T01-TTPVHCC-261201-0001"
    assert codes.next_code(world.centre, T0) == "T01-TTPVHCC-261201-0002"
    assert codes.next_code(world.ward, T0) == "T01-X00004-261201-0001"
    assert codes.next_code(world.centre, T0 + timedelta(days=1)) == "T01-TTPVHCC-261202-0001"
    # 23:30 UTC on 01/12 is already 02/12 in Hanoi.
    assert codes.next_code(world.centre, T0 + timedelta(hours=15)) == "T01-TTPVHCC-261202-0002"


def test_the_generator_is_pluggable(world, settings):
    settings.MOTCUA_DOSSIER_CODE_GENERATOR = "motcua.dossiers.tests.test_codes.fixed_code"
    assert codes.next_code(world.centre, T0) == "X-T01-TTPVHCC"


def fixed_code(agency, received_at):
    return f"X-{agency.code}"


def race(count, work):
    """Run `work(i)` for i in range(count) in threads that start together; return what they raised."""
    start = threading.Barrier(count)
    errors = []

    def run(i):
        try:
            start.wait(timeout=30)
            work(i)
        except Exception as exc:  # collected and asserted by the caller
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors


if ON_POSTGRES:

    @pytest.mark.postgres
    @pytest.mark.django_db(transaction=True)
    def test_fifty_racing_intakes_get_fifty_distinct_codes():
        world = build_world()
        version = make_version(world.centre)

        def intake(i):
            services.submit_dossier(version, channel="direct", applicant=applicant(name=f"Người nộp {i}"),
                                    at=T0, actor=world.lan, agency=world.centre, components=[])

        assert race(50, intake) == []
        found = sorted(Dossier.objects.values_list("code", flat=True))
        assert found == [f"T01-TTPVHCC-261201-{n:04d}" for n in range(1, 51)]
        assert CodeCounter.objects.get(prefix="T01-TTPVHCC-261201").last == 50

    @pytest.mark.postgres
    @pytest.mark.django_db(transaction=True)
    def test_racing_retries_with_one_key_make_one_dossier():
        world = build_world()
        version = make_version(world.centre)
        got = []

        def retry(_):
            got.append(services.submit_dossier(version, channel="online", applicant=applicant(), at=T0,
                                               components=[services.ComponentInput(
                                                   component=version.components.get(order=1),
                                                   from_data_store=True)],
                                               idempotency_key="same-key").pk)

        errors = race(10, retry)
        assert errors == [] and len(set(got)) == 1 and Dossier.objects.count() == 1
