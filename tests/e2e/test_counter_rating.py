"""A citizen rates the officer at the counter tablet, online and while the network is down."""

import pytest

from motcua.ratings.models import CounterDevice, CounterRating

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def device(world):
    """The counter tablet of Lan (reception at the centre of the shared city, tests/world.py)."""
    membership = world.lan.memberships.get()
    return CounterDevice.objects.create(agency=world.centre, counter="Quầy số 3", officer=membership)


def wait_for_ratings(page, n):
    page.wait_for_function("n => window.motcuaCounter && window.motcuaCounter.queued() === 0", arg=n)
    assert CounterRating.objects.count() == n


def test_citizen_rates_the_officer_at_the_counter(page, device):
    page.goto(f"/danh-gia/quay/{device.token}/")
    assert page.get_by_text("Nguyễn Thị Lan").is_visible()
    page.get_by_role("button", name="Rất hài lòng").click()
    assert page.get_by_text("Cảm ơn Ông/Bà đã đánh giá!").is_visible()
    wait_for_ratings(page, 1)
    rating = CounterRating.objects.get()
    assert (rating.score, rating.officer.username, rating.agency_id) == (5, "lan", device.agency_id)
    # The buttons come back for the next citizen.
    page.get_by_role("button", name="Không hài lòng", exact=True).wait_for(state="visible")


def test_a_rating_made_offline_is_sent_when_the_network_returns(page, device):
    page.goto(f"/danh-gia/quay/{device.token}/")
    page.context.set_offline(True)
    page.get_by_role("button", name="Hài lòng", exact=True).click()
    assert page.get_by_text("Cảm ơn Ông/Bà đã đánh giá!").is_visible()
    page.get_by_text("Đang chờ gửi 1 đánh giá").wait_for()
    assert page.evaluate("window.motcuaCounter.queued()") == 1
    assert CounterRating.objects.count() == 0
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    wait_for_ratings(page, 1)
    rating = CounterRating.objects.get()
    assert rating.score == 4 and rating.officer.username == "lan"
    # A second upload of the same press (e.g. a retry racing the first) changes nothing.
    page.evaluate("window.motcuaCounter.flush()")
    assert CounterRating.objects.count() == 1


def test_the_page_works_as_a_plain_form_without_javascript(browser, live_server, device):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(f"/danh-gia/quay/{device.token}/")
        page.get_by_role("button", name="Rất không hài lòng").click()
        assert page.get_by_text("Cảm ơn Ông/Bà đã đánh giá!").is_visible()
        rating = CounterRating.objects.get()
        assert rating.score == 1 and rating.officer.username == "lan"
    finally:
        context.close()


def test_the_tablet_shows_the_new_officer_after_a_change_of_shift(page, device, world):
    page.goto(f"/danh-gia/quay/{device.token}/")
    device.officer = world.quang.memberships.get()  # the centre's head takes the counter
    device.save()
    page.evaluate("window.motcuaCounter.refreshOfficer()")
    page.get_by_text("Vũ Minh Quang").wait_for()
    page.get_by_role("button", name="Rất hài lòng").click()
    wait_for_ratings(page, 1)
    assert CounterRating.objects.get().officer == world.quang
