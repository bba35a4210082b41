"""Every public and staff page fits a 375-px phone: the document is never wider than the screen.

The pages come from the URLconf (tests/e2e/site_pages.py), so a new page is measured as soon as it is routed.
"""

import pytest
from playwright.sync_api import Error as PlaywrightError

from .site_pages import build_city, page_urls, prove_feedback_sender, unlisted_routes

PHONE = {"width": 375, "height": 740}
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_every_page_fits_a_375px_phone(browser, live_server):
    from tests.world import PASSWORD

    city = build_city()
    assert unlisted_routes(city) == [], "a new page: give it arguments in site_pages.arguments() or list it in NOT_PAGES"
    people = {"staff": city.world.lan, "head": city.world.minh, "ward": city.office.thu, "citizen": city.world.anh}
    tabs = {}
    too_wide = []
    for url, who in page_urls(city):
        if who not in tabs:
            context = browser.new_context(viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
                                          base_url=live_server.url)
            tabs[who] = context.new_page()
            if who:
                sign_in(tabs[who], people[who].username, PASSWORD)
            else:
                prove_feedback_sender(tabs[who], city)
        page = tabs[who]
        try:
            status = page.goto(url).status
        except PlaywrightError:  # Chromium shows no page for an empty error response
            status = page.request.get(url).status
        if status == 405:
            continue  # an action that only takes POST: not a page
        assert status < 500, f"{url}: HTTP {status}"
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide.append((url, who, width))
    for page in tabs.values():
        page.context.close()
    assert too_wide == []
    assert len(page_urls(city)) >= 30  # the check really visited the site, not an empty list


def sign_in(page, username, password):
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
