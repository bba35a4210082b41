"""Public and officer pages of the hotline (portal/feedback_views.py, console/feedback_views.py)."""

import pytest
from django.utils import timezone

from motcua.feedback import services
from motcua.feedback.models import Feedback
from motcua.feedback.workflow import Action, State

pytestmark = pytest.mark.django_db

FORM = {
    "category": "thu_tuc",
    "title": "Chậm trả kết quả khai sinh",
    "content": "Đã quá hạn hẹn trả mà chưa có kết quả.",
    "citizen_name": "Nguyễn Văn An",
    "phone": "0912345678",
}


def _file(client, **overrides):
    return client.post("/phan-anh/gui/", {**FORM, **overrides}, REMOTE_ADDR="203.0.113.5")


def test_citizen_files_without_an_account_and_sees_the_code(client, centre):
    response = _file(client)
    assert response.status_code == 302 and response["Location"] == "/phan-anh/da-gui/"
    item = Feedback.objects.get()
    page = client.get("/phan-anh/da-gui/")
    assert item.code in page.content.decode() and item.channel == "web"
    assert client.get(f"/phan-anh/tra-cuu/{item.code}/").status_code == 200


def test_filing_page_explains_bad_input(client, centre):
    response = _file(client, phone="", email="")
    assert response.status_code == 400
    assert "số điện thoại hoặc thư điện tử" in response.content.decode()
    assert _file(client, title="x" * 201).status_code == 400
    assert not Feedback.objects.exists()


def test_filing_page_refuses_robots_filling_the_honeypot(client, centre):
    assert _file(client, website="http://spam.example").status_code == 400
    assert not Feedback.objects.exists()


def test_filing_page_is_rate_limited_per_ip(client, centre, settings):
    settings.MOTCUA_LIMITS = {"feedback_address": (2, 3600), "feedback_contact": (100, 86400)}
    assert _file(client, phone="0900000001").status_code == 302
    assert _file(client, phone="0900000002").status_code == 302
    response = _file(client, phone="0900000003")
    assert response.status_code == 429 and "quá nhiều" in response.content.decode()
    assert Feedback.objects.count() == 2


def test_tracking_needs_code_and_last_four_digits(client, file_web, centre):
    item = file_web()
    wrong = client.post("/phan-anh/tra-cuu/", {"code": item.code, "tail": "0000"})
    assert wrong.status_code == 404 and "Không tìm thấy" in wrong.content.decode()
    assert client.get(f"/phan-anh/tra-cuu/{item.code}/").status_code == 404  # not proven yet
    right = client.post("/phan-anh/tra-cuu/", {"code": item.code.lower(), "tail": "5678"})
    assert right.status_code == 302
    page = client.get(right["Location"])
    assert page.status_code == 200 and "Chờ tiếp nhận" in page.content.decode()


def _answered(file_web, binh, justice, **kwargs):
    item = file_web(agency=justice, **kwargs)
    now = timezone.now()
    services.accept_feedback(item, actor=binh, at=now)
    return services.answer_feedback(item, actor=binh, at=now, answer="Đã trả kết quả ngày 20/11.")


def _prove(client, item):
    client.post("/phan-anh/tra-cuu/", {"code": item.code, "tail": item.contact_tail})


def test_sender_reopens_then_confirms_through_the_page(client, file_web, binh, justice):
    item = _answered(file_web, binh, justice, at=timezone.now())
    _prove(client, item)
    client.post(f"/phan-anh/tra-cuu/{item.code}/xu-ly-lai/", {"note": "Tôi vẫn chưa nhận được."})
    item.refresh_from_db()
    assert (item.state, item.reopened_count) == (State.IN_PROGRESS, 1)
    services.answer_feedback(item, actor=binh, at=timezone.now(), answer="Đã gửi kết quả qua bưu điện.")
    client.post(f"/phan-anh/tra-cuu/{item.code}/xac-nhan/")
    item.refresh_from_db()
    assert item.resolved_confirmed_at is not None
    assert list(item.events.values_list("action", flat=True))[-3:] == [Action.REOPEN, Action.ANSWER, Action.CONFIRM]


