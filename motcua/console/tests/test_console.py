from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from motcua.dossiers.models import Dossier
from motcua.dossiers.services import Applicant, ComponentInput, submit_dossier
from tests.world import PASSWORD, build_world

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return build_world()


def online(w, name="Nguyễn Thị Ngọc Ánh", phone="0912345678", at=None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    scan = SimpleUploadedFile("chung-sinh.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    return submit_dossier(w.version, channel="online", at=at or datetime(2026, 11, 27, 8, 0, tzinfo=HCM),
                          applicant=Applicant(name=name, phone=phone),
                          components=[ComponentInput(component=w.version.components.first(), files=[scan])])


def counter(w, name, at):
    return submit_dossier(w.version, channel="direct", actor=w.lan, agency=w.centre, at=at,
                          applicant=Applicant(name=name, phone="0900000000"),
                          components=[ComponentInput(component=w.version.components.first())])


def signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_sign_in_sends_staff_to_the_console(client, w):
    response = client.post(reverse("portal:login"), {"username": "lan", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("console:home")


def test_inbox_puts_overdue_first_then_due_soon_then_waiting(client, w):
    now = datetime.now(HCM)
    late = counter(w, "Người quá hạn", now - timedelta(days=10))
    fresh = counter(w, "Người trong hạn", now)
    waiting = online(w, "Người chờ tiếp nhận", at=now)
    # Fresh counter dossiers go to Sở Tư pháp; move them back to the centre's inbox for the ordering check.
    Dossier.objects.filter(pk__in=[late.pk, fresh.pk]).update(holder_agency=w.centre)
    Dossier.objects.filter(pk=fresh.pk).update(due_at=now + timedelta(days=20))
    page = signed_in(client, w.lan).get(reverse("console:home"))
    body = page.content.decode()
    assert page.status_code == 200
    assert body.index(late.code) < body.index(waiting.reference) < body.index(fresh.code)
    assert "Quá hạn" in body


def test_inbox_search_finds_by_phone_and_name(client, w):
    d = online(w, phone="0987000111")
    c = signed_in(client, w.lan)
    assert d.reference in c.post(reverse("console:home"), {"q": "0987 000 111"}).content.decode()
    assert d.reference in c.post(reverse("console:home"), {"q": "+84987000111"}).content.decode()
    assert d.reference not in c.post(reverse("console:home"), {"q": "0987000112"}).content.decode()
    assert d.reference in c.get(reverse("console:home"), {"q": "Ngọc Ánh"}).content.decode()
    # A phone number in the address searches nothing personal: the form posts it.
    assert d.reference not in c.get(reverse("console:home"), {"q": "0987000111"}).content.decode()
    assert 'method="post" role="search"' in c.get(reverse("console:home")).content.decode()


def test_it_refuses_staff_of_other_unit(client, w):
    d = online(w)
    c = signed_in(client, w.hung)
    assert c.get(reverse("console:dossier", args=[d.reference])).status_code == 404
    response = c.post(reverse("console:action", args=[d.reference, "accept"]))
    assert response.status_code == 404
    assert Dossier.objects.get(pk=d.pk).status == "submitted"
    assert d.reference not in c.get(reverse("console:home")).content.decode()


def test_citizen_cannot_open_the_console(client, w):
    assert signed_in(client, w.anh).get(reverse("console:home")).status_code == 403


def test_officer_accepts_an_online_dossier_and_prints_the_slip(client, w):
    d = online(w)
    c = signed_in(client, w.lan)
    page = c.get(reverse("console:dossier", args=[d.reference]))
    assert 'id="thao-tac-accept"' in page.content.decode()
    response = c.post(reverse("console:action", args=[d.reference, "accept"]))
    d.refresh_from_db()
    assert d.status == "accepted" and d.code
    assert response["Location"] == reverse("console:dossier", args=[d.code]) + "?mau=01"
    pdf = c.get(reverse("console:form_pdf", args=[d.code, "01"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_an_illegal_move_is_refused_with_409_and_nothing_changes(client, w):
    d = online(w)
    response = signed_in(client, w.lan).post(reverse("console:action", args=[d.reference, "return_result"]),
                                             {"return_result-delivery": "counter"})
    assert response.status_code == 409
    assert "Không thể chuyển hồ sơ" in response.content.decode()
    assert Dossier.objects.get(pk=d.pk).status == "submitted"


def test_counter_intake_accepts_on_the_spot(client, w):
    c = signed_in(client, w.lan)
    url = reverse("console:intake") + "?thu_tuc=1.001193"
    form = c.get(url)
    assert form.status_code == 200
    first, second = w.version.components.all()
    response = c.post(url, {
        "idempotency_key": "quay-1", "agency": w.centre.pk, "applicant_kind": "person",
        "applicant_name": "Trần Văn Nam", "applicant_phone": "0911222333", "delivery": "counter",
        f"c{first.pk}_got": "on", f"c{first.pk}_originals": 1, f"c{first.pk}_copies": 0,
        f"c{second.pk}_originals": 1, f"c{second.pk}_copies": 0,
    })
    d = Dossier.objects.get(applicant_name="Trần Văn Nam")
    assert d.status == "accepted" and d.channel == "direct"
    assert response["Location"].endswith("?mau=01")
    assert [x.name for x in d.components.all()] == [first.name]


def test_without_a_time_limit_in_the_catalogue_the_counter_officer_sets_one(client, w):
    from motcua.catalogue.models import Channel

    Channel.objects.filter(version=w.version).update(duration_value=7, duration_unit="", duration_text="7")
    c = signed_in(client, w.lan)
    url = reverse("console:intake") + "?thu_tuc=1.001193"
    assert "Hẹn trả sau (số ngày làm việc)" in c.get(url).content.decode()
    first, second = w.version.components.all()
    fields = {"idempotency_key": "quay-2", "agency": w.centre.pk, "applicant_kind": "person",
              "applicant_name": "Lê Thị Hoa", "applicant_phone": "0911222333", "delivery": "counter",
              f"c{first.pk}_got": "on", f"c{first.pk}_originals": 1, f"c{first.pk}_copies": 0,
              f"c{second.pk}_originals": 1, f"c{second.pk}_copies": 0}
    assert c.post(url, fields).status_code == 400  # the officer must give the working days
    assert not Dossier.objects.filter(applicant_name="Lê Thị Hoa").exists()
    c.post(url, fields | {"time_limit_days": 3})
    d = Dossier.objects.get(applicant_name="Lê Thị Hoa")
    assert d.due_at is not None and d.duration_text.startswith("3 ngày làm việc")
    d2 = online(w, name="Phạm Văn Đức")
    assert 'name="accept-time_limit_days"' in c.get(reverse("console:dossier", args=[d2.reference])).content.decode()
    c.post(reverse("console:action", args=[d2.reference, "accept"]), {"accept-time_limit_days": 4})
    assert Dossier.objects.get(pk=d2.pk).duration_text.startswith("4 ngày làm việc")


def test_staff_can_download_a_file_of_their_dossier_only(client, w):
    d = online(w)
    stored = d.components.first().files.first()
    url = reverse("console:file", args=[d.reference, stored.pk])
    assert signed_in(client, w.lan).get(url).status_code == 200
    client.logout()
    assert signed_in(client, w.hung).get(url).status_code == 404


def test_inbox_marks_a_dossier_due_within_a_working_day(client, w):
    now = datetime.now(HCM)
    soon = counter(w, "Người sắp đến hạn", now)
    Dossier.objects.filter(pk=soon.pk).update(holder_agency=w.centre, due_at=now + timedelta(hours=2))
    body = signed_in(client, w.lan).get(reverse("console:home")).content.decode()
    assert 'class="u-due_soon"' in body and "Đến hạn trong 1 ngày làm việc" in body
