"""Seed data of the office: priority groups, utility services and the city's two programmes. Idempotent.

Nothing here is invented. Where a fact could not be checked against our sources it says so in the row itself
(PriorityGroup.basis_verified, Programme.source_note), and the coordinator's notes list the gaps.
"""

import csv
from collections import Counter as Tally
from datetime import time

from django.conf import settings
from django.db import transaction

from motcua.catalogue.models import Procedure
from motcua.units.models import Agency

from .models import Counter, ExtraService, HomeTeam, PriorityGroup, Programme

UNVERIFIED = "Tên và số hiệu văn bản đã xác định; nội dung điều khoản chưa đối chiếu được với văn bản gốc trong nguồn dữ liệu của dự án."

PRIORITY_GROUPS = [
    dict(code="nguoi-co-cong", order=1, name="Người có công với cách mạng",
         legal_basis="Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14", note=UNVERIFIED),
    dict(code="nguoi-khuyet-tat", order=2, name="Người khuyết tật",
         legal_basis="Luật Người khuyết tật số 51/2010/QH12", note=UNVERIFIED),
    dict(code="nguoi-cao-tuoi", order=3, name="Người cao tuổi (từ đủ 60 tuổi)",
         legal_basis="Luật Người cao tuổi số 39/2009/QH12, Điều 2 (người cao tuổi là công dân Việt Nam từ đủ 60 tuổi "
                     "trở lên) và Điều 3 (quyền được ưu tiên khi sử dụng các dịch vụ)", note=UNVERIFIED),
    dict(code="phu-nu-mang-thai", order=4, name="Phụ nữ mang thai", legal_basis="", is_active=False,
         note="Chưa tìm được văn bản quy định ưu tiên tại Bộ phận Một cửa trong nguồn dữ liệu của dự án; "
              "để ở trạng thái không áp dụng cho đến khi đơn vị có căn cứ (bật trong trang quản trị)."),
    dict(code="dat-lich-hen", order=5, name="Người đã đặt lịch hẹn trực tuyến",
         legal_basis="Quy định của hệ thống đặt lịch hẹn (không phải quy định pháp luật): người đến đúng lịch hẹn "
                     "được gọi trước.", basis_verified=True, note=""),
]

APPOINTMENT_GROUP = "dat-lich-hen"

PRICE_NOTE = "Đơn vị chưa công bố giá: ghi 0 đồng cho tới khi đơn vị nhập giá của mình."
EXTRA_SERVICES = [
    dict(code="huong-dan", name="Hướng dẫn kê khai, nộp hồ sơ", unit="lượt", price=0,
         price_note="Miễn phí: hướng dẫn là nhiệm vụ của Bộ phận Một cửa (Nghị định 61/2018/NĐ-CP)."),
    dict(code="so-hoa-nop-truc-tuyen", name="Quét, số hóa giấy tờ vào hồ sơ trực tuyến", unit="trang", price=0,
         price_note=PRICE_NOTE),
    dict(code="in-an", name="In tài liệu", unit="trang", price=0, price_note=PRICE_NOTE),
    dict(code="photocopy", name="Sao chụp (photocopy)", unit="trang", price=0, price_note=PRICE_NOTE),
]

GREEN_FRIDAY_NAMED = [
    ("1.001266", "Chấm dứt hoạt động hộ kinh doanh"),
    (None, "Chuyển trường đối với học sinh trung học cơ sở"),
    (None, "Chuyển trường đối với học sinh tiểu học"),
    ("1.013750", "Thăm viếng mộ liệt sĩ (giấy giới thiệu đi thăm viếng mộ liệt sĩ)"),
]

PROGRAMMES = [
    dict(
        slug="ngay-thu-sau-xanh-hoai-duc", old_district="Huyện Hoài Đức", name="Ngày thứ sáu xanh (Hoài Đức)",
        description="Mỗi thứ Sáu, bốn thủ tục được trả kết quả trong 60 phút làm việc thay vì 2 đến 10 ngày.",
        weekdays="4", target_minutes=60, while_you_wait=False, named=GREEN_FRIDAY_NAMED,
        deciding_document="",
        source_note="Nguồn: mô tả mô hình trong đề bài của dự án (issue 14). Chưa có văn bản quyết định, ngày bắt "
                    "đầu, ngày kết thúc trong nguồn dữ liệu. Hai thủ tục chuyển trường (THCS, tiểu học) không có "
                    "trong danh mục thủ tục của dự án (không có trong dvcqg_tthc_2642, capxa_376, "
                    "capxa_structured) nên chưa gắn mã.",
    ),
    dict(
        slug="05-tthc-khong-cho-hoan-kiem", old_district="Quận Hoàn Kiếm", name="05 thủ tục hành chính không chờ (Hoàn Kiếm)",
        description="Thủ tục được giải quyết và trả kết quả trong khi người dân chờ.",
        weekdays="0,1,2,3,4", target_minutes=None, while_you_wait=True, named=[], deciding_document="",
        source_note="Nguồn: mô tả mô hình trong đề bài của dự án (issue 14). Tên năm thủ tục, văn bản quyết định và "
                    "thời gian cam kết tính bằng phút không có trong nguồn dữ liệu của dự án, nên chương trình chưa "
                    "gắn thủ tục và chưa tính tỷ lệ đạt.",
    ),
]


def successor_communes(old_district, *, province_code="1"):
    """Codes of the post-2025 communes most of whose predecessor wards lay in `old_district` (GSO conversion)."""
    path = settings.SHARED_DATA_DIR / "admin_units" / "ward_conversion_legacy_to_2025.csv"
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["provinceCode"] == province_code]
    touched = {r["newWardCode"] for r in rows if r["district"] == old_district}
    origins = {}
    for r in rows:
        if r["newWardCode"] in touched:
            origins.setdefault(r["newWardCode"], Tally())[r["district"]] += 1
    return sorted(code for code, tally in origins.items() if tally.most_common(1)[0][0] == old_district)


@transaction.atomic
def seed_office(stdout=None):
    for row in PRIORITY_GROUPS:
        PriorityGroup.objects.get_or_create(code=row["code"], defaults=row)
    for row in EXTRA_SERVICES:
        ExtraService.objects.get_or_create(code=row["code"], defaults=row)
    prefix = f"T{int(settings.MOTCUA_CITY_PROVINCE_CODE):02d}"
    for row in PROGRAMMES:
        row = dict(row)
        old_district, named = row.pop("old_district"), row.pop("named")
        programme, _ = Programme.objects.get_or_create(slug=row["slug"], defaults={
            **row, "opens_at": time(8), "closes_at": time(17)})
        codes = [f"{prefix}-X{c}" for c in successor_communes(old_district)]
        programme.agencies.add(*Agency.objects.filter(code__in=codes))
        wanted = [code for code, _ in named if code]
        found = Procedure.objects.filter(code__in=wanted)
        programme.procedures.add(*found)
        missing = sorted(set(wanted) - {p.code for p in found})
        if stdout is not None:
            stdout.write(f"{programme.name}: {programme.agencies.count()} cơ quan, {programme.procedures.count()} "
                         f"thủ tục" + (f"; chưa có trong danh mục: {', '.join(missing)}" if missing else ""))


def demo_office(agency, staff):
    """Demo configuration for `make run` (not facts): three counters and a home-visit team of the demo staff."""
    for number in (1, 2, 3):
        Counter.objects.get_or_create(agency=agency, number=number)
    team, _ = HomeTeam.objects.get_or_create(agency=agency, name="Tổ cơ động hỗ trợ tại nhà (tài khoản mẫu)")
    team.members.add(*staff)
