"""Every staff view of a dossier or a feedback item is recorded, and the unit's head (or delegate) reads them."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.services import accept_dossier
from motcua.feedback import services as feedback
from motcua.units import policy
from motcua.units.models import ViewRecord
from tests.world import build_world

from .test_console import HCM, online, signed_in

pytestmark = pytest.mark.django_db
PAGE = reverse("console:view_records")


@pytest.fixture
def w():
    return build_world()


@pytest.fixture
def dossier(w):
    return accept_dossier(online(w), actor=w.lan, at=datetime(2026, 11, 27, 9, 0, tzinfo=HCM))


def test_every_staff_view_is_recorded_with_page_and_membership(client, w, dossier):
    item = feedback.file_feedback(category="thu_tuc", title="Chậm", content="Hồ sơ chậm.", channel="web",
                                  at=timezone.now(), ip="192.0.2.1", agency=w.centre, phone="0912345678")
    c = signed_in(client, w.lan)
    stored = dossier.components.first().files.first()
    assert c.get(reverse("console:dossier", args=[dossier.code])).status_code == 200
    assert c.get(reverse("console:file", args=[dossier.code, stored.pk])).status_code == 200
    assert c.get(f"/api/dossiers/{dossier.code}").status_code == 200
    assert c.get(reverse("console:feedback_detail", args=[item.code])).status_code == 200
    signed_in(client, w.binh)  # staff of Sở Tư pháp, where the dossier went after acceptance
    assert client.get(reverse("console:dossier", args=[dossier.code])).status_code == 200
    signed_in(client, w.hung)  # another ward: refused, and nothing seen
    assert client.get(reverse("console:dossier", args=[dossier.code])).status_code == 404
    rows = list(ViewRecord.objects.order_by("pk").values_list("user__username", "kind", "code", "page",
                                                              "via_agency", "via_role", "agency"))
    assert rows == [
        ("lan", "dossier", dossier.code, "console.dossier", w.centre.pk, "reception", w.centre.pk),
        ("lan", "dossier", dossier.code, "console.file", w.centre.pk, "reception", w.centre.pk),
        ("lan", "dossier", dossier.code, "api.dossier", w.centre.pk, "reception", w.centre.pk),
        ("lan", "feedback", item.code, "console.feedback", w.centre.pk, "reception", w.centre.pk),
        ("binh", "dossier", dossier.code, "console.dossier", w.justice.pk, "handler", w.centre.pk),
    ]


def test_the_head_reads_and_filters_the_views_of_the_unit(client, w, dossier):
    other = accept_dossier(online(w, name="Người khác"), actor=w.lan, at=datetime(2026, 11, 27, 9, 5, tzinfo=HCM))
    signed_in(client, w.lan)
    client.get(reverse("console:dossier", args=[dossier.code]))
    signed_in(client, w.binh)
    client.get(reverse("console:dossier", args=[other.code]))
    ViewRecord.objects.filter(user=w.binh).update(at=timezone.now() - timedelta(days=3))

    signed_in(client, w.quang)  # head of the centre, which received both dossiers
    page = client.get(PAGE)
    body = page.content.decode()
    assert page.status_code == 200 and "2 lượt xem" in body
    assert "Nguyễn Thị Lan" in body and "Lê Thị Bình" in body and "Chuyên viên xử lý, Sở Tư pháp" in body
    assert "Trang hồ sơ" in body and "private" in page["Cache-Control"]
    by_officer = client.get(PAGE, {"can_bo": w.binh.pk}).content.decode()
    assert "1 lượt xem" in by_officer and other.code in by_officer and dossier.code not in by_officer
    by_code = client.get(PAGE, {"ma": dossier.code}).content.decode()
    assert "1 lượt xem" in by_code and "Nguyễn Thị Lan" in by_code
    today = timezone.localdate()
    assert "1 lượt xem" in client.get(PAGE, {"tu": today.isoformat()}).content.decode()
    two_days = (today - timedelta(days=2)).strftime("%d/%m/%Y")  # typed by hand, dd/mm/yyyy
    assert "1 lượt xem" in client.get(PAGE, {"den": two_days}).content.decode()
    wrong = client.get(PAGE, {"tu": today.isoformat(), "den": two_days})
    assert wrong.status_code == 400 and "Ngày bắt đầu phải trước" in wrong.content.decode()
    assert client.get(PAGE, {"tu": "30/02/2026"}).status_code == 400

    signed_in(client, w.minh)  # head of Sở Tư pháp: the views of its own officer, of a dossier it received not
    body = client.get(PAGE).content.decode()
    assert "1 lượt xem" in body and "Lê Thị Bình" in body and "Nguyễn Thị Lan" not in body


def test_only_heads_and_their_delegates_read_the_views(client, w, dossier):
    for user in (w.lan, w.hung, w.binh):
        response = signed_in(client, user).get(PAGE)
        assert response.status_code == 403 and "lãnh đạo đơn vị" in response.content.decode()
    client.logout()
    assert client.get(PAGE).status_code == 302  # to sign-in
    signed_in(client, w.anh)
    assert client.get(PAGE).status_code == 403
    policy.delegate(w.centre, head=w.quang, to=w.lan, power="view_records", at=timezone.now())
    assert signed_in(client, w.lan).get(PAGE).status_code == 200
