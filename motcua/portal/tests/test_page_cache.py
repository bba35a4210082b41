"""Citizen pages served from the shared page cache: an edit shows at once, and nothing personal is kept."""

import datetime
import json

import pytest

from motcua.catalogue.models import Procedure
from motcua.catalogue.services import create_version
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


def test_procedure_page_shows_an_agency_linked_in_the_admin_at_once(client, admin_client, catalogue):
    hanoi = Province.objects.create(code="1", name="Thành phố Hà Nội", short_name="Hà Nội")
    agency = Agency.objects.create(code="T01-X4", name="UBND phường Ba Đình", kind="ubnd_xa", province=hanoi)
    first = client.get(f"/thu-tuc/{CODE}/")
    assert agency.name not in first.content.decode() and "public" in first["Cache-Control"]
    procedure = Procedure.objects.get(code=CODE)
    saved = admin_client.post(f"/quan-tri/catalogue/procedure/{procedure.pk}/change/", {"agencies": [agency.pk]})
    assert saved.status_code == 302
    second = client.get(f"/thu-tuc/{CODE}/")
    assert agency.name in second.content.decode() and second["ETag"] != first["ETag"]
    agency.name = "UBND phường Ba Đình (đổi tên)"
    agency.save()
    assert "UBND phường Ba Đình (đổi tên)" in client.get(f"/thu-tuc/{CODE}/").content.decode()


def test_procedure_page_is_the_same_for_every_visitor_and_its_widget_gets_a_token_apart(client, catalogue):
    first = client.get(f"/thu-tuc/{CODE}/")
    other = type(client)().get(f"/thu-tuc/{CODE}/")
    assert first.content == other.content and "csrfmiddlewaretoken" not in first.content.decode()
    assert not first.cookies and "public" in first["Cache-Control"] and "Cookie" in first["Vary"]
    assert 'data-token-url="/tro-ly-ao/ma-form/"' in first.content.decode()
    csrf_client = type(client)(enforce_csrf_checks=True)
    assert csrf_client.post("/tro-ly-ao/", {"question": "mất bao lâu?", "procedure": CODE}).status_code == 403
    token = csrf_client.get("/tro-ly-ao/ma-form/")
    assert "no-store" in token["Cache-Control"] and "csrftoken" in token.cookies
    answered = csrf_client.post("/tro-ly-ao/", {"question": "mất bao lâu?", "procedure": CODE,
                                                 "csrfmiddlewaretoken": token.json()["token"]}, follow=True)
    assert "Thời hạn giải quyết" in answered.content.decode()
    # Without JavaScript the widget's form is a GET: the assistant's page with the question filled in, nothing asked.
    page = client.get("/tro-ly-ao/", {"procedure": CODE, "question": "phí bao nhiêu?"}).content.decode()
    assert 'value="phí bao nhiêu?"' in page and f'name="procedure" value="{CODE}"' in page
    assert "Chưa có câu hỏi nào." in page


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


def test_home_shows_a_new_version_of_a_common_procedure_at_once(client, catalogue):
    first = client.get("/")
    assert "Thủ tục đăng ký khai sinh" in first.content.decode() and "public" in first["Cache-Control"]
    assert client.get("/", headers={"If-None-Match": first["ETag"]}).status_code == 304
    _new_version("Đăng ký khai sinh (trang chủ)")
    assert "Đăng ký khai sinh (trang chủ)" in client.get("/").content.decode()


@pytest.mark.parametrize("url", ["/thu-tuc/", "/thu-tuc/?q=khai+sinh", "/thu-tuc/?q=khai+sinh&page=1",
                                 "/api/procedures?q=khai%20sinh", "/api/procedures"])
def test_catalogue_pages_and_searches_show_a_new_version_at_once(client, catalogue, url):
    first = client.get(url)
    assert first.status_code == 200 and "Thủ tục đăng ký khai sinh" in _text(first)
    searched = "q=" in url
    assert f"max-age={60 if searched else 300}" in first["Cache-Control"] and "public" in first["Cache-Control"]
    _new_version("Đăng ký khai sinh (tìm kiếm)")
    assert "Đăng ký khai sinh (tìm kiếm)" in _text(client.get(url))


def _text(response):
    if response["Content-Type"].startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def test_a_page_is_answered_from_the_shared_cache_until_its_data_changes(client, catalogue, django_assert_num_queries):
    client.get(f"/thu-tuc/{CODE}/")
    with django_assert_num_queries(0):  # neither the view nor the session: the stored response
        again = client.get(f"/thu-tuc/{CODE}/")
    assert again.status_code == 200 and "Thủ tục đăng ký khai sinh" in again.content.decode()
    assert again["Last-Modified"] and again["X-Frame-Options"] == "DENY"
    since = client.get(f"/thu-tuc/{CODE}/", headers={"If-Modified-Since": again["Last-Modified"]})
    assert since.status_code == 304


def test_signed_in_visitors_and_sessions_never_get_or_fill_the_public_copy(client, catalogue, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    personal = client.get(f"/thu-tuc/{CODE}/")
    assert "Hồ sơ của tôi" in personal.content.decode() and "no-store" in personal["Cache-Control"]
    assert "public" not in personal["Cache-Control"]
    anonymous = type(client)().get(f"/thu-tuc/{CODE}/")
    assert "Hồ sơ của tôi" not in anonymous.content.decode() and "public" in anonymous["Cache-Control"]


def test_board_is_kept_half_a_minute(client, monkeypatch):
    from motcua.ops import public_pages

    first = client.get("/bang-chi-so/")
    assert first.status_code == 200 and "max-age=30" in first["Cache-Control"]
    assert client.get("/bang-chi-so/")["ETag"] == first["ETag"]
    later = public_pages.time.time() + 31
    monkeypatch.setattr(public_pages.time, "time", lambda: later)
    assert client.get("/bang-chi-so/")["ETag"] != first["ETag"]
