"""The online form of birth registration in the health-record pilot: the citizen consents instead of uploading
the birth certificate, and the dossier takes it from the health source (sandbox on a free port)."""

import pytest
import requests

from motcua.connections.tests.sandbox import running
from motcua.dossiers.models import Dossier
from motcua.guides.tests.world import birth_world
from motcua.health_pilot import services as pilot
from motcua.health_pilot.models import HealthRecordUse

from .test_apply_layer import fill_declaration, step


@pytest.fixture(scope="session")
def source_url():
    with running("health_records") as url:
        yield url


def test_consent_instead_of_upload(client, db, settings, source_url):
    settings.MOTCUA_CONNECTIONS = {"health_records": {"url": source_url}}
    mother = requests.get(f"{source_url}/fhir/Composition", params={
        "type": "urn:motcua:giay-to-y-te|giay_chung_sinh", "_count": 1}, timeout=5).json()["entry"][0]["resource"]
    birth_world()
    assert pilot.apply_to_catalogue() >= 1
    client.post(step("tinh-huong-nguoi-di"), {"answer": "cha-me"})
    client.post(step("tinh-huong-chung-sinh"), {"answer": "co"})
    client.post(step("tinh-huong-truong-hop"), {"answer": "khong"})
    client.post(step("chu-ho-so"), {"applicant_kind": "person"})
    client.post(step("ho-ten"), {"applicant_name": mother["subject"]["display"]})
    client.post(step("so-dinh-danh"), {"applicant_id_number": mother["subject"]["identifier"]["value"]})
    client.post(step("lien-he"), {"applicant_phone": "0912345678"})
    client.post(step("dia-chi"), {"applicant_address": "12 Hàng Bạc, Hà Nội"})
    fill_declaration(client)
    page = client.get(step("giay-to-1")).content.decode()
    assert "nguồn dữ liệu y tế" in page
    assert client.post(step("giay-to-1"), {"consent": "1"})["Location"] == step("nhan-ket-qua")
    client.post(step("nhan-ket-qua"), {"delivery": "online"})
    assert "Lấy từ nguồn dữ liệu y tế" in client.get(step("kiem-tra")).content.decode()
    assert client.post(step("kiem-tra")).status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.components.filter(obtained_from="health_records").count() == 1
    assert HealthRecordUse.objects.get(dossier=dossier).paper == "giay_chung_sinh"
