import pytest

from motcua.catalogue.tests.samples import make_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return make_catalogue()


def test_procedure_page_answers_the_citizen_questions_at_a_glance(client, catalogue):
    html = client.get("/thu-tuc/1.001193/").content.decode()
    for heading in ["Nộp ở đâu", "Gặp ai, hỏi ai", "Mất bao lâu", "Tốn bao nhiêu"]:
        assert heading in html
    assert "Trực tiếp: 1 ngày làm việc" in html
    assert "Giấy chứng sinh" in html and "Trường hợp trẻ em sinh tại cơ sở y tế" in html
    assert "60/2014/QH13" in html
    assert "<svg" in html  # the QR code, inline, no JavaScript


def test_print_view_is_a_standalone_a4_page_with_qr(client, catalogue):
    response = client.get("/thu-tuc/1.001193/in/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "motcua/procedure_print.css" in html and "<svg" in html  # A4 page rules in a stylesheet (the CSP)
    from django.contrib.staticfiles import finders

    assert "size: A4" in open(finders.find("motcua/procedure_print.css"), encoding="utf-8").read()
    assert "http://testserver/thu-tuc/1.001193/" in html  # the QR and caption point to the public page


def test_catalogue_lists_and_searches_without_diacritics(client, catalogue):
    html = client.get("/thu-tuc/", {"q": "dang ky ket hon"}).content.decode()
    assert "Thủ tục đăng ký kết hôn" in html
    assert "giấy phép xây dựng" not in html


def test_catalogue_filters_by_level(client, catalogue):
    html = client.get("/thu-tuc/", {"level": "Cấp tỉnh"}).content.decode()
    assert "Cấp giấy phép xây dựng mới" in html and "Thủ tục đăng ký khai sinh" not in html


def test_unknown_procedure_is_404(client, catalogue):
    assert client.get("/thu-tuc/0.000000/").status_code == 404


def test_online_fee_set_by_the_city_is_waived_on_the_page(client):
    from motcua.catalogue.services import create_version

    create_version("1.001193", {
        "name": "Thủ tục đăng ký khai sinh", "level": "Cấp xã",
        "channels": [
            {"kind": "direct", "fees": [{"amount": 8000, "kind": "le_phi", "set_by": "hdnd", "description": "Lệ phí"}]},
            {"kind": "online", "fees": [{"amount": 8000, "kind": "le_phi", "set_by": "hdnd", "description": "Lệ phí"}]},
        ],
    })
    html = client.get("/thu-tuc/1.001193/").content.decode()
    assert "Trực tiếp: 8.000 đ" in html
    assert "Trực tuyến: 0 đ (miễn 8.000 đ)" in html
    assert "77/2025/NQ-HĐND" in html


def test_home_offers_search_and_the_common_procedures(client, catalogue):
    html = client.get("/").content.decode()
    assert 'name="q"' in html
    assert "/thu-tuc/1.001193/" in html and "/thu-tuc/1.000894/" in html


def test_online_submission_is_offered_where_an_agency_of_the_city_receives_it(client, catalogue):
    from motcua.units.models import Agency, Province

    hanoi = Province.objects.create(code="1", name="Thành phố Hà Nội", short_name="Hà Nội")
    catalogue.agencies.add(Agency.objects.create(code="T01-X4", name="UBND phường Ba Đình", kind="ubnd_xa", province=hanoi))
    assert "/nop-ho-so/1.001193/" in client.get("/thu-tuc/1.001193/").content.decode()
    assert "/nop-ho-so/1.000894/" not in client.get("/thu-tuc/1.000894/").content.decode()