def test_published_text_is_escaped(client, file_web, binh, justice):
    item = _answered(file_web, binh, justice, at=timezone.now(), title="<script>alert('x')</script> chậm trả",
                     content='<img src=x onerror="alert(1)"> nội dung')
    services.publish_answer(item, actor=binh, at=timezone.now())
    listing = client.get("/phan-anh/?q=cham tra").content.decode()
    detail = client.get(f"/phan-anh/cong-khai/{item.pk}/").content.decode()
    for html in (listing, detail):
        assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in detail and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in detail
    assert "0912345678" not in detail and "Nguyễn Văn An" not in detail


def test_unpublished_items_are_not_public(client, file_web, binh, justice):
    item = _answered(file_web, binh, justice, at=timezone.now())
    assert client.get(f"/phan-anh/cong-khai/{item.pk}/").status_code == 404
    assert item.title not in client.get("/phan-anh/").content.decode()


def test_officer_works_an_item_from_the_console(client, file_web, binh, justice):
    item = file_web(agency=justice, at=timezone.now())
    client.force_login(binh)
    assert item.code in client.get("/can-bo/phan-anh/").content.decode()
    assert client.get(f"/can-bo/phan-anh/{item.code}/").status_code == 200
    base = f"/can-bo/phan-anh/{item.code}/thao-tac/"
    assert client.post(base + "tiep-nhan/").status_code == 302
    assert client.post(base + "tra-loi/", {"text": "Đã trả lời."}).status_code == 302
    assert client.post(base + "cong-khai/").status_code == 302
    item.refresh_from_db()
    assert item.state == State.PUBLISHED
    assert item.events.filter(actor=binh).count() == 3


def test_officer_of_another_agency_is_refused(client, file_web, hung, justice):
    item = file_web(agency=justice)
    client.force_login(hung)
    assert client.get(f"/can-bo/phan-anh/{item.code}/").status_code == 403
    assert client.post(f"/can-bo/phan-anh/{item.code}/thao-tac/tiep-nhan/").status_code == 403
    assert item.code not in client.get("/can-bo/phan-anh/").content.decode()


def test_officer_files_a_letter_on_behalf_of_a_citizen(client, binh, justice):
    client.force_login(binh)
    response = client.post("/can-bo/phan-anh/nhap/", {
        **FORM, "channel": "letter", "agency": justice.pk, "phone": "", "email": "mai@example.vn",
    })
    item = Feedback.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/can-bo/phan-anh/{item.code}/"
    assert (item.channel, item.filed_by, item.agency) == ("letter", binh, justice)


def test_refusal_without_reason_shows_the_rule(client, file_web, binh, justice):
    item = file_web(agency=justice)
    client.force_login(binh)
    response = client.post(f"/can-bo/phan-anh/{item.code}/thao-tac/tu-choi/", {"text": ""})
    assert response.status_code == 400 and "lý do từ chối" in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.WAITING


def test_published_list_and_item_show_a_publication_and_an_edit_at_once(client, file_web, binh, justice):
    item = _answered(file_web, binh, justice, at=timezone.now(), title="Chậm trả kết quả khai sinh ở phường")
    empty = client.get("/phan-anh/")
    assert "public" in empty["Cache-Control"] and "Chậm trả kết quả" not in empty.content.decode()
    services.publish_answer(item, actor=binh, at=timezone.now())
    assert "Chậm trả kết quả" in client.get("/phan-anh/").content.decode()
    detail = client.get(f"/phan-anh/cong-khai/{item.pk}/")
    assert detail.status_code == 200 and "public" in detail["Cache-Control"]
    item.refresh_from_db()
    item.public_answer = "Đã trả kết quả, xin lỗi ông bà."
    item.save()
    assert "xin lỗi ông bà" in client.get(f"/phan-anh/cong-khai/{item.pk}/").content.decode()
