import pytest

from motcua.feedback import services
from motcua.feedback.masking import mask_personal_data

from .conftest import vn


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gọi 0912.345.678 giúp tôi", "Gọi [số đã ẩn] giúp tôi"),  # phone with dots
        ("Số +84 912 345 678", "Số [số đã ẩn]"),  # international form with spaces
        ("CCCD 001203004567 cấp 2021", "CCCD [số đã ẩn] cấp 2021"),  # citizen ID, 12 digits
        ("CMND số 012345678.", "CMND số [số đã ẩn]."),  # old ID, 9 digits
        ("Thư gửi an.nguyen+pakn@mail.hanoi.gov.vn nhé", "Thư gửi [email đã ẩn] nhé"),
        ("Lệ phí 150.000.000 đồng", "Lệ phí 150.000.000 đồng"),  # money stays
        ("Hẹn ngày 12/03/2026 lúc 8 giờ", "Hẹn ngày 12/03/2026 lúc 8 giờ"),  # dates stay
        ("Cán bộ Trần Thị Bình quát tôi", "Cán bộ [họ tên đã ẩn] quát tôi"),
        ("ông Lê Hùng đã gọi chị ấy", "ông [họ tên đã ẩn] đã gọi chị ấy"),
        ("Họ và tên: Phạm Minh Đức", "Họ và tên: [họ tên đã ẩn]"),
        ("anh ấy không đến", "anh ấy không đến"),  # no name after the form of address
    ],
)
def test_it_masks_personal_data(text, expected):
    assert mask_personal_data(text) == expected


def test_it_masks_the_senders_name_anywhere():
    assert mask_personal_data("Nguyễn Văn An nộp hồ sơ; nguyễn văn an chờ", names=["Nguyễn Văn An"]) == (
        "[họ tên đã ẩn] nộp hồ sơ; [họ tên đã ẩn] chờ"
    )


@pytest.mark.django_db
def test_published_answer_carries_no_personal_data(file_web, binh, justice):
    item = file_web(
        agency=justice,
        citizen_name="Nguyễn Văn An",
        email="an.nguyen@example.vn",
        title="Nguyễn Văn An phản ánh chậm trả kết quả",
        content="Tôi là Nguyễn Văn An, CCCD 001203004567, điện thoại 0912 345 678, thư an.nguyen@example.vn.",
    )
    services.accept_feedback(item, actor=binh, at=vn(2026, 11, 23, 10, 0))
    services.answer_feedback(item, actor=binh, at=vn(2026, 11, 23, 11, 0),
                             answer="Sở đã liên hệ ông Nguyễn Văn An qua số 0912345678 và trả kết quả.")
    item = services.publish_answer(item, actor=binh, at=vn(2026, 11, 23, 14, 0))
    public = " ".join([item.public_title, item.public_content, item.public_answer, item.search_text])
    for secret in ("Nguyễn Văn An", "nguyen van an", "001203004567", "0912", "345 678", "an.nguyen", "example.vn"):
        assert secret.lower() not in public.lower()
    assert "chậm trả kết quả" in item.public_title
    assert "[số đã ẩn]" in item.public_answer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sđt0912345602 nhé", "sđt[số đã ẩn] nhé"),  # glued to letters
        ("CCCD001234567803", "CCCD[số đã ẩn]"),
        ("gọi 0912,345,604", "gọi [số đã ẩn]"),  # commas
        ("gọi 0912/345/605", "gọi [số đã ẩn]"),  # slashes
        ("máy bàn 38251234 giờ hành chính", "máy bàn [số đã ẩn] giờ hành chính"),  # 8-digit landline
        ("máy bàn 024 3825 1234", "máy bàn [số đã ẩn]"),
        ("số 0 9 1 2 3 4 5 6 7 8", "số [số đã ẩn]"),
        ("Nguyễn Văn An đến quầy 3", "[họ tên đã ẩn] đến quầy 3"),  # no form of address
        ("hôm qua nguyễn văn an đến quầy", "hôm qua [họ tên đã ẩn] đến quầy"),  # lower case
        ("cán bộ trần thị bình quát tôi", "cán bộ [họ tên đã ẩn] quát tôi"),
        ("Thư gửi an at example dot com nhé", "Thư gửi [email đã ẩn] nhé"),
        ("mail: an(at)example(dot)vn", "mail: [email đã ẩn]"),
        ("an [at] mail [dot] hanoi [dot] gov [dot] vn", "[email đã ẩn]"),
        ("xem facebook.com/nguyen.van.an nhé", "xem [liên kết đã ẩn] nhé"),
        ("Hồ sơ nộp tại Thành phố Hồ Chí Minh", "Hồ sơ nộp tại Thành phố Hồ Chí Minh"),  # not names
        ("Trụ sở số 12 đường Nguyễn Trãi, Hà Nội", "Trụ sở số 12 đường Nguyễn Trãi, Hà Nội"),
        ("Lệ phí 1,500,000 đồng, hẹn 13/12/2026", "Lệ phí 1,500,000 đồng, hẹn 13/12/2026"),
        ("hồ sơ của tôi chờ 5 ngày", "hồ sơ của tôi chờ 5 ngày"),
    ],
)
def test_it_masks_what_the_first_version_missed(text, expected):
    assert mask_personal_data(text) == expected
