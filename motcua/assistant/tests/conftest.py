import pytest

from motcua.assistant.catalogue_index import reset
from motcua.catalogue.services import create_version
from motcua.catalogue.tests.samples import ensure_vocabulary


def _version(name, field, *, components=(), channels=(), steps=(), agency="UBND cấp xã"):
    return {
        "name": name,
        "field": field,
        "level": "Cấp xã",
        "implementing_agency": agency,
        "components": [{"name": n, "originals": o, "copies": c} for n, o, c in components],
        "channels": list(channels),
        "steps": list(steps),
    }


# Real names and codes from the national catalogue; the facts (times, fees, papers) are set for the tests.
CATALOGUE = {
    "1.001193": _version(
        "Thủ tục đăng ký khai sinh",
        "Hộ tịch",
        components=[("Tờ khai đăng ký khai sinh", 1, 0), ("Giấy chứng sinh", 1, 0)],
        channels=[
            {"kind": "direct", "duration_value": 1, "duration_unit": "working_days",
             "fees": [{"amount": 8000, "kind": "le_phi", "set_by": "hdnd", "description": "Lệ phí đăng ký khai sinh"}]},
            {"kind": "online", "duration_value": 1, "duration_unit": "working_days",
             "fees": [{"amount": 8000, "kind": "le_phi", "set_by": "hdnd", "description": "Lệ phí đăng ký khai sinh"}]},
        ],
        steps=["Nộp tờ khai và giấy chứng sinh.", "Công chức tư pháp - hộ tịch kiểm tra và ghi vào Sổ hộ tịch."],
    ),
    "2.000528": _version("Thủ tục đăng ký khai sinh có yếu tố nước ngoài", "Hộ tịch"),
    "1.003583": _version("Thủ tục đăng ký khai sinh lưu động", "Hộ tịch"),
    "1.000894": _version(
        "Thủ tục đăng ký kết hôn",
        "Hộ tịch",
        components=[("Tờ khai đăng ký kết hôn", 1, 0)],
        channels=[{"kind": "direct", "duration_value": 1, "duration_unit": "working_days", "fees": []}],
    ),
    "1.000656": _version("Thủ tục đăng ký khai tử", "Hộ tịch"),
    "2.000821": _version("Giải quyết hưởng chế độ tử tuất", "Thực hiện chính sách BHXH", agency="Bảo hiểm xã hội cấp tỉnh"),
    "1.004222": _version("Đăng ký thường trú", "Đăng ký, quản lý cư trú", agency="Công an cấp xã"),
    "1.004194": _version("Đăng ký tạm trú", "Đăng ký, quản lý cư trú", agency="Công an cấp xã"),
    "1.014061": _version("Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên", "Cấp, quản lý căn cước"),
    "1.014064": _version("Cấp lại thẻ căn cước", "Cấp, quản lý căn cước"),
    "3.000346": _version("Cấp giấy phép lái xe", "Sát hạch, cấp giấy phép lái xe"),
    "3.000347": _version(
        "Đổi giấy phép lái xe",
        "Sát hạch, cấp giấy phép lái xe",
        channels=[
            {"kind": "online", "duration_value": 5, "duration_unit": "working_days",
             "fees": [{"amount": 115000, "kind": "le_phi", "set_by": "mof", "description": "Lệ phí đổi giấy phép lái xe"}]},
        ],
    ),
    "1.012783": _version("Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", "Đất đai"),
    "1.000107": _version(
        "Thủ tục cấp Giấy phép tạm nhập vàng nguyên liệu để tái xuất sản phẩm đối với doanh nghiệp có hợp đồng "
        "gia công vàng trang sức, mỹ nghệ với nước ngoài",
        "Hoạt động ngoại hối",
    ),
}


@pytest.fixture
def catalogue(db):
    ensure_vocabulary()
    reset()
    for code, data in CATALOGUE.items():
        create_version(code, data)
    yield CATALOGUE
    reset()
