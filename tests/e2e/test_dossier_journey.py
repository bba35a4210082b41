"""A citizen submits a dossier online; officers accept it, route it through two agencies and return the result;
the citizen follows it by code and the last four digits of their phone.

Set MOTCUA_E2E_SHOTS=<dir> to keep screenshots of each stage.
"""

import os
import re
from pathlib import Path

import pytest

from motcua.dossiers.models import Dossier

PDF = {"name": "giay-chung-sinh.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% scan of a paper\n"}


def shot(page, name):
    folder = os.environ.get("MOTCUA_E2E_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def citizen_submits_online(page):
    page.goto("/nop-ho-so/1.001193/")
    page.get_by_role("button", name="Bắt đầu").or_(page.get_by_role("link", name="Bắt đầu")).click()
    page.get_by_label("Cá nhân").check()
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Họ và tên của người nộp").fill("Nguyễn Thị Ngọc Ánh")
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Số định danh cá nhân").fill("001190012345")
    page.get_by_role("button", name="Tiếp tục").click()
    shot(page, "00-cau-hoi")
    page.get_by_label("Số điện thoại di động").fill("0912 345 678")
    page.get_by_label("Thư điện tử").fill("anh@example.vn")
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Địa chỉ của bạn?").fill("12 Hàng Bạc, phường Hoàn Kiếm, Hà Nội")
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Chọn tệp").set_input_files(PDF)
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Tôi không thuộc trường hợp phải nộp giấy tờ này").check()
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Nhận tại Bộ phận Một cửa").check()
    page.get_by_role("button", name="Tiếp tục").click()
    assert page.get_by_role("heading", name="Kiểm tra lại thông tin trước khi gửi").is_visible()
    shot(page, "01-kiem-tra")
    page.get_by_role("button", name="Đồng ý và gửi hồ sơ").click()
    shot(page, "02-da-gui")
    return page.locator("#ma-dang-ky").inner_text().strip()


def act(page, button):
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()
    assert "Đã thực hiện" in page.content(), page.locator(".error-summary").all_inner_texts()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_online_dossier_through_two_agencies_to_tracking(page, sign_in, world):
    w = world
    reference = citizen_submits_online(page)
    assert re.fullmatch(r"[0-9A-F]{12}", reference)

    lan = sign_in(w.lan)
    assert lan.url.endswith("/can-bo/")
    shot(lan, "03a-hop-ho-so")
    lan.get_by_role("link", name=reference).click()
    shot(lan, "03-can-bo-ho-so-moi")
    act(lan, "Tiếp nhận hồ sơ")
    code = Dossier.objects.get(reference=reference).code
    assert code.startswith("T01-TTPVHCC-") and code in lan.content()
    slip = lan.request.get(lan.get_by_role("link", name="In Mẫu 01").get_attribute("href"))
    assert slip.ok and slip.headers["content-type"] == "application/pdf"

    minh = sign_in(w.minh)
    minh.goto(f"/can-bo/ho-so/{code}/")
    minh.get_by_label("Giao cho").select_option(label="Lê Thị Bình")
    act(minh, "Phân công xử lý")

    binh = sign_in(w.binh)
    binh.goto(f"/can-bo/?q={code}")
    binh.get_by_role("link", name=code).click()
    act(binh, "Hoàn thành bước, chuyển tiếp")

    hoa = sign_in(w.hoa)
    hoa.goto("/can-bo/")
    hoa.get_by_role("link", name=code).click()
    act(hoa, "Hoàn thành bước, chuyển tiếp")
    shot(hoa, "04-so-noi-vu-xong")

    lan.goto(f"/can-bo/ho-so/{code}/")
    act(lan, "Có kết quả giải quyết")
    act(lan, "Trả kết quả")
    shot(lan, "05-da-tra")
    assert Dossier.objects.get(code=code).status == "returned"

    page.goto(f"/tra-cuu/?ma={code}")  # what the QR code on the receipt opens
    page.get_by_label("4 số cuối").fill("5678")
    page.get_by_role("button", name="Tra cứu").click()
    shot(page, "06-tra-cuu")
    assert page.locator("#trang-thai").inner_text() == "Đã trả kết quả"
    history = page.locator(".timeline").inner_text()
    for step in ("Mới đăng ký", "Được tiếp nhận", "Đang xử lý", "Đã xử lý xong", "Đã trả kết quả"):
        assert step in history
    assert "Sở Tư pháp" in history and "Sở Nội vụ" in history


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_counter_officer_takes_a_walk_in_and_prints_the_slip_in_under_a_minute(sign_in, world):
    import time

    lan = sign_in(world.lan)
    started = time.monotonic()
    lan.get_by_role("link", name="Tiếp nhận hồ sơ tại quầy").click()
    lan.get_by_label("Thủ tục").fill("1.001193")
    lan.get_by_role("button", name="Tiếp tục").click()
    lan.get_by_label("Họ và tên / Tên tổ chức").fill("Trần Văn Nam")
    lan.get_by_label("Điện thoại").fill("0911222333")
    lan.get_by_role("button", name="Tiếp nhận và in giấy hẹn").click()
    slip = lan.request.get(lan.get_by_role("link", name="In Mẫu 01").get_attribute("href"))
    elapsed = time.monotonic() - started
    shot(lan, "07-quay-tiep-nhan")
    assert slip.ok and slip.body().startswith(b"%PDF")
    assert elapsed < 60
    d = Dossier.objects.get(applicant_name="Trần Văn Nam")
    assert d.status == "accepted" and d.code in lan.content()
    print(f"counter intake to printable slip: {elapsed:.1f} s")
