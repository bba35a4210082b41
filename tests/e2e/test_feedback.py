"""A citizen files feedback without an account, then follows it by code from another browser and confirms it."""

import re

import pytest
from django.utils import timezone

from motcua.feedback import services
from motcua.feedback.models import Feedback


@pytest.fixture
def city(world):
    """The shared city (tests/world.py): Bình handles feedback at Sở Tư pháp."""
    return {"justice": world.justice, "binh": world.binh}


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_file_without_account_and_follow_by_code(page, browser, live_server, city):
    page.goto("/phan-anh/")
    page.get_by_role("link", name="Gửi phản ánh, kiến nghị").first.click()
    page.get_by_label("Loại phản ánh, kiến nghị").select_option("thu_tuc")
    page.get_by_label("Tiêu đề").fill("Chậm trả kết quả đăng ký khai sinh")
    page.get_by_label("Nội dung").fill("Tôi nộp hồ sơ ngày 02/11, đã quá hạn hẹn trả mà chưa có kết quả.")
    page.get_by_label("Cơ quan liên quan (nếu biết)").select_option(label="Sở Tư pháp")
    page.get_by_label("Họ và tên").fill("Nguyễn Văn An")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_role("button", name="Gửi phản ánh").click()
    code = page.locator("#ma-phan-anh").inner_text().strip()
    assert re.fullmatch(r"PA\d{6}-[A-Z2-9]{6}", code)
    assert "Sở Tư pháp" in page.content()

    item = Feedback.objects.get(code=code)
    services.accept_feedback(item, actor=city["binh"], at=timezone.now())
    services.answer_feedback(item, actor=city["binh"], at=timezone.now(), answer="Sở đã trả kết quả qua bưu điện.")

    other = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", base_url=live_server.url)
    try:
        tracker = other.new_page()
        assert tracker.goto(f"/phan-anh/tra-cuu/{code}/").status == 404  # the code alone is not enough
        tracker.goto("/phan-anh/tra-cuu/")
        tracker.get_by_label("Mã phản ánh").fill(code)
        tracker.get_by_label("4 số cuối điện thoại", exact=False).fill("5678")
        tracker.get_by_role("button", name="Tra cứu").click()
        assert tracker.locator("#trang-thai").inner_text() == "Đã trả lời, chờ công khai"
        assert "Sở đã trả kết quả qua bưu điện." in tracker.locator("#tra-loi").inner_text()
        assert "Đúng hạn" in tracker.content() or "Trước hạn" in tracker.content()
        tracker.get_by_role("button", name="Đã được giải quyết").click()
        assert "Cảm ơn bạn đã xác nhận." in tracker.content()
    finally:
        other.close()
    item.refresh_from_db()
    assert item.resolved_confirmed_at is not None
