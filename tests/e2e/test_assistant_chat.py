"""A citizen talks to the assistant in a real browser: a life event's numbered list answered with "2", a follow-up that
stays on the chosen procedure, links instead of raw paths, 👎 queuing the question, and a 375-px phone fits."""

import pytest

from motcua.assistant.models import AnswerVote, DeclinedQuestion


@pytest.fixture
def small_catalogue(assistant_index):
    from motcua.assistant.tests.conftest import CATALOGUE
    from motcua.catalogue.services import create_version

    for code, data in CATALOGUE.items():
        create_version(code, data)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_choice_follow_up_links_and_dislike(page, small_catalogue):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/tro-ly-ao/")
    ask = page.get_by_label("Câu hỏi của bạn")
    ask.fill("bố tôi vừa mất thì gia đình cần làm những thủ tục gì")
    page.get_by_role("button", name="Hỏi", exact=True).click()
    assert "Trả lời bằng số thứ tự" in page.content()
    options = page.locator(".assistant-turn").last.locator("ol.assistant-links li a")
    assert options.count() >= 2
    second = options.nth(1).inner_text()
    ask = page.get_by_label("Câu hỏi của bạn")
    ask.fill("2")
    page.get_by_role("button", name="Hỏi", exact=True).click()
    last = page.locator(".assistant-turn").last
    assert second in last.locator(".assistant-text").inner_text()
    link = last.get_by_role("link", name=second)
    assert link.get_attribute("href").startswith("/thu-tuc/")
    assert "/thu-tuc/" not in last.locator(".assistant-text").inner_text()
    page.get_by_label("Câu hỏi của bạn").fill("mất bao lâu?")
    page.get_by_role("button", name="Hỏi", exact=True).click()
    last = page.locator(".assistant-turn").last
    text = last.locator(".assistant-text").inner_text()
    assert "Thời hạn giải quyết" in text and second in text
    last.get_by_role("button", name="Chưa hữu ích").click()
    assert "Cán bộ sẽ xem lại câu hỏi này" in page.content()
    assert AnswerVote.objects.get().useful is False
    assert DeclinedQuestion.objects.get().reason == "disliked"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
