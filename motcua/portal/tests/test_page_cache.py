"""Citizen pages served from the shared page cache: an edit shows at once, and nothing personal is kept."""

import datetime

import pytest

from motcua.catalogue.services import create_version, link_agencies
from motcua.catalogue.tests.samples import make_catalogue
from motcua.units.models import Agency, Province

pytestmark = pytest.mark.django_db

CODE = "1.001193"


@pytest.fixture
def catalogue():
    return make_catalogue()


def _new_version(name):
    create_version(CODE, {"name": name, "level": "Cấp xã"})


def test_procedure_page_shows_a_new_version_at_once(client, catalogue):
    assert "Thủ tục đăng ký khai sinh" in client.get(f"/thu-tuc/{CODE}/").content.decode()
    _new_version("Đăng ký khai sinh (bản sửa)")
    html = client.get(f"/thu-tuc/{CODE}/").content.decode()
    assert "Đăng ký khai sinh (bản sửa)" in html


def test_procedure_page_shows_a_new_agency_link_at_once(client, catalogue):
    hanoi = Province.objects.create(code="1", name="Thành phố Hà Nội", short_name="Hà Nội")
    agency = Agency.objects.create(code="T01-X4", name="UBND phường Ba Đình", kind="ubnd_xa", province=hanoi)
    assert agency.name not in client.get(f"/thu-tuc/{CODE}/").content.decode()
    link_agencies([CODE], [agency])
    assert agency.name in client.get(f"/thu-tuc/{CODE}/").content.decode()
    Agency.objects.filter(pk=agency.pk).update(name="UBND phường Ba Đình (đổi tên)")
    assert "UBND phường Ba Đình (đổi tên)" in client.get(f"/thu-tuc/{CODE}/").content.decode()


def test_procedure_page_keeps_the_csrf_form_per_visitor_and_is_not_public(client, catalogue):
    first = client.get(f"/thu-tuc/{CODE}/")
    other = type(client)().get(f"/thu-tuc/{CODE}/")
    token = 'name="csrfmiddlewaretoken" value="'
    a, b = (r.content.decode().split(token)[1].split('"')[0] for r in (first, other))
    assert a != b  # the assistant widget's token is rendered for each visitor, never cached
    assert "public" not in first.get("Cache-Control", "")


def test_print_view_is_public_revalidates_and_changes_with_the_version(client, catalogue):
    first = client.get(f"/thu-tuc/{CODE}/in/")
    assert first.status_code == 200 and "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    assert "csrfmiddlewaretoken" not in first.content.decode()
    again = client.get(f"/thu-tuc/{CODE}/in/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    _new_version("Đăng ký khai sinh (bản in mới)")
    changed = client.get(f"/thu-tuc/{CODE}/in/", headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert "Đăng ký khai sinh (bản in mới)" in changed.content.decode()


def test_api_detail_is_public_and_changes_with_the_version(client, catalogue):
    first = client.get(f"/api/procedures/{CODE}")
    assert first.status_code == 200 and first.json()["name"] == "Thủ tục đăng ký khai sinh"
    assert "public" in first["Cache-Control"] and first["Content-Type"].startswith("application/json")
    assert client.get(f"/api/procedures/{CODE}", headers={"If-None-Match": first["ETag"]}).status_code == 304
    _new_version("Đăng ký khai sinh (API)")
    changed = client.get(f"/api/procedures/{CODE}", headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed.json()["name"] == "Đăng ký khai sinh (API)"
    assert client.get("/api/procedures/0.000000").status_code == 404


def test_calendar_shows_an_override_at_once_and_is_public_only_for_anonymous_readers(client, django_user_model):
    from motcua.workdays.models import CalendarOverride

    year = datetime.date.today().year
    first = client.get("/lich-lam-viec/", {"nam": year})
    assert first.status_code == 200 and "public" in first["Cache-Control"] and "Cookie" in first["Vary"]
    assert client.get("/lich-lam-viec/", {"nam": year}, headers={"If-None-Match": first["ETag"]}).status_code == 304
    CalendarOverride.objects.create(date=datetime.date(year, 9, 5), kind="day_off", reason="Nghỉ thử nghiệm bộ đệm",
                                    legal_document="Văn bản thử nghiệm")
    changed = client.get("/lich-lam-viec/", {"nam": year})
    assert "Nghỉ thử nghiệm bộ đệm" in changed.content.decode() and changed["ETag"] != first["ETag"]

    user = django_user_model.objects.create_user("cache-reader", password="x")
    client.force_login(user)
    personal = client.get("/lich-lam-viec/", {"nam": year})
    assert "public" not in personal.get("Cache-Control", "") and "ETag" not in personal
    assert "Hồ sơ của tôi" in personal.content.decode()
