"""A citizen without an account hands in the requested papers from the tracking page, once."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.urls import reverse

from motcua.dossiers.models import DossierEvent
from motcua.dossiers.services import assign_handler, request_supplement
from tests.world import build_world

from .test_dossier_pages import accepted, pdf

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db
ITEMS = ["Giấy chứng sinh rõ nét", "Văn bản ủy quyền có chứng thực"]


@pytest.fixture
def asked():
    cache.clear()
    w = build_world()
    d = accepted(w)
    at = datetime(2026, 11, 27, 10, 0, tzinfo=HCM)
    d = assign_handler(d, actor=w.minh, handler=w.binh, at=at)
    d = request_supplement(d, actor=w.binh, at=at, reason="Bản chụp mờ", items=ITEMS)
    yield d
    cache.clear()


def supply(client, d, files, secret="5678"):
    data = {"ma": d.code, "so": secret} | {f"tep_{i}": f for i, f in enumerate(files, 1)}
    return client.post(reverse("portal:track_supply"), data)


def test_tracking_offers_one_upload_per_requested_paper(client, asked):
    body = client.post(reverse("portal:track"), {"ma": asked.code, "so": "5678"}).content.decode()
    assert body.count('type="file"') == 2 and all(item in body for item in ITEMS)


def test_the_papers_go_in_once_and_the_dossier_goes_on(client, asked):
    response = supply(client, asked, [pdf("a.pdf"), pdf("b.pdf")])
    assert response.status_code == 200 and "Đã nộp bổ sung" in response.content.decode()
    asked.refresh_from_db()
    assert asked.status == "processing"
    assert sorted(asked.components.filter(supplement__isnull=False).values_list("name", flat=True)) == sorted(ITEMS)
    event = DossierEvent.objects.filter(dossier=asked, kind="supplemented").get()
    assert event.actor is None and event.data["via"] == "tracking"
    again = supply(client, asked, [pdf("a.pdf"), pdf("b.pdf")])
    assert again.status_code == 409 and asked.components.filter(supplement__isnull=False).count() == 2


def test_a_missing_paper_is_refused_and_nothing_is_kept(client, asked):
    response = supply(client, asked, [pdf("a.pdf")])
    assert response.status_code == 400 and "đúng và đủ" in response.content.decode()
    asked.refresh_from_db()
    assert asked.status == "supplement_requested" and not asked.components.filter(supplement__isnull=False).exists()


def test_wrong_digits_give_no_upload(client, asked):
    assert supply(client, asked, [pdf("a.pdf"), pdf("b.pdf")], secret="0000").status_code == 404
    asked.refresh_from_db()
    assert asked.status == "supplement_requested"
