from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.dossiers.models import Dossier
from motcua.dossiers.services import Applicant, ComponentInput, submit_dossier
from tests.world import PASSWORD, build_world

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    cache.clear()
    yield build_world()
    cache.clear()


def step(code, name):
    return reverse("portal:apply_step", args=[code, name])


def answer_questions(client, code="1.001193"):
    answers = [
        ("chu-ho-so", {"applicant_kind": "person"}),
        ("ho-ten", {"applicant_name": "Nguyễn Thị Ngọc Ánh"}),
        ("so-dinh-danh", {"applicant_id_number": "001190012345"}),
        ("lien-he", {"applicant_phone": "0912345678", "applicant_email": "anh@example.vn"}),
        ("dia-chi", {"applicant_address": "12 Hàng Bạc, Hoàn Kiếm, Hà Nội"}),
    ]
    for name, data in answers:
        response = client.post(step(code, name), data)
        assert response.status_code == 302, (name, response.content.decode()[:500])


def pdf(name="chung-sinh.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 scan", content_type="application/pdf")


def test_citizen_submits_online_one_question_per_page(client, w):
    answer_questions(client)
    response = client.post(step("1.001193", "giay-to-1"), {"file": pdf()})
    assert response["Location"] == step("1.001193", "giay-to-2")
    assert client.post(step("1.001193", "giay-to-2"), {"skip": "on"})["Location"] == step("1.001193", "nhan-ket-qua")
    assert client.post(step("1.001193", "nhan-ket-qua"), {"delivery": "counter"})["Location"] == step(
        "1.001193", "kiem-tra")
    check = client.get(step("1.001193", "kiem-tra")).content.decode()
    assert "Nguyễn Thị Ngọc Ánh" in check and "chung-sinh.pdf" in check
    done = client.post(step("1.001193", "kiem-tra"), follow=True)
    d = Dossier.objects.get()
    assert d.status == "submitted" and d.channel == "online" and d.applicant_id_number == "001190012345"
    assert d.reference in done.content.decode()
    assert d.components.get().files.count() == 1
    folders = default_storage.listdir("drafts")[0]
    assert all(default_storage.listdir(f"drafts/{f}")[1] == [] for f in folders)  # draft files removed


def test_a_wrong_file_type_is_refused_with_a_clear_message_and_not_kept(client, w):
    answer_questions(client)
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(step("1.001193", "giay-to-1"), {"file": fake})
    assert response.status_code == 400
    assert "không phải PDF, JPEG hoặc PNG" in response.content.decode()
    assert client.session["apply:1.001193"]["files"] == {}


def test_missing_required_paper_is_reported_on_the_check_page(client, w):
    answer_questions(client)
    client.post(step("1.001193", "nhan-ket-qua"), {"delivery": "counter"})
    response = client.post(step("1.001193", "kiem-tra"))
    assert response.status_code == 400 and "Còn thiếu giấy tờ" in response.content.decode()
    assert not Dossier.objects.exists()


def test_change_link_returns_to_check_answers(client, w):
    answer_questions(client)
    response = client.post(step("1.001193", "ho-ten") + "?sua=1", {"applicant_name": "Lê Văn Tám"})
    assert response["Location"] == step("1.001193", "kiem-tra")


def accepted(w):
    d = submit_dossier(w.version, channel="direct", actor=w.lan, agency=w.centre,
                       at=datetime(2026, 11, 27, 9, 0, tzinfo=HCM),
                       applicant=Applicant(name="Nguyễn Thị Ngọc Ánh", phone="0912345678", id_number="001190012345"),
                       components=[ComponentInput(component=w.version.components.first())])
    return d


