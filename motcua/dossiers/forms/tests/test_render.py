import subprocess
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.dossiers.forms import FormData, Handover, Paper, render_form, render_html
from motcua.lib.errors import NotFound

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def pdf_text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def pdf_info(pdf: bytes) -> str:
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def slip_data(**extra) -> FormData:
    values = dict(
        code="T01-TTPVHCC-261127-0007",
        agency_name="Trung tâm Phục vụ hành chính công thành phố Hà Nội",
        parent_agency_name="UBND thành phố Hà Nội",
        procedure_name="Đăng ký khai sinh",
        applicant_name="Nguyễn Thị Ngọc Ánh",
        applicant_address="Số 12 phố Hàng Bạc, phường Hoàn Kiếm",
        applicant_phone="0912345678",
        papers=[Paper("Tờ khai đăng ký khai sinh", originals=1), Paper("Giấy chứng sinh", originals=1, copies=2)],
        time_limit_text="3 ngày làm việc",
        received_at=datetime(2026, 11, 27, 9, 5, tzinfo=HCM),
        due_at=datetime(2026, 12, 2, 9, 5, tzinfo=HCM),
        return_place="Bộ phận một cửa, 258 Võ Chí Công",
        tracking_url="http://127.0.0.1:8000/tra-cuu/?ma=T01-TTPVHCC-261127-0007",
        hotline="024.1022",
        officer_name="Trần Văn Đức",
    )
    return FormData(**(values | extra))


def test_receipt_slip_renders_vietnamese_text_on_a5():
    pdf = render_form("01", slip_data())
    text = pdf_text(pdf)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Nguyễn Thị Ngọc Ánh" in text
    assert "T01-TTPVHCC-261127-0007" in text
    assert "Giấy chứng sinh: 1 bản chính, 2 bản sao" in text
    assert "09:05 ngày 27/11/2026" in text
    assert "09:05 ngày 02/12/2026" in text
    assert "3 ngày làm việc" in text
    assert "024.1022" in text
    assert "419.528 x 595.276 pts" in pdf_info(pdf)  # A5 = 148 x 210 mm


def test_receipt_slip_embeds_a_qr_code_to_the_tracking_page():
    html = render_html("01", slip_data())
    assert 'src="data:image/svg+xml' in html


def test_receipt_times_are_printed_in_hanoi_time():
    utc = ZoneInfo("UTC")
    html = render_html("01", slip_data(received_at=datetime(2026, 11, 27, 2, 5, tzinfo=utc)))
    assert "09:05 ngày 27/11/2026" in html


@pytest.mark.parametrize(
    "number,title",
    [
        ("02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
        ("03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
        ("04", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"),
        ("05", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
    ],
)
def test_each_form_has_its_legal_title(number, title):
    assert title.lower() in render_html(number, slip_data()).lower()


def test_apology_prints_the_reason_and_the_new_date():
    data = slip_data(reasons=["Chờ ý kiến của Sở Tư pháp"], new_due_at=datetime(2026, 12, 4, 16, 0, tzinfo=HCM))
    text = pdf_text(render_form("04", data))
    assert "Chờ ý kiến của Sở Tư pháp" in text
    assert "16:00 ngày 04/12/2026" in text


def test_control_sheet_marks_each_handover_on_time_or_late():
    due = datetime(2026, 11, 30, 17, 0, tzinfo=HCM)
    data = slip_data(
        handovers=[
            Handover("Bộ phận một cửa", "Sở Tư pháp", at=due.replace(day=27), due_at=due, done_at=due.replace(day=28)),
            Handover("Sở Tư pháp", "Sở Xây dựng", at=due, due_at=due, done_at=due),
            Handover("Sở Xây dựng", "Bộ phận một cửa", at=due, due_at=due, done_at=datetime(2026, 12, 1, 9, 0, tzinfo=HCM)),
        ]
    )
    html = render_html("05", data)
    assert html.index("Trước hạn") < html.index("Đúng hạn") < html.index("Quá hạn")


def test_unknown_form_number_is_not_found():
    with pytest.raises(NotFound):
        render_html("09", slip_data())
