"""Open311 GeoReport v2 endpoints, checked against the field names of the specification."""

import pytest
from django.utils import timezone

from motcua.feedback import services
from motcua.feedback.models import Feedback, Open311ApiKey

pytestmark = pytest.mark.django_db

SERVICE_FIELDS = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
REQUEST_FIELDS = {
    "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
    "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
    "address", "address_id", "zipcode", "lat", "long", "media_url",
}


@pytest.fixture
def api_key(db):
    return Open311ApiKey.objects.create(name="Ứng dụng iHanoi (thử)")


def _post(client, **data):
    return client.post("/open311/v2/requests.json", data)


def test_services_list_uses_georeport_fields(client):
    response = client.get("/open311/v2/services.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    services_ = response.json()
    assert [s["service_code"] for s in services_] == ["thu_tuc", "can_bo", "quy_dinh"]
    for service in services_:
        assert set(service) == SERVICE_FIELDS
        assert service["type"] == "realtime" and service["metadata"] is True


def test_service_definition_lists_attributes(client):
    body = client.get("/open311/v2/services/thu_tuc.json").json()
    assert body["service_code"] == "thu_tuc"
    assert [a["code"] for a in body["attributes"]] == ["title", "procedure_code", "agency_code"]
    assert set(body["attributes"][0]) == {
        "variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"
    }
    missing = client.get("/open311/v2/services/khong_co.json")
    assert missing.status_code == 404 and set(missing.json()[0]) == {"code", "description"}


def test_post_needs_an_api_key(client, centre, api_key):
    for key in ("", "sai-khoa"):
        response = _post(client, api_key=key, service_code="thu_tuc", description="Chậm trả", phone="0912345678")
        assert response.status_code == 403
        assert response.json() == [{"code": 403, "description": "Thiếu hoặc sai api_key."}]
    api_key.is_active = False
    api_key.save()
    assert _post(client, api_key=api_key.key, service_code="thu_tuc", description="x", phone="0912345678").status_code == 403
    assert not Feedback.objects.exists()


def _publish(item, officer, answer="Đã trả lời."):
    now = timezone.now()
    services.accept_feedback(item, actor=officer, at=now)
    services.answer_feedback(item, actor=officer, at=now, answer=answer)
    return services.publish_answer(item, actor=officer, at=now)


def test_post_files_an_item_and_get_follows_it(client, centre, justice, api_key, binh):
    response = _post(
        client, api_key=api_key.key, service_code="can_bo", description="Cán bộ Trần Văn Ba yêu cầu nộp thêm tiền.",
        first_name="Mai", last_name="Trần Thị", phone="0987 654 321", lat="21.0285", long="105.8542",
        address_string="Quầy 3, Trung tâm", **{"attribute[agency_code]": "T01-SO-TP"},
    )
    assert response.status_code == 201
    [created] = response.json()
    assert set(created) == {"service_request_id", "service_notice", "account_id"}
    item = Feedback.objects.get(code=created["service_request_id"])
    assert (item.channel, item.agency, item.citizen_name, item.latitude) == ("open311", justice, "Mai Trần Thị", 21.0285)
    api_key.refresh_from_db()
    assert api_key.last_used_at is not None

    # Not published yet: Open311 shows nothing of it.
    assert client.get(f"/open311/v2/requests/{item.code}.json").status_code == 404
    assert client.get("/open311/v2/requests.json").json() == []
    _publish(item, binh)
    [request] = client.get(f"/open311/v2/requests/{item.code}.json").json()
    assert set(request) == REQUEST_FIELDS
    assert request["status"] == "closed" and request["service_code"] == "can_bo"
    assert request["agency_responsible"] == "Sở Tư pháp"
    assert request["description"] == "Cán bộ [họ tên đã ẩn] yêu cầu nộp thêm tiền."
    assert request["requested_datetime"].endswith("+07:00")
    assert (request["lat"], request["long"], request["address"]) == (None, None, "")


def test_post_errors_are_code_and_description(client, centre, api_key):
    response = _post(client, api_key=api_key.key, service_code="thu_tuc", description="Không có liên hệ")
    assert response.status_code == 400
    assert set(response.json()[0]) == {"code", "description"}
    assert _post(client, api_key=api_key.key, service_code="x", description="a", phone="0912345678").status_code == 404
    response = _post(client, api_key=api_key.key, service_code="thu_tuc", description="a", phone="0912345678",
                     **{"attribute[agency_code]": "KHONG-CO"})
    assert response.status_code == 400 and "KHONG-CO" in response.json()[0]["description"]


def test_requests_list_filters_by_status_and_service(client, binh, justice, file_web):
    now = timezone.now()
    open_item = file_web(agency=justice, at=now, phone="0900000001")
    closed = file_web(agency=justice, at=now, phone="0900000002", category="quy_dinh")
    _publish(closed, binh, "Đã trả lời ông Nguyễn Văn An.")
    answered = file_web(agency=justice, at=now, phone="0900000003")
    services.accept_feedback(answered, actor=binh, at=now)
    services.answer_feedback(answered, actor=binh, at=now, answer="Chưa công khai.")

    def codes(query):
        response = client.get("/open311/v2/requests.json" + query)
        assert response.status_code == 200
        return [r["service_request_id"] for r in response.json()]

    assert codes("") == [closed.code]  # only the published item; open and answered ones stay internal
    assert codes("?status=open") == []
    assert codes("?status=closed") == [closed.code]
    assert codes("?service_code=quy_dinh") == [closed.code]
    assert codes(f"?service_request_id={open_item.code.lower()},{answered.code}") == []
    assert codes(f"?service_request_id={closed.code.lower()}") == [closed.code]
    assert client.get(f"/open311/v2/requests/{answered.code}.json").status_code == 404
    [published] = client.get(f"/open311/v2/requests/{closed.code}.json").json()
    assert published["status_notes"] == "Đã công khai. Đã trả lời ông [họ tên đã ẩn]."
    assert client.get("/open311/v2/requests.json?status=maybe").status_code == 400
    assert client.get("/open311/v2/requests.json?start_date=hom-qua").status_code == 400
    assert client.get("/open311/v2/requests.json?start_date=2026-02-30T08:00:00%2B07:00").status_code == 400
    missing = client.get("/open311/v2/requests/PA000000-XXXXXX.json")
    assert missing.status_code == 404 and missing.json()[0]["code"] == 404


def test_api_filing_is_limited_per_contact(client, centre, api_key, settings):
    settings.MOTCUA_LIMITS = {"feedback_contact": (1, 86400), "feedback_address": (1, 3600)}
    assert _post(client, api_key=api_key.key, service_code="thu_tuc", description="a", phone="0911111111").status_code == 201
    assert _post(client, api_key=api_key.key, service_code="thu_tuc", description="b", phone="0922222222").status_code == 201
    blocked = _post(client, api_key=api_key.key, service_code="thu_tuc", description="c", phone="0911111111")
    assert blocked.status_code == 429 and blocked.json()[0]["code"] == 429
