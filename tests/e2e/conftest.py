"""End-to-end tests drive Debian's Chromium (/usr/bin/chromium) with Playwright against a live server.

No browser is downloaded: Playwright launches the system binary. Tests here are marked `e2e`. Every page any of
them opens must produce no Content-Security-Policy violation (no_csp_violation).
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("MOTCUA_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


# Reports each `securitypolicyviolation` event on the console, beside Chromium's own "Refused to …" messages.
REPORT_VIOLATIONS = """document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " +
                e.sourceFile + ":" + e.lineNumber);
});"""


def watch_csp(context, violations):
    """Collect into `violations` the CSP violations of every page of the browser `context`."""
    context.add_init_script(REPORT_VIOLATIONS)

    def on_console(message):
        if "Content Security Policy" in message.text or message.text.startswith("CSP violation"):
            violations.append(f"{message.page.url if message.page else '?'}: {message.text}")

    context.on("console", on_console)


@pytest.fixture(autouse=True)
def no_csp_violation(request):
    """Every browser context a test opens is watched; the test fails if any page broke the policy."""
    if "browser" not in request.fixturenames:
        yield []
        return
    browser = request.getfixturevalue("browser")
    violations, open_context = [], browser.new_context

    def new_context(*args, **kwargs):
        context = open_context(*args, **kwargs)
        watch_csp(context, violations)
        return context

    browser.new_context = new_context
    yield violations
    del browser.new_context
    assert violations == [], "\n".join(violations)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", base_url=live_server.url)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


@pytest.fixture
def assistant_index(db):
    """The citizen vocabulary, and the assistant's in-process catalogue index dropped before and after the test (a
    test then makes the catalogue it asks about)."""
    from motcua.assistant.catalogue_index import reset
    from motcua.catalogue.tests.samples import ensure_vocabulary

    ensure_vocabulary()
    reset()
    yield
    reset()


@pytest.fixture
def sign_in(browser, live_server):
    """Return a function that opens a fresh browser context signed in as `user` and returns its page."""
    from tests.world import PASSWORD

    contexts = []

    def open_as(user):
        context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", base_url=live_server.url)
        contexts.append(context)
        pg = context.new_page()
        pg.set_default_timeout(15000)
        pg.goto("/tai-khoan/dang-nhap/")
        pg.get_by_label("Tên đăng nhập").fill(user.username)
        pg.get_by_label("Mật khẩu").fill(PASSWORD)
        pg.get_by_role("button", name="Đăng nhập").click()
        pg.wait_for_load_state()
        return pg

    yield open_as
    for context in contexts:
        context.close()
