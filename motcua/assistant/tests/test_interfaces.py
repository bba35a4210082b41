"""POST /api/assistant, the chat page and the widget form (no JavaScript)."""

import pytest

from motcua.assistant.models import DeclinedQuestion


def test_api_answers_with_the_best_procedure_first(client, catalogue):
    body = client.post("/api/assistant", {"question": "dang ky ket hon"}, content_type="application/json").json()
    assert body["declined"] is False
    assert body["procedures"][0]["code"] == "1.000894"
    assert body["context_code"] == "1.000894"
    follow = client.post(
        "/api/assistant", {"question": "mất bao lâu?", "context_code": "1.000894"}, content_type="application/json"
    ).json()
    assert "Thời hạn giải quyết" in follow["answer"]


def test_api_declines_and_logs(client, catalogue):
    body = client.post("/api/assistant", {"question": "giá vàng hôm nay"}, content_type="application/json").json()
    assert body["declined"] is True and body["procedures"] == []
    assert DeclinedQuestion.objects.get().channel == "api"


@pytest.mark.parametrize(
    "payload,status",
    [({"question": ""}, 422), ({"question": "x" * 501}, 422), ({"question": "khai sinh", "agency": "KHONG-CO"}, 404)],
)
def test_api_rejects_bad_input(client, catalogue, payload, status):
    response = client.post("/api/assistant", payload, content_type="application/json")
    assert response.status_code == status


def test_chat_page_keeps_the_conversation_in_the_session(client, catalogue):
    assert client.get("/tro-ly-ao/").status_code == 200
    response = client.post("/tro-ly-ao/", {"question": "đăng ký kết hôn"}, follow=True)
    assert "Thủ tục đăng ký kết hôn (mã 1.000894)" in response.content.decode()
    response = client.post("/tro-ly-ao/", {"question": "phí bao nhiêu?"}, follow=True)
    page = response.content.decode()
    assert "Phí, lệ phí" in page
    assert client.session["assistant_code"] == "1.000894"


def test_widget_form_asks_about_its_procedure(client, catalogue):
    response = client.post("/tro-ly-ao/", {"question": "mất bao lâu?", "procedure": "1.001193"}, follow=True)
    page = response.content.decode()
    assert "Thủ tục đăng ký khai sinh (mã 1.001193)" in page
    assert "Thời hạn giải quyết" in page


def test_widget_template_renders_a_plain_form(catalogue):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from motcua.catalogue.models import Procedure

    html = render_to_string(
        "portal/assistant/widget.html", {"procedure": Procedure.objects.get(code="1.001193")}, request=RequestFactory().get("/")
    )
    assert 'action="/tro-ly-ao/"' in html
    assert 'name="procedure" value="1.001193"' in html


def test_chat_page_numbered_choice_links_and_votes(client, catalogue):
    from motcua.assistant.models import AnswerVote

    page = client.post("/tro-ly-ao/", {"question": "căn cước"}, follow=True).content.decode()
    assert "Bạn muốn hỏi thủ tục nào?" in page and "<ol" in page
    offered = client.session["assistant_offered"]
    page = client.post("/tro-ly-ao/", {"question": "2"}, follow=True).content.decode()
    assert client.session["assistant_code"] == offered[1]["code"]
    assert f'href="/thu-tuc/{offered[1]["code"]}/"' in page
    assert "/thu-tuc/" not in page.split('class="assistant-text"')[-1].split("</p>")[0]  # no raw path as text
    page = client.post("/tro-ly-ao/", {"question": "mất bao lâu?"}, follow=True).content.decode()
    assert client.session["assistant_code"] == offered[1]["code"] and "Thời hạn giải quyết" in page
    page = client.post("/tro-ly-ao/", {"vote": "down", "turn": "2"}, follow=True).content.decode()
    assert "Cán bộ sẽ xem lại câu hỏi này" in page
    client.post("/tro-ly-ao/", {"vote": "up", "turn": "2"})  # once per answer
    vote = AnswerVote.objects.get()
    assert (vote.useful, vote.code, vote.question) == (False, offered[1]["code"], "mất bao lâu?")
    assert DeclinedQuestion.objects.get().reason == "disliked"


def test_api_sends_the_offered_list_back_for_a_numbered_pick(client, catalogue):
    body = client.post("/api/assistant", {"question": "căn cước"}, content_type="application/json").json()
    assert body["choose"] is True and len(body["offered"]) >= 2
    assert body["procedures"][0]["url"].startswith("/thu-tuc/")
    picked = client.post("/api/assistant", {"question": "cái thứ hai", "offered": body["offered"]},
                         content_type="application/json").json()
    assert picked["context_code"] == body["offered"][1]
