"""The assistant widget of a procedure page in a real browser. The page is the same for every visitor (served from
the shared cache), so the widget fetches its CSRF token on submit; without JavaScript it opens the assistant's page
with the question filled in."""

import pytest


@pytest.fixture
def birth_catalogue(assistant_index):
    from motcua.catalogue.tests.samples import make_catalogue

    make_catalogue()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_widget_asks_about_the_procedure_from_a_cached_page(page, birth_catalogue):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/thu-tuc/1.001193/")
    page.goto("/thu-tuc/1.001193/")  # the second visit is the stored copy
    assert "csrfmiddlewaretoken" not in page.content()
    page.get_by_role("textbox", name="Hỏi trợ lý ảo về thủ tục này").fill("mất bao lâu?")
    page.get_by_role("button", name="Hỏi", exact=True).click()
    page.wait_for_url("**/tro-ly-ao/")
    text = page.locator(".assistant-turn").last.locator(".assistant-text").inner_text()
    assert "Thời hạn giải quyết" in text and "khai sinh" in text


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_widget_without_javascript_fills_in_the_assistant_page(browser, live_server, birth_catalogue):
    context = browser.new_context(locale="vi-VN", base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/thu-tuc/1.001193/")
    page.get_by_role("textbox", name="Hỏi trợ lý ảo về thủ tục này").fill("phí bao nhiêu?")
    page.get_by_role("button", name="Hỏi", exact=True).click()
    assert page.get_by_label("Câu hỏi của bạn").input_value() == "phí bao nhiêu?"
    page.get_by_role("button", name="Hỏi", exact=True).click()
    assert "Phí, lệ phí" in page.locator(".assistant-turn").last.locator(".assistant-text").inner_text()
    context.close()
