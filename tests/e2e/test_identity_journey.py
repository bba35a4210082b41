"""A citizen signs in through the national identity sandbox, files a birth registration in which identity and
residence are not asked again, and checks the signed result on the public verification page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from weasyprint import HTML

from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.guides.tests.world import birth_world
from sandboxes.identity_provider import PASSWORD
from sandboxes.people import adults

pytestmark = pytest.mark.e2e


@pytest.fixture
def national_services(settings, identity_provider, population_registry_url, tmp_path):
    settings.IDENTITY_PROVIDER = {**settings.IDENTITY_PROVIDER, "issuer": identity_provider["issuer"]}
    settings.MOTCUA_CONNECTIONS = {"population_registry": {"url": population_registry_url}}
    settings.MOTCUA_SIGNING_DIR = tmp_path / "signing"


def test_sign_in_file_with_registry_data_and_verify_the_signed_result(page, national_services, tmp_path):
    world = birth_world()
    mother = next(p for p in adults() if p.sex == "nu" and p.birth_date.year >= 1985 and p.assurance_level == 2)

    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_role("link", name="Đăng nhập bằng tài khoản định danh điện tử (VNeID)").click()
    page.get_by_text("MÔI TRƯỜNG MÔ PHỎNG").wait_for()  # the provider's page, which names itself a sandbox
    page.get_by_label("Số định danh cá nhân").fill(mother.pid)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/tai-khoan/ho-so/")

    page.goto("/nop-ho-so/1.001193/")
    page.get_by_text("được điền sẵn").wait_for()
    page.get_by_role("button", name="Bắt đầu").click()
    for answer in ("cha-me", "co", "khong"):  # parents file; a birth certificate exists; no special case
        page.locator(f"input[value='{answer}']").check()
        page.get_by_role("button", name="Tiếp tục").click()
    page.locator("input[value='person']").check()
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Số điện thoại di động").fill("0912345678")  # name, number and address are not asked
    page.get_by_role("button", name="Tiếp tục").click()
    for name, value in {"tk_ten_tre": "NGUYỄN MINH AN", "tk_ngay_sinh": "01/11/2026", "tk_gioi_tinh": "Nam",
                        "tk_dan_toc": "Kinh", "tk_quoc_tich": "Việt Nam", "tk_noi_sinh": "Bệnh viện Phụ sản Hà Nội",
                        "tk_que_quan": "Hà Nội", "tk_quan_he": "mẹ"}.items():
        radio = page.locator(f"input[type=radio][name={name}][value='{value}']")
        if radio.count():
            radio.check()
            continue
        field = page.locator(f"[name={name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_role("button", name="Tiếp tục").click()
    page.locator("[name=tk_ten_me]").fill(mother.full_name.upper())
    page.get_by_role("button", name="Tiếp tục").click()
    scan = tmp_path / "giay-chung-sinh.pdf"
    scan.write_bytes(b"%PDF-1.4\n% scan\n")
    page.locator("input[type=file]").set_input_files(str(scan))
    page.get_by_role("button", name="Tiếp tục").click()
    page.locator("input[value='online']").check()
    page.get_by_role("button", name="Tiếp tục").click()
    assert page.get_by_text(f"{mother.full_name} (đã xác thực)").is_visible()
    assert page.get_by_text(mother.address).first.is_visible()
    page.get_by_role("button", name="Đồng ý và gửi hồ sơ").click()
    page.wait_for_url("**/da-gui/**")

    dossier = Dossier.objects.get()
    assert dossier.applicant_source == "registry" and dossier.applicant_address == mother.address
    now = timezone.now()  # the agencies do their part (their pages are tested in test_dossier_journey)
    dossier = services.accept_dossier(dossier, actor=world.lan, at=now)
    dossier = services.assign_handler(dossier, actor=world.minh, handler=world.binh, at=now)
    dossier = services.complete_step(dossier, actor=world.binh, at=now)
    dossier = services.complete_step(dossier, actor=world.hoa, at=now)
    result = HTML(string="<h1>Trích lục khai sinh</h1>").write_pdf()
    services.issue_result(dossier, actor=world.lan, at=now,
                          result_file=SimpleUploadedFile("kq.pdf", result, content_type="application/pdf"))

    page.goto("/tai-khoan/kho-du-lieu/")
    link = page.get_by_role("link", name="Xem tệp").first.get_attribute("href")
    signed = tmp_path / "ket-qua.pdf"
    signed.write_bytes(page.request.get(link).body())  # as the citizen's browser fetches it, with its session
    page.goto("/xac-thuc-van-ban/")
    page.get_by_label("Tệp PDF").set_input_files(str(signed))
    page.get_by_role("button", name="Kiểm tra").click()
    assert page.get_by_role("heading", name="Chữ ký hợp lệ").is_visible()
