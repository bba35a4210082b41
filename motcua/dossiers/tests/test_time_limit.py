"""When the catalogue states no time limit the calendar can count (a number without a unit, free text, none),
the receiving officer sets one in working days at acceptance; otherwise the catalogue's limit stands."""

from datetime import timedelta

import pytest

from motcua.catalogue.models import Channel
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidDossier

from .base import T0, applicant, submit_online


def without_unit(version):
    """As 244 imported procedures are: '7' with no unit."""
    Channel.objects.filter(version=version).update(duration_value=7, duration_unit="", duration_text="7")


def counter(version, world, **kwargs):
    return services.submit_dossier(version, channel="direct", applicant=applicant(), components=[], at=T0,
                                   actor=world.lan, agency=world.centre, **kwargs)


def test_the_officer_sets_the_limit_when_the_catalogue_gives_no_unit(world, version):
    without_unit(version)
    assert services.needs_time_limit(services.channel_for(version, "direct"))
    dossier = counter(version, world, time_limit_days=5)
    # 5 working days from Tuesday 01/12/2026 09:00: Tuesday 08/12/2026 09:00.
    assert dossier.due_at == T0 + timedelta(days=7)
    assert dossier.duration_unit == "working_days" and "do nơi tiếp nhận hẹn" in dossier.duration_text


def test_without_a_limit_from_anyone_the_dossier_has_no_due_date(world, version):
    without_unit(version)
    assert counter(version, world).due_at is None


def test_the_catalogue_limit_cannot_be_overridden(world, version):
    assert not services.needs_time_limit(services.channel_for(version, "direct"))
    with pytest.raises(InvalidDossier, match="đã quy định thời hạn"):
        counter(version, world, time_limit_days=2)


def test_the_limit_must_be_plausible_and_set_at_acceptance(world, version):
    without_unit(version)
    with pytest.raises(InvalidDossier, match="từ 1 đến 365"):
        counter(version, world, time_limit_days=0)
    dossier = submit_online(version, world)
    with pytest.raises(InvalidDossier, match="khi tiếp nhận"):
        services.submit_dossier(version, channel="online", applicant=applicant(), components=[], at=T0,
                                time_limit_days=3)
    accepted = services.accept_dossier(dossier, actor=world.lan, at=T0, time_limit_days=3)
    assert accepted.due_at == T0 + timedelta(days=3)
