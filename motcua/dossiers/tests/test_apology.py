"""The apology with a new date (Mẫu 04, Decree 61 Art.19.9): once, at least one working day before the due date."""

from datetime import datetime

import pytest

from motcua.dossiers import services
from motcua.dossiers.errors import RuleViolation
from motcua.dossiers.models import Apology

from .base import HCM, accepted_dossier

FRI = datetime(2026, 12, 4, 10, 0, tzinfo=HCM)
NEW_DUE = datetime(2026, 12, 15, 16, 0, tzinfo=HCM)


def test_apology_sets_the_new_date_once(world, version):
    dossier = accepted_dossier(version, world)  # due Tuesday 08/12 09:00
    old_due = dossier.due_at
    dossier = services.apologise(dossier, actor=world.lan, at=FRI, reason="Chờ kết quả xác minh", new_due_at=NEW_DUE)
    assert dossier.due_at == NEW_DUE and dossier.original_due_at == old_due
    apology = Apology.objects.get(dossier=dossier)
    assert (apology.old_due_at, apology.new_due_at) == (old_due, NEW_DUE)
    event = dossier.events.order_by("-seq").first()
    assert event.kind == "apology" and event.from_status == event.to_status == "accepted"
    with pytest.raises(RuleViolation, match="một lần"):
        services.apologise(dossier, actor=world.lan, at=FRI, reason="Lần nữa",
                           new_due_at=datetime(2026, 12, 22, 16, 0, tzinfo=HCM))
    assert Apology.objects.count() == 1


@pytest.mark.parametrize(
    ("at", "ok"),
    [
        (datetime(2026, 12, 7, 9, 0, tzinfo=HCM), True),  # exactly one working day before Tuesday 09:00
        (datetime(2026, 12, 7, 9, 1, tzinfo=HCM), False),  # a minute too late
        (datetime(2026, 12, 8, 8, 0, tzinfo=HCM), False),  # on the due day
    ],
)
def test_apology_must_come_one_working_day_before(world, version, at, ok):
    dossier = accepted_dossier(version, world)
    if ok:
        services.apologise(dossier, actor=world.lan, at=at, reason="Chờ xác minh", new_due_at=NEW_DUE)
    else:
        with pytest.raises(RuleViolation, match="01 ngày làm việc"):
            services.apologise(dossier, actor=world.lan, at=at, reason="Chờ xác minh", new_due_at=NEW_DUE)


def test_the_new_date_must_be_later(world, version):
    dossier = accepted_dossier(version, world)
    with pytest.raises(Exception, match="phải sau"):
        services.apologise(dossier, actor=world.lan, at=FRI, reason="x", new_due_at=dossier.due_at)


@pytest.mark.parametrize("new_due", [
    datetime(2026, 12, 13, 10, 0, tzinfo=HCM),  # Sunday 13/12/2026
    datetime(2026, 12, 14, 20, 0, tzinfo=HCM),  # Monday evening, after office hours
    datetime(2026, 12, 14, 12, 30, tzinfo=HCM),  # Monday, the lunch break
])
def test_the_new_date_must_be_in_working_time(world, version, new_due):
    from motcua.dossiers.errors import InvalidDossier

    dossier = accepted_dossier(version, world)
    with pytest.raises(InvalidDossier, match="giờ làm việc"):
        services.apologise(dossier, actor=world.lan, at=FRI, reason="Chờ xác minh", new_due_at=new_due)
    assert not Apology.objects.exists()
