import pytest

from motcua.catalogue.tests.samples import make_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return make_catalogue()


def test_search_is_ranked_and_paginated(client, catalogue):
    body = client.get("/api/procedures", {"q": "dang ky khai sinh"}).json()
    assert body["count"] >= 3
    assert body["items"][0] == {
        "code": "1.001193", "name": "Thủ tục đăng ký khai sinh", "field": "Hộ tịch", "level": "Cấp xã",
        "url": "/thu-tuc/1.001193/",
    }


def test_detail_returns_every_structured_part(client, catalogue):
    body = client.get("/api/procedures/1.001193").json()
    assert body["channels"][0] == {
        "channel": "direct",
        "duration": {"value": 1.0, "unit": "working_days", "inferred_from": None},
        "duration_text": "1 Ngày làm việc",
        "description": "",
        "fees": [{"amount": 0, "kind": "le_phi", "set_by": "hdnd", "appraisal": False, "description": "Miễn lệ phí"}],
    }
    assert body["components"][1] == {
        "name": "Giấy chứng sinh", "kind": "submit", "condition": "Trường hợp trẻ em sinh tại cơ sở y tế",
        "alternatives": [], "originals": 1, "copies": 0, "template": "", "obtainable_from": None, "eform": False,
        "channels": [], "notes": "",
    }
    assert body["components"][0]["condition"] is None  # always applies
    assert body["steps"][0] == "Bước 1: Nộp hồ sơ"
    assert body["legal_basis"] == [{"number": "60/2014/QH13", "title": "Luật Hộ tịch", "issued": None, "issuer": "Quốc hội"}]


def test_unknown_code_is_a_vietnamese_404(client, catalogue):
    response = client.get("/api/procedures/9.999999")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.json()["detail"]


def test_openapi_is_3_1(client):
    assert client.get("/api/openapi.json").json()["openapi"].startswith("3.1")


def test_openapi_describes_what_each_paper_means(client):
    component = client.get("/api/openapi.json").json()["components"]["schemas"]["ComponentOut"]
    assert {"kind", "condition", "alternatives", "obtainable_from", "eform"} <= set(component["required"])
    assert component["properties"]["kind"]["enum"] == ["submit", "present", "note"]
    assert "population" in component["properties"]["obtainable_from"]["description"]
