"""Bad input gets a clear Vietnamese refusal with a fitting status, never a 500 and never a silent cut."""

import json

import pytest

from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.base import applicant, make_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(world):
    return make_version(world.centre)


def _body(version, applicant_=None, **overrides):
    component = version.components.get(order=1)
    data = {"procedure": version.procedure.code, "channel": "online", "agency": "T01-TTPVHCC",
            "applicant": applicant_ or vars(applicant()),
            "components": [{"component_id": component.pk, "from_data_store": True}], "delivery": "online"}
    return data | overrides


def _submit(client, data):
    return client.post("/api/dossiers/", json.dumps(data), content_type="application/json")


@pytest.mark.parametrize("url", [
    "/phan-anh/?q=%00", "/thu-tuc/%00/", "/api/dossiers/tracking?code=a%00b&last4=1234",
    "/thu-tuc/?q=a%01b", "/api/procedures?q=%00", "/open311/v2/requests.json?service_code=%00",
    "/tra-cuu/?ma=%00", "/bang-chi-so/?ky=%00",
])
def test_nul_and_control_characters_in_the_address_are_refused(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "ký tự điều khiển" in response.content.decode()


def test_nul_in_json_and_in_forms_is_refused(client, version):
    data = _body(version, vars(applicant(name="Vũ\u0000Chi")))
    assert _submit(client, data).status_code == 400
    assert client.post("/tra-cuu/", {"ma": "A\x00", "so": "1234"}).status_code == 400
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(("change", "words"), [
    ({"name": "A" * 600}, "applicant.name: dài quá 255"),
    ({"kind": "robot"}, "applicant.kind: chỉ nhận"),
    ({"id_number": "12345abc"}, "12 chữ số"),
    ({"id_number": "0011900123"}, "12 chữ số"),  # 10 digits: neither the new nor the old card
    ({"email": "khong-phai-email"}, "thư điện tử"),
    ({"phone": "12"}, "Số điện thoại"),
])
def test_applicant_fields_are_checked_not_cut(client, version, change, words):
    response = _submit(client, _body(version, vars(applicant(**change)) if "kind" not in change else
                                     {**vars(applicant()), **change}))
    assert response.status_code in (400, 422) and words in response.json()["detail"], response.json()
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(("paper", "words"), [
    ({"originals": -5}, "originals: phải lớn hơn hoặc bằng 0"),
    ({"copies": 10**30}, "copies: phải nhỏ hơn hoặc bằng 99"),
    ({"component_id": 10**30}, "component_id"),
])
def test_paper_counts_are_ranges(client, version, paper, words):
    data = _body(version)
    data["components"][0] |= paper
    response = _submit(client, data)
    assert response.status_code == 400 and words in response.json()["detail"]


def test_the_old_nine_digit_card_and_a_valid_applicant_are_taken(client, version):
    response = _submit(client, _body(version, vars(applicant(id_number="012345678"))))
    assert response.status_code == 201, response.json()
    assert Dossier.objects.get().applicant_id_number == "012345678"


def test_a_service_caller_cannot_save_a_name_too_long(version):
    from motcua.dossiers import services
    from motcua.dossiers.errors import InvalidDossier
    from motcua.dossiers.tests.base import T0, required_components

    with pytest.raises(InvalidDossier, match="dài quá 255"):
        services.submit_dossier(version, channel="online", applicant=applicant(name="Ă" * 600), at=T0,
                                components=required_components(version))


@pytest.mark.parametrize("query", ["field=²", "field=99999999999999999999", "field=%C2%B2&level=x", "page=-1",
                                   "page=99999999999999999999"])
def test_catalogue_filters_never_fail(client, query):
    assert client.get(f"/api/procedures?{query}").status_code in (200, 400, 422)


@pytest.mark.parametrize("query", ["start_date=2026-02-30", "start_date=2026-02-30T08:00:00", "end_date=x",
                                   "status=%00"])
def test_open311_dates_are_checked(client, query):
    response = client.get(f"/open311/v2/requests.json?{query}")
    assert response.status_code == 400
