"""The online form driven by the reviewed layer: situation first, then only the papers that apply."""

import pytest
from django.urls import reverse

from motcua.dossiers.models import Dossier
from motcua.guides.tests.world import birth_world

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% scan\n"


def step(name):
    return reverse("portal:apply_step", args=["1.001193", name])


def pdf(name="giay-chung-sinh.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def answer_applicant(client):
    client.post(step("chu-ho-so"), {"applicant_kind": "person"})
    client.post(step("ho-ten"), {"applicant_name": "Nguyễn Thị Ngọc Ánh"})
    client.post(step("so-dinh-danh"), {"applicant_id_number": "001190012345"})
    client.post(step("lien-he"), {"applicant_phone": "0912345678"})
    return client.post(step("dia-chi"), {"applicant_address": "12 Hàng Bạc, Hà Nội"})


def fill_declaration(client):
    r = client.post(step("to-khai-1"), {"tk_ten_tre": "NGUYỄN MINH AN", "tk_ngay_sinh": "01/11/2026",
                                        "tk_gioi_tinh": "Nam", "tk_dan_toc": "Kinh", "tk_quoc_tich": "Việt Nam",
                                        "tk_noi_sinh": "Bệnh viện Phụ sản Hà Nội", "tk_que_quan": "Hà Nội",
                                        "tk_quan_he": "mẹ"})
    assert r.status_code == 302, r.content.decode()[:2000]
    client.post(step("to-khai-2"), {})
    return client.post(step("to-khai-3"), {"tk_ten_me": "NGUYỄN THỊ NGỌC ÁNH"})


def test_situation_questions_come_first_and_the_standard_case_has_one_upload(client):
    birth_world()
    start = client.get(reverse("portal:apply_start", args=["1.001193"])).content.decode()
    assert "cơ quan sẽ tự tra cứu" in start and "Giấy chứng sinh" in start
    assert client.post(step("tinh-huong-nguoi-di"), {"answer": "cha-me"})["Location"] == step("tinh-huong-chung-sinh")
    client.post(step("tinh-huong-chung-sinh"), {"answer": "co"})
    assert client.post(step("tinh-huong-truong-hop"), {"answer": "khong"})["Location"] == step("chu-ho-so")
    assert answer_applicant(client)["Location"] == step("to-khai-1")
    assert fill_declaration(client)["Location"] == step("giay-to-1")
    assert client.post(step("giay-to-1"), {"file": pdf()})["Location"] == step("nhan-ket-qua")
    assert client.get(step("giay-to-2")).status_code == 404
    client.post(step("nhan-ket-qua"), {"delivery": "online"})
    assert client.post(step("kiem-tra")).status_code == 302
    d = Dossier.objects.get()
    rows = {c.name: c for c in d.components.prefetch_related("files")}
    uploaded = [c for c in rows.values() if c.files.exists()]
    assert len(uploaded) == 2  # the birth certificate and the declaration rendered as PDF
    declaration = next(c for c in uploaded if c.component.name.startswith("- Mẫu hộ tịch"))
    assert declaration.files.get().content_type == "application/pdf"
    assert any(c.from_data_store for c in rows.values())
    assert "Cha hoặc mẹ của trẻ" in d.notes


def test_an_authorised_person_is_asked_for_the_authorisation(client):
    birth_world()
    client.post(step("tinh-huong-nguoi-di"), {"answer": "uy-quyen"})
    answer_applicant(client)
    fill_declaration(client)
    assert "Văn bản ủy quyền" in client.get(step("giay-to-2")).content.decode()


def test_a_bad_date_in_the_declaration_is_refused_in_vietnamese(client):
    birth_world()
    r = client.post(step("to-khai-1"), {"tk_ngay_sinh": "31/02/2026"})
    assert r.status_code == 400 and "Ngày chưa đúng" in r.content.decode()


def test_sending_without_the_birth_certificate_is_refused_and_writes_nothing(client):
    birth_world()
    answer_applicant(client)
    fill_declaration(client)
    client.post(step("nhan-ket-qua"), {"delivery": "online"})
    r = client.post(step("kiem-tra"))
    assert r.status_code == 400 and "Còn thiếu giấy tờ" in r.content.decode()
    assert not Dossier.objects.exists()


def test_the_docs_table_counts_the_standard_case():
    from motcua.portal.apply_counts import count, table

    birth_world()
    c = count("1.001193")
    # 3 situation questions, 5 about the applicant, 3 declaration pages, 1 upload, delivery, check
    assert (c.screens, c.uploads, c.declaration_pages, c.looked_up, c.catalogue_rows) == (14, 1, 3, 2, 33)
    assert "| 1.001193 | Thủ tục đăng ký khai sinh | 14 | 1 |" in table()
