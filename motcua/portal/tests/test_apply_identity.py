"""Asked once, in the online form: a citizen signed in with the national identity files a birth registration
whose identity and residence come from the identity and the population registry; with the registry down the
citizen types the address and the dossier says it was not verified."""

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.models import Dossier
from motcua.guides.tests.world import birth_world
from motcua.identity import services, store
from motcua.identity.models import ProcedureAssurance, RegistryLookup
from motcua.portal.tests.test_apply_layer import fill_declaration, pdf, step
from sandboxes.people import adults

pytestmark = pytest.mark.django_db


@pytest.fixture
def mother(client):
    person = next(p for p in adults() if p.sex == "nu" and p.birth_date.year >= 1985)
    user = services.sign_in({"pid": person.pid, "name": person.full_name, "loa": 2}, at=timezone.now())
    client.force_login(user)
    return person


def standard_case(client):
    client.post(step("tinh-huong-nguoi-di"), {"answer": "cha-me"})
    client.post(step("tinh-huong-chung-sinh"), {"answer": "co"})
    return client.post(step("tinh-huong-truong-hop"), {"answer": "khong"})


def test_identity_and_residence_are_not_asked_again(client, mother, registry_at):
    birth_world()
    start = client.get(reverse("portal:apply_start", args=["1.001193"])).content.decode()
    assert "được điền sẵn" in start
    assert standard_case(client)["Location"] == step("chu-ho-so")
    assert client.post(step("chu-ho-so"), {"applicant_kind": "person"})["Location"] == step("lien-he")
    assert client.get(step("ho-ten")).status_code == 404  # locked: verified, not the citizen's to change
    assert client.post(step("lien-he"), {"applicant_phone": "0912345678"})["Location"] == step("to-khai-1")
    fill_declaration(client)
    client.post(step("giay-to-1"), {"file": pdf()})
    client.post(step("nhan-ket-qua"), {"delivery": "online"})
    check = client.get(step("kiem-tra")).content.decode()
    assert f"{mother.full_name} (đã xác thực)" in check and mother.address in check
    assert client.post(step("kiem-tra")).status_code == 302
    dossier = Dossier.objects.get()
    assert (dossier.applicant_id_number, dossier.applicant_address) == (mother.pid, mother.address)
    assert dossier.applicant_source == "registry"
    assert RegistryLookup.objects.filter(dossier__gt="").count() == 1


def test_registry_down_the_citizen_types_the_address_and_it_is_unverified(client, mother, settings, monkeypatch):
    settings.MOTCUA_CONNECTIONS = {"population_registry": {"url": "http://127.0.0.1:9"}}
    monkeypatch.setattr("motcua.connections.adapter.time.sleep", lambda s: None)
    birth_world()
    start = client.get(reverse("portal:apply_start", args=["1.001193"])).content.decode()
    assert "Chưa kết nối được Cơ sở dữ liệu quốc gia về dân cư" in start
    standard_case(client)
    client.post(step("chu-ho-so"), {"applicant_kind": "person"})
    client.post(step("lien-he"), {"applicant_phone": "0912345678"})
    assert client.get(step("dia-chi")).status_code == 200  # asked, since nothing verified it
    client.post(step("dia-chi"), {"applicant_address": "12 Hàng Bạc, Hà Nội"})
    fill_declaration(client)
    client.post(step("giay-to-1"), {"file": pdf()})
    client.post(step("nhan-ket-qua"), {"delivery": "online"})
    assert client.post(step("kiem-tra")).status_code == 302
    assert Dossier.objects.get().applicant_source == "unverified"


def test_a_consented_stored_paper_replaces_the_upload(client, mother, registry_at):
    birth_world()
    paper = store.keep(owner_pid=mother.pid, title="Giấy chứng sinh", content=b"%PDF-1.4 scan", origin="digitised",
                       at=timezone.now())
    store.set_consent(paper.pk, pid=mother.pid, consent=True, at=timezone.now())
    client.get(reverse("portal:apply_start", args=["1.001193"]))
    standard_case(client)
    client.post(step("chu-ho-so"), {"applicant_kind": "person"})
    client.post(step("lien-he"), {"applicant_phone": "0912345678"})
    fill_declaration(client)
    assert "kho dữ liệu của bạn" in client.get(step("giay-to-1")).content.decode()
    assert client.post(step("giay-to-1"), {"stored": paper.pk})["Location"] == step("nhan-ket-qua")
    client.post(step("nhan-ket-qua"), {"delivery": "online"})
    assert client.post(step("kiem-tra")).status_code == 302
    reused = Dossier.objects.get().components.get(from_data_store=True, reused=True)
    assert reused.files.get().sha256 == paper.sha256


def test_a_level_2_procedure_turns_a_level_1_account_to_the_counter(client, registry_at):
    birth_world()
    from motcua.catalogue.models import Procedure

    ProcedureAssurance.objects.create(procedure=Procedure.objects.get(code="1.001193"), level=2)
    user = services.sign_in({"pid": "000190000021", "name": "Đỗ Văn Hùng", "loa": 1}, at=timezone.now())
    client.force_login(user)
    response = client.get(reverse("portal:apply_start", args=["1.001193"]))
    assert response.status_code == 403 and "mức độ 2" in response.content.decode()
