"""Supplement requests (Mẫu 02, Decree 61 Art.19.4): once, within 3 working days, then the clock restarts."""

from datetime import datetime, timedelta

import pytest

from motcua.dossiers import services
from motcua.dossiers.errors import RuleViolation
from motcua.dossiers.workflow import Status

from .base import HCM, T0, accepted_dossier, make_version, pdf, submit_online

WED = T0 + timedelta(days=1)  # Wednesday 02/12/2026 09:00
THU_14 = datetime(2026, 12, 3, 14, 0, tzinfo=HCM)


def papers(version):
    return [services.ComponentInput(name="Bản sao giấy khai sinh", files=[pdf("khai-sinh.pdf")])]


def in_appraisal(version, world):
    dossier = accepted_dossier(version, world)
    return services.assign_handler(dossier, actor=world.quang, handler=world.lan, at=T0)


def test_supplement_restarts_the_clock_from_completion(world, version):
    dossier = in_appraisal(version, world)
    dossier = services.request_supplement(dossier, actor=world.lan, at=WED, reason="Thiếu bản sao giấy khai sinh",
                                          items=["Bản sao giấy khai sinh"])
    assert dossier.status == Status.SUPPLEMENT_REQUESTED and dossier.supplement_count == 1
    dossier = services.supplement_dossier(dossier, actor=world.chi, at=THU_14, components=papers(version))
    # Full 5 working days again from Thursday 03/12 14:00.
    assert dossier.status == Status.PROCESSING
    assert dossier.due_at == datetime(2026, 12, 10, 14, 0, tzinfo=HCM)
    assert dossier.original_due_at == datetime(2026, 12, 8, 9, 0, tzinfo=HCM)
    request = dossier.supplements.get()
    assert request.due_before == dossier.original_due_at and request.due_after == dossier.due_at
    assert dossier.steps.get().due_at == dossier.due_at
    assert dossier.components.count() == 2


def test_without_restart_the_clock_resumes(world):
    version = make_version(world.centre, restarts=False)
    dossier = in_appraisal(version, world)
    dossier = services.request_supplement(dossier, actor=world.lan, at=WED, reason="Thiếu bản sao")
    dossier = services.supplement_dossier(dossier, actor=world.chi, at=THU_14, components=papers(version))
    # The clock stood still Wed 09:00 → Thu 14:00 (12 office hours), so the due time moves by that much.
    assert dossier.due_at == datetime(2026, 12, 9, 14, 0, tzinfo=HCM)


def test_supplement_is_asked_only_once_during_appraisal(world, version):
    dossier = in_appraisal(version, world)
    dossier = services.request_supplement(dossier, actor=world.lan, at=WED, reason="Thiếu")
    dossier = services.supplement_dossier(dossier, actor=world.chi, at=THU_14, components=papers(version))
    with pytest.raises(RuleViolation, match="một lần"):
        services.request_supplement(dossier, actor=world.lan, at=THU_14, reason="Lại thiếu")


def test_supplement_after_three_working_days_is_refused(world, version):
    dossier = in_appraisal(version, world)
    # Accepted Tuesday 09:00; three working days end Friday 04/12 09:00.
    with pytest.raises(RuleViolation, match="03 ngày làm việc"):
        services.request_supplement(dossier, actor=world.lan, at=datetime(2026, 12, 4, 9, 1, tzinfo=HCM),
                                    reason="Thiếu")


def test_supplement_at_intake_goes_back_to_new(world, version):
    dossier = submit_online(version, world)
    dossier = services.request_supplement(dossier, actor=world.lan, at=T0, reason="Ảnh chụp mờ")
    assert dossier.supplement_count == 0  # not counted against the 766 on-time rule
    dossier = services.supplement_dossier(dossier, actor=world.chi, at=WED, components=papers(version))
    assert dossier.status == Status.SUBMITTED
    with pytest.raises(RuleViolation):
        services.request_supplement(dossier, actor=world.lan, at=WED, reason="Lại thiếu")


def test_only_the_owner_or_the_receiving_agency_supplies(world, version):
    dossier = in_appraisal(version, world)
    dossier = services.request_supplement(dossier, actor=world.lan, at=WED, reason="Thiếu")
    with pytest.raises(Exception, match="Chỉ chủ hồ sơ"):
        services.supplement_dossier(dossier, actor=world.hung, at=THU_14, components=papers(version))
