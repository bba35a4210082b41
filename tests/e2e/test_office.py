"""The modern one-stop office in a real browser: kiosk → counter → hall display → dossier → rating; booking on the
official calendar; Green Friday compliance; a home visit that files an assisted online dossier."""

import time
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from motcua.dossiers.models import Channel, Dossier
from motcua.office.models import AgencyOfficeSettings, Appointment, HomeVisit, Ticket, TicketEvent
from motcua.ratings.models import CounterRating
from motcua.workdays.models import CalendarOverride
from motcua.workdays.services import clear_cache, get_calendar

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 375


@pytest.fixture
def office(db, settings):
    from motcua.dossiers import sms
    from motcua.office.tests.world import build_office_world

    settings.MOTCUA_SMS_BACKEND = "motcua.dossiers.sms.LocmemBackend"
    sms.outbox.clear()
    return build_office_world()


def phone_page(browser, live_server):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", base_url=live_server.url,
                                  viewport={"width": PHONE_WIDTH, "height": 760})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    return pg


def fits_the_phone(pg):
    return pg.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def test_kiosk_ticket_is_called_shown_on_the_display_then_dossier_taken_and_rating_recorded(
        browser, live_server, sign_in, office):
    citizen = phone_page(browser, live_server)
    display = phone_page(browser, live_server)
    try:
        citizen.goto("/mot-cua/T01-TTPVHCC/lay-so/")
        assert fits_the_phone(citizen)
        citizen.get_by_text("Người cao tuổi (từ đủ 60 tuổi)", exact=True).click()
        citizen.get_by_label("Số điện thoại để nhận tin nhắn").fill("0912 345 678")
        citizen.get_by_role("button", name="Lấy số", exact=True).click()
        citizen.get_by_label("Số thứ tự").wait_for()
        assert citizen.get_by_label("Số thứ tự").inner_text() == "1001"
        assert citizen.get_by_text("Ưu tiên: Người cao tuổi").is_visible() and fits_the_phone(citizen)
        pdf = citizen.request.get(citizen.get_by_role("link", name="In phiếu (PDF)").get_attribute("href"))
        assert pdf.ok and pdf.body().startswith(b"%PDF")

        display.goto("/mot-cua/T01-TTPVHCC/man-hinh/")
        assert fits_the_phone(display)
        lan = sign_in(office.base.lan)
        lan.goto(f"/can-bo/mot-cua/quay/{office.counters[0].pk}/")
        lan.get_by_role("button", name="Gọi số tiếp theo").click()
        display.get_by_text("Mời số 1001 đến quầy 1").wait_for(timeout=5000)
        shown_at = time.time()
        called = TicketEvent.objects.get(kind="called").at  # when the call was recorded (same machine clock)
        shown_after = shown_at - called.timestamp()
        print(f"display updated {shown_after:.2f} s after the call was recorded")
        # The 1-second target (p95) is measured by bench/bench_office.py beside the minimal view; here the hall
        # display must follow the call by itself, within a bound a loaded test machine still meets.
        assert shown_after < 2.5
        voice = display.request.get("/mot-cua/loa.wav?so=1001&quay=1")
        assert voice.ok and voice.body()[:4] == b"RIFF"

        lan.get_by_role("link", name="Tiếp nhận hồ sơ").click()
        lan.get_by_label("Thủ tục").fill("đăng ký khai sinh")  # typed by name, resolved by search
        lan.get_by_role("button", name="Tiếp tục").click()
        lan.get_by_label("Họ và tên / Tên tổ chức").fill("Lê Thị Cúc")
        lan.get_by_label("Điện thoại").fill("0912345678")
        lan.get_by_role("button", name="Tiếp nhận và in giấy hẹn").click()
        dossier = Dossier.objects.get(applicant_name="Lê Thị Cúc")
        ticket = Ticket.objects.get(number=1001)
        assert ticket.dossier == dossier and dossier.status == "accepted"
        lan.set_viewport_size({"width": PHONE_WIDTH, "height": 760})
        lan.goto(f"/can-bo/mot-cua/quay/{office.counters[0].pk}/")
        assert fits_the_phone(lan)  # the counter page, staff menu included, works on a phone too
        lan.get_by_role("button", name="Hoàn thành").click()

        citizen.reload()
        citizen.get_by_role("button", name="Rất hài lòng").click()
        citizen.get_by_text("Cảm ơn Ông/Bà đã đánh giá").wait_for()
        rating = CounterRating.objects.get()
        assert (rating.score, rating.officer, rating.dossier) == (5, office.base.lan, dossier)
        assert Ticket.objects.get(pk=ticket.pk).rating == rating
        assert citizen.get_by_text(dossier.code).is_visible()
    finally:
        citizen.context.close()
        display.context.close()


def _next_holiday(after):
    cal = get_calendar()
    return min(d for d, note in cal.notes.items() if note.kind == "holiday" and d > after)


