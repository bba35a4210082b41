from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from motcua.dossiers import fees
from motcua.dossiers.models import Channel
from motcua.dossiers.services import Applicant, ComponentInput
from motcua.lib.errors import DomainError
from motcua.office import home_visits
from motcua.office.models import HomeVisit

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _request(office, **kw):
    data = dict(requester="relative", requester_name="Nguyễn Văn Con", requester_phone="0912 000 111",
                person_name="Nguyễn Thị Mẹ", address="Thôn 3, xã Hoài Đức", procedure=office.base.procedure,
                reason="age", at=timezone.now())
    data.update(kw)
    return home_visits.request_visit(office.hoai_duc, **data)


def test_a_visit_files_an_assisted_online_dossier_and_is_reported(office):
    visit = _request(office)
    now = timezone.now()
    with pytest.raises(DomainError, match="phân công"):
        home_visits.file_online(visit, office.base.version, applicant=Applicant(name="x", phone="0912000111"),
                                components=[], actor=office.thu, at=now)
    home_visits.assign(visit, office.team, now + timedelta(hours=2), actor=office.thu, at=now)
    component = office.base.version.components.get(order=1)
    dossier = home_visits.file_online(
        visit, office.base.version, applicant=Applicant(name="Nguyễn Thị Mẹ", phone="0912000111"),
        components=[ComponentInput(component=component, files=[SimpleUploadedFile("giay-chung-sinh.pdf", PDF)])],
        actor=office.thu, at=now + timedelta(hours=2), agency=office.hoai_duc)
    assert dossier.channel == Channel.ONLINE and dossier.assisted_by == office.thu
    home_visits.close_visit(visit, rating=5, note="Cán bộ nhiệt tình", actor=office.thu, at=now + timedelta(hours=3))
    visit.refresh_from_db()
    assert visit.status == HomeVisit.Status.VISITED and list(visit.dossiers.all()) == [dossier]
    assert [h["kind"] for h in visit.history] == ["requested", "scheduled", "filed", "visited"]
    report = home_visits.report(HomeVisit.objects.all())
    assert (report["requests"], report["visits"], report["dossiers"], report["rating_mean"]) == (1, 1, 1, 5)
    assert report["hours_median"] == pytest.approx(2, abs=0.01)


def test_requests_need_the_facts_and_a_hotline_officer_of_the_commune(office):
    with pytest.raises(DomainError, match="địa chỉ"):
        _request(office, address=" ")
    with pytest.raises(DomainError):
        _request(office, requester="hotline", created_by=office.base.lan)
    assert _request(office, requester="hotline", created_by=office.thu).created_by == office.thu
    with pytest.raises(DomainError, match="UBND xã"):
        home_visits.request_visit(office.base.centre, requester="citizen", requester_name="A",
                                  requester_phone="0912000111", person_name="A", address="B", reason="age",
                                  procedure=office.base.procedure, at=timezone.now())


def test_an_assisted_online_filing_keeps_the_online_waiver_as_the_rule_says():
    item = SimpleNamespace(amount=50_000, description="Lệ phí", kind="le_phi", set_by="hdnd", appraisal=False)
    on = date(2026, 12, 7)
    line = fees.price_item(item, province_code="1", channel="online", on=on, assisted=True)
    assert line.payable == 0 and line.waived == 50_000 and fees.NQ77 in line.legal_basis
    assert "cán bộ hỗ trợ" in line.waiver_reason
    no = fees.AssistedRule(keeps_online_waiver=False, reason="", legal_basis="")
    line = fees.price_item(item, province_code="1", channel="online", on=on, assisted=True, assisted_rule=no)
    assert line.payable == 50_000 and line.waived == 0
