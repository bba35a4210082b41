"""The Content-Security-Policy is sent and enforced, and the suite's watch (conftest.no_csp_violation) sees a
violation: every other browser test relies on it to prove its pages break none."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_policy_blocks_an_injected_script_and_the_watch_reports_it(page, no_csp_violation):
    response = page.goto("/lich-lam-viec/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    assert no_csp_violation == []  # the page itself breaks nothing
    page.evaluate("""() => { const s = document.createElement("script"); s.textContent = "window.injected = 1";
                             document.head.appendChild(s); }""")
    page.wait_for_function("() => document.readyState === 'complete'")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.injected") is None
    assert any("script-src" in v for v in no_csp_violation), no_csp_violation
    no_csp_violation.clear()  # that violation was the test's own