def test_a_booking_on_a_holiday_is_refused_and_one_on_a_make_up_saturday_accepted(browser, live_server, office):
    from django.core.management import call_command

    call_command("seed_calendar", verbosity=0)  # transactional tests flush the seeded calendar years
    today = timezone.localdate()
    holiday = _next_holiday(today)
    AgencyOfficeSettings.objects.create(agency=office.base.centre, booking_days_ahead=(holiday - today).days + 30)
    saturday = today + timedelta(days=(5 - today.weekday()) % 7 or 7)
    CalendarOverride.objects.create(date=saturday, kind=CalendarOverride.Kind.WORKING_DAY,
                                    reason="Thứ Bảy làm bù (dữ liệu thử nghiệm)")
    clear_cache()
    pg = phone_page(browser, live_server)
    try:
        pg.goto(f"/dat-lich/?co_quan=T01-TTPVHCC&thu_tuc=1.001193&ngay={holiday:%d/%m/%Y}")
        pg.get_by_text(f"Ngày {holiday:%d/%m/%Y} không phải ngày làm việc").wait_for()
        pg.goto(f"/dat-lich/?co_quan=T01-TTPVHCC&thu_tuc=1.001193&ngay={saturday:%d/%m/%Y}")
        assert fits_the_phone(pg)
        pg.locator(".slots label").first.click()
        pg.get_by_label("Họ và tên").fill("Phạm Văn Đức")
        pg.get_by_label("Số điện thoại").fill("0987 654 321")
        pg.get_by_role("button", name="Đặt lịch").click()
        pg.get_by_text("Đã đặt").wait_for()
        booked = Appointment.objects.get()
        assert timezone.localtime(booked.starts_at).date() == saturday and booked.status == "booked"
        assert fits_the_phone(pg)
    finally:
        pg.context.close()


def test_green_friday_dossier_returned_in_45_minutes_is_within_target_and_in_75_is_not(sign_in, office):
    from motcua.office.tests.test_programmes import give_back, take

    friday = date(2026, 12, 4)
    fast = take(office, timezone.make_aware(datetime.combine(friday, datetime.min.time()).replace(hour=9)))
    slow = take(office, timezone.make_aware(datetime.combine(friday, datetime.min.time()).replace(hour=14)))
    give_back(office, fast, timedelta(minutes=45))
    give_back(office, slow, timedelta(minutes=75))
    thu = sign_in(office.thu)
    thu.goto(f"/can-bo/ho-so/{fast.code}/")
    assert "Đã trả sau 45 phút làm việc: đạt cam kết" in thu.locator("#dong-ho-chuong-trinh").inner_text()
    thu.goto(f"/can-bo/ho-so/{slow.code}/")
    assert "Đã trả sau 75 phút làm việc: không đạt cam kết" in thu.locator("#dong-ho-chuong-trinh").inner_text()
    thu.get_by_role("link", name="Chương trình").click()
    assert "1/2 hồ sơ đạt (50%)" in thu.locator(".programme-share").first.inner_text()
    thu.goto("/chuong-trinh/")
    assert "1/2 hồ sơ đạt (50%)" in thu.locator(".programme-share").first.inner_text()


def test_a_home_visit_files_an_assisted_online_dossier(browser, live_server, sign_in, office, tmp_path):
    relative = phone_page(browser, live_server)
    try:
        relative.goto("/ho-tro-tai-nha/")
        assert fits_the_phone(relative)
        relative.get_by_text("Tôi là người thân").click()
        relative.get_by_label("Họ tên người đề nghị").fill("Nguyễn Văn Con")
        relative.get_by_label("Điện thoại người đề nghị").fill("0912000111")
        relative.get_by_label("Họ tên người cần hỗ trợ").fill("Nguyễn Thị Mẹ")
        relative.get_by_label("Địa chỉ").fill("Thôn 3, xã Hoài Đức")
        relative.get_by_label("Mã thủ tục (nếu biết)").fill("1.001193")
        relative.get_by_label("Lý do cần hỗ trợ tại nhà").select_option("age")
        relative.get_by_role("button", name="Gửi đề nghị").click()
        relative.get_by_text("Đã gửi đề nghị").wait_for()
    finally:
        relative.context.close()
    visit = HomeVisit.objects.get()
    thu = sign_in(office.thu)
    thu.get_by_role("link", name="Hỗ trợ tại nhà").click()
    thu.get_by_role("link", name=visit.code).click()
    slot = timezone.localtime() + timedelta(days=1)
    thu.get_by_label("Giờ hẹn đến nhà").fill(slot.strftime("%Y-%m-%dT10:00"))
    thu.get_by_role("button", name="Phân công").click()
    scan = tmp_path / "giay-chung-sinh.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    thu.get_by_label("Giấy chứng sinh", exact=False).first.set_input_files(str(scan))
    thu.get_by_label("Số CCCD").fill("001190012345")
    thu.get_by_role("button", name="Nộp trực tuyến").click()
    thu.get_by_text("Đã nộp hồ sơ trực tuyến").wait_for()
    dossier = Dossier.objects.get()
    assert dossier.channel == Channel.ONLINE and dossier.assisted_by == office.thu
    thu.set_viewport_size({"width": PHONE_WIDTH, "height": 760})
    assert fits_the_phone(thu)
    thu.get_by_label("Người dân đánh giá").select_option("5")
    thu.get_by_role("button", name="Ghi nhận").click()
    visit.refresh_from_db()
    assert visit.status == "visited" and visit.rating == 5 and list(visit.dossiers.all()) == [dossier]
