"""axe-core (vendored, tests/e2e/vendor/axe-core) finds no serious or critical violation on the main pages,
on a desktop screen and on a 375-px phone (where tables become cards and charts are redrawn)."""

from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

from .site_pages import arguments, build_city, prove_feedback_sender
from .test_phone_width import PHONE, sign_in

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
MAIN_PAGES = {
    None: ["portal:home", "portal:catalogue", "portal:procedure", "portal:board", "portal:board_dossiers",
           "portal:calendar", "portal:feedback_list", "portal:feedback_file", "portal:feedback_public",
           "portal:feedback_status", "portal:track", "portal:login", "portal:register", "portal:assistant",
           "portal:apply_start", "portal:survey", "portal:counter_device"],
    "citizen": ["portal:my_dossiers", "portal:my_dossier"],
    "staff": ["console:home", "console:intake", "console:dossier", "console:dashboard", "console:feedback_inbox"],
}
SCREENS = [PHONE, {"width": 1280, "height": 800}]
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def serious_violations(page):
    page.evaluate(AXE)  # run by the browser's debugging protocol: the page's CSP refuses an inline script tag
    return page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)""")


def test_main_pages_have_no_serious_accessibility_violation(browser, live_server):
    from tests.world import PASSWORD

    cache.clear()
    city = build_city()
    args = arguments(city)
    people = {"staff": city.world.lan, "citizen": city.world.anh}
    found = {}
    for screen in SCREENS:
        for who, names in MAIN_PAGES.items():
            context = browser.new_context(viewport=screen, locale="vi-VN", base_url=live_server.url)
            page = context.new_page()
            if who:
                sign_in(page, people[who].username, PASSWORD)
            else:
                prove_feedback_sender(page, city)
            for name in names:
                url = reverse(name, kwargs=args.get(name))
                assert page.goto(url).status == 200, url
                if problems := serious_violations(page):
                    found[f"{screen["width"]}px {url}"] = problems
            context.close()
    assert found == {}
