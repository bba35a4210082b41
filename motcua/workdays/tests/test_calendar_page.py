import pytest
from django.urls import reverse

from motcua.workdays.services import year_overview

pytestmark = pytest.mark.django_db


def test_overview_lists_each_change_with_its_basis():
    changes = {c["date"].isoformat(): c for c in year_overview(2026)["changes"]}
    assert changes["2026-01-02"]["basis"] == "Công văn 12729/VPCP-KGVX"
    assert changes["2026-01-10"]["kind"] == "make_up"
    assert changes["2026-04-27"]["kind"] == "compensation" and "Điều 111" in changes["2026-04-27"]["basis"]
    assert changes["2026-02-17"]["kind"] == "day_off"
    assert changes["2026-11-24"]["kind"] == "not_observed"


def test_overview_counts_working_days():
    # 261 weekdays in 2026, minus 12 weekday days off (01/01, 02/01, 16–20/02, 27/04, 30/04, 01/05, 31/08,
    # 01/09, 02/09 = 13) plus the make-up Saturdays 10/01 and 22/08.
    assert year_overview(2026)["working_days"] == 261 - 13 + 2


def test_calendar_page_shows_the_year(client):
    response = client.get(reverse("portal:calendar"), {"nam": 2026})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Lịch làm việc năm 2026" in body
    assert "10/01/2026" in body and "Công văn 12729/VPCP-KGVX" in body
    assert "Ngày Văn hóa Việt Nam" in body


def test_calendar_page_refuses_a_year_without_data(client):
    assert client.get(reverse("portal:calendar"), {"nam": 2040}).status_code == 404
    assert client.get(reverse("portal:calendar"), {"nam": "abc"}).status_code == 404