def test_tracking_shows_status_holder_and_history_with_code_and_four_digits(client, w):
    d = accepted(w)
    response = client.post(reverse("portal:track"), {"ma": d.code, "so": "5678"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Được tiếp nhận" in body and "Sở Tư pháp" in body and "Diễn biến" in body
    assert client.post(reverse("portal:track"), {"ma": d.code, "so": "2345"}).status_code == 200  # ID digits


def test_tracking_takes_the_four_digits_only_by_post(client, w):
    d = accepted(w)
    body = client.get(reverse("portal:track"), {"ma": d.code, "so": "5678"}).content.decode()
    assert d.code in body and 'id="trang-thai"' not in body  # the form, prefilled, not the dossier
    response = client.post(reverse("portal:track"), {"ma": d.code})
    assert response.status_code == 400 and "4 số cuối" in response.content.decode()


def test_tracking_with_wrong_digits_is_not_found(client, w):
    d = accepted(w)
    response = client.post(reverse("portal:track"), {"ma": d.code, "so": "0000"})
    assert response.status_code == 404 and "Được tiếp nhận" not in response.content.decode()


def test_tracking_stops_guessing_after_many_failures(client, w):
    d = accepted(w)
    for _ in range(20):
        client.post(reverse("portal:track"), {"ma": d.code, "so": "0000"})
    assert client.post(reverse("portal:track"), {"ma": d.code, "so": "5678"}).status_code == 429


def test_the_receipt_qr_link_opens_the_form_with_the_code(client, w):
    d = accepted(w)
    body = client.get(reverse("portal:track"), {"ma": d.code}).content.decode()
    assert f'value="{d.code}"' in body and 'name="so"' in body


def test_citizen_registers_and_sees_own_dossiers(client, w):
    response = client.post(reverse("portal:register"), {
        "username": "0912345678", "full_name": "Nguyễn Văn Bình", "email": "",
        "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    answer_questions(client)
    client.post(step("1.001193", "giay-to-1"), {"file": pdf()})
    client.post(step("1.001193", "nhan-ket-qua"), {"delivery": "online"})
    client.post(step("1.001193", "kiem-tra"))
    d = Dossier.objects.get()
    assert d.citizen.username == "0912345678"
    assert d.reference in client.get(reverse("portal:my_dossiers")).content.decode()
    assert client.get(reverse("portal:my_dossier", args=[d.reference])).status_code == 200
    client.logout()
    client.login(username="anh", password=PASSWORD)
    assert client.get(reverse("portal:my_dossier", args=[d.reference])).status_code == 404


def test_tracking_names_the_officer_holding_the_dossier_and_what_to_do(client, w):
    from motcua.dossiers.services import assign_handler, request_supplement

    d = accepted(w)
    at = datetime(2026, 11, 27, 10, 0, tzinfo=HCM)
    d = assign_handler(d, actor=w.minh, handler=w.binh, at=at)
    body = client.post(reverse("portal:track"), {"ma": d.code, "so": "5678"}).content.decode()
    assert "Lê Thị Bình, Chuyên viên" in body and "Sở Tư pháp" in body
    assert "Phân công cán bộ xử lý" in body
    request_supplement(d, actor=w.binh, at=at, reason="Bản chụp mờ", items=["Giấy chứng sinh rõ nét"])
    body = client.post(reverse("portal:track"), {"ma": d.code, "so": "5678"}).content.decode()
    assert "Bạn cần làm" in body and "Giấy chứng sinh rõ nét" in body


def own_online_dossier(client, w):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from motcua.dossiers.services import accept_dossier

    scan = SimpleUploadedFile("a.pdf", b"%PDF-1.4 a", content_type="application/pdf")
    d = submit_dossier(w.version, channel="online", at=datetime(2026, 11, 27, 8, 0, tzinfo=HCM), citizen=w.anh,
                       applicant=Applicant(name="Nguyễn Thị Ngọc Ánh", phone="0912345678"),
                       components=[ComponentInput(component=w.version.components.first(), files=[scan])])
    d = accept_dossier(d, actor=w.lan, at=datetime(2026, 11, 27, 9, 0, tzinfo=HCM))
    client.login(username="anh", password=PASSWORD)
    return d


def test_citizen_hands_in_the_requested_paper_online(client, w):
    from motcua.dossiers.services import request_supplement

    d = own_online_dossier(client, w)
    request_supplement(d, actor=w.minh, at=datetime(2026, 11, 27, 10, 0, tzinfo=HCM), reason="Bản chụp mờ",
                       items=["Giấy chứng sinh rõ nét"])
    page = client.get(reverse("portal:my_dossier", args=[d.code])).content.decode()
    assert reverse("portal:supply", args=[d.code]) in page
    response = client.post(reverse("portal:supply", args=[d.code]),
                           {"name": "Giấy chứng sinh rõ nét", "file": pdf("ro-net.pdf")})
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.status == "processing" and d.components.filter(supplement__isnull=False).count() == 1


def test_another_citizen_cannot_supply_or_withdraw(client, w):
    d = own_online_dossier(client, w)
    client.logout()
    assert client.login(username=w.chi.username, password=PASSWORD)  # Chi, another citizen of the shared city
    assert client.post(reverse("portal:withdraw", args=[d.code])).status_code == 404
    assert Dossier.objects.get(pk=d.pk).status == "accepted"


def test_citizen_withdraws_own_dossier(client, w):
    d = own_online_dossier(client, w)
    client.post(reverse("portal:withdraw", args=[d.code]), {"reason": "Nộp nhầm thủ tục"})
    assert Dossier.objects.get(pk=d.pk).status == "withdrawal_requested"


def test_citizen_pays_online_through_the_sandbox(client, w):
    from motcua.dossiers.services import request_payment

    d = own_online_dossier(client, w)
    Dossier.objects.filter(pk=d.pk).update(fee_payable=50000)
    d = request_payment(Dossier.objects.get(pk=d.pk), actor=w.minh, at=datetime(2026, 11, 27, 10, 0, tzinfo=HCM))
    response = client.post(reverse("portal:pay", args=[d.code]))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "50.000 đ" in page.content.decode()
    client.post(response["Location"])
    d.refresh_from_db()
    assert d.paid_online and d.fee_paid == 50000 and d.status == "processing"


def test_where_to_submit_is_asked_only_when_there_is_a_choice(client, w):
    start = client.get(reverse("portal:apply_start", args=["1.001193"])).content.decode()
    assert step("1.001193", "chu-ho-so") in start
    w.procedure.agencies.add(w.ward)
    start = client.get(reverse("portal:apply_start", args=["1.001193"])).content.decode()
    assert step("1.001193", "noi-nop") in start
    assert client.post(step("1.001193", "noi-nop"), {"agency": str(w.ward.pk)}).status_code == 302
    answer_questions(client)
    client.post(step("1.001193", "giay-to-1"), {"file": pdf()})
    client.post(step("1.001193", "nhan-ket-qua"), {"delivery": "counter"})
    assert "UBND phường Ba Đình" in client.get(step("1.001193", "kiem-tra")).content.decode()
    client.post(step("1.001193", "kiem-tra"))
    assert Dossier.objects.get().agency == w.ward


def test_abandoned_draft_files_are_purged(client, w):
    from datetime import timedelta

    from django.utils import timezone

    from motcua.portal.drafts import purge_drafts

    answer_questions(client)
    client.post(step("1.001193", "giay-to-1"), {"file": pdf()})
    assert purge_drafts(older_than=timedelta(days=7), now=timezone.now()) == 0
    assert purge_drafts(older_than=timedelta(days=7), now=timezone.now() + timedelta(days=8)) == 1


def test_the_owner_sees_how_many_officers_viewed_the_dossier(client, w):
    d = own_online_dossier(client, w)
    page = client.get(reverse("portal:my_dossier", args=[d.code])).content.decode()
    assert "Số cán bộ đã xem hồ sơ: 0" in page
    for officer in (w.lan, w.lan, w.binh):  # Lan twice: one officer
        client.force_login(officer)
        assert client.get(reverse("console:dossier", args=[d.code])).status_code == 200
    client.force_login(w.anh)
    assert "Số cán bộ đã xem hồ sơ: 2" in client.get(reverse("portal:my_dossier", args=[d.code])).content.decode()
