"""A parent files a birth registration (1.001193) online for an ordinary family: three situation questions,
the declaration as fields, one upload (Giấy chứng sinh); on a desktop and on a 375-px phone.

The procedure has its real catalogue rows (33) and the shipped reviewed layer (guides/data/layers.json).
"""

import pytest

from motcua.dossiers.models import Dossier

PDF = {"name": "giay-chung-sinh.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% scan of a paper\n"}


@pytest.fixture
def birth(db):
    from motcua.guides.tests.world import birth_world

    return birth_world()


def fits(page, width):
    if width:
        assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def next_page(page, width):
    page.get_by_role("button", name="Tiếp tục").click()
    page.wait_for_load_state()
    fits(page, width)


def file_birth_registration(page, width=None):
    if width:
        page.set_viewport_size({"width": width, "height": 800})
    page.goto("/nop-ho-so/1.001193/")
    fits(page, width)
    assert page.get_by_text("cơ quan sẽ tự tra cứu", exact=False).is_visible()
    page.get_by_role("button", name="Bắt đầu").click()
    page.get_by_label("Cha hoặc mẹ của trẻ").check()
    next_page(page, width)
    page.get_by_label("Có Giấy chứng sinh", exact=True).check()
    next_page(page, width)
    page.get_by_label("Không", exact=True).check()
    next_page(page, width)
    page.get_by_label("Cá nhân").check()
    next_page(page, width)
    page.get_by_label("Họ và tên của người nộp").fill("Nguyễn Thị Ngọc Ánh")
    next_page(page, width)
    page.get_by_label("Số định danh cá nhân").fill("001190012345")
    next_page(page, width)
    page.get_by_label("Số điện thoại di động").fill("0912 345 678")
    next_page(page, width)
    page.get_by_label("Địa chỉ của bạn?").fill("12 Hàng Bạc, phường Hoàn Kiếm, Hà Nội")
    next_page(page, width)
    page.get_by_label("Họ, chữ đệm, tên của trẻ").fill("NGUYỄN MINH AN")
    page.get_by_label("Ngày, tháng, năm sinh").fill("01/11/2026")
    page.get_by_label("Nam", exact=True).check()
    page.get_by_label("Dân tộc", exact=True).fill("Kinh")
    page.get_by_label("Quốc tịch", exact=True).fill("Việt Nam")
    page.get_by_label("Nơi sinh", exact=True).fill("Bệnh viện Phụ sản Hà Nội")
    page.get_by_label("Quê quán", exact=True).fill("Hà Nội")
    page.get_by_label("Quan hệ của người đi đăng ký với trẻ").fill("mẹ")
    next_page(page, width)
    page.get_by_label("Họ, chữ đệm, tên của cha").fill("NGUYỄN VĂN BÌNH")
    next_page(page, width)
    page.get_by_label("Họ, chữ đệm, tên của mẹ").fill("NGUYỄN THỊ NGỌC ÁNH")
    next_page(page, width)
    assert page.get_by_role("heading", name="Tải lên: Giấy chứng sinh").is_visible()
    page.get_by_label("Chọn tệp").set_input_files(PDF)
    next_page(page, width)  # the only upload: next comes the delivery question
    page.get_by_label("Nhận tại Bộ phận Một cửa").check()
    next_page(page, width)
    assert page.get_by_role("heading", name="Kiểm tra lại thông tin trước khi gửi").is_visible()
    page.get_by_role("button", name="Đồng ý và gửi hồ sơ").click()
    page.wait_for_load_state()
    fits(page, width)
    return page.locator("#ma-dang-ky").inner_text().strip()


def assert_one_upload_and_the_declaration(reference):
    d = Dossier.objects.get(reference=reference)
    with_files = [c for c in d.components.prefetch_related("files") if c.files.exists()]
    assert sorted(c.name for c in with_files) == ["Giấy chứng sinh", "Tờ khai đăng ký khai sinh (điền trực tuyến)"]
    assert d.status == "submitted"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_parent_files_a_birth_registration_with_one_upload(page, birth):
    assert_one_upload_and_the_declaration(file_birth_registration(page))


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_same_on_a_375_px_phone(page, birth):
    assert_one_upload_and_the_declaration(file_birth_registration(page, width=375))
