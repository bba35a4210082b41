"""A few real procedures (names and codes from the national portal) for tests that need a small catalogue."""

from motcua.catalogue.services import create_version

BIRTH = {
    "name": "Thủ tục đăng ký khai sinh",
    "field": "Hộ tịch",
    "level": "Cấp xã",
    "implementing_agency": "Ủy ban nhân dân xã, phường, đặc khu",
    "channels": [
        {"kind": "direct", "duration_value": 1, "duration_unit": "working_days", "duration_text": "1 Ngày làm việc",
         "fees": [{"amount": 0, "kind": "le_phi", "set_by": "hdnd", "description": "Miễn lệ phí"}]},
        {"kind": "online", "duration_value": 1, "duration_unit": "working_days", "duration_text": "1 Ngày làm việc",
         "fees": []},
    ],
    "components": [
        {"name": "Tờ khai đăng ký khai sinh", "originals": 1, "copies": 0, "template": "Tờ khai đăng ký khai sinh"},
        {"name": "Giấy chứng sinh", "originals": 1, "copies": 0,
         "condition": "Trường hợp trẻ em sinh tại cơ sở y tế"},
    ],
    "steps": ["Bước 1: Nộp hồ sơ", "Bước 2: Công chức tư pháp - hộ tịch kiểm tra", "Bước 3: Trả kết quả"],
    "legal_bases": [{"number": "60/2014/QH13", "title": "Luật Hộ tịch", "issuer": "Quốc hội"}],
}

OTHERS = [
    ("1.003583", "Thủ tục đăng ký khai sinh lưu động", "Hộ tịch", "Cấp xã"),
    ("2.000528", "Thủ tục đăng ký khai sinh có yếu tố nước ngoài", "Hộ tịch", "Cấp xã"),
    ("1.000894", "Thủ tục đăng ký kết hôn", "Hộ tịch", "Cấp xã"),
    ("1.004884", "Thủ tục đăng ký lại khai sinh", "Hộ tịch", "Cấp xã"),
    ("1.009994", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "Hoạt động xây dựng", "Cấp tỉnh"),
]


def make_catalogue():
    birth = create_version("1.001193", BIRTH, source="dvcqg")
    for code, name, field, level in OTHERS:
        create_version(code, {"name": name, "field": field, "level": level,
                              # mentions "khai sinh" only in a step, so it must rank below name matches
                              "steps": ["Xuất trình giấy khai sinh của con"] if "kết hôn" in name else []},
                       source="dvcqg")
    return birth.procedure


def ensure_vocabulary():
    """The seed citizen vocabulary (loaded by a migration; a transactional test elsewhere may have flushed it)."""
    from motcua.catalogue.models import CitizenTerm
    from motcua.catalogue.vocabulary import load_seed

    if not CitizenTerm.objects.filter(source="seed").exists():
        load_seed()
