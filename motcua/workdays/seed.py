"""The official calendar decisions that could be verified, seeded by migration 0003 and `manage.py seed_calendar`.

Only decisions verified in docs/domain.md §6 or carried by the `holidays` package (0.109) are here. Days off that
the package already lists (e.g. Friday 02/05/2025, Monday 31/08/2026) are not repeated: only what it lacks is added
(make-up Saturdays, the 2026 New Year swap) or cancelled (24/11, see below).

24/11 "Ngày Văn hóa Việt Nam": chosen as a paid holiday by NQ 80-NQ/TW (01/2026); NQ 30/NQ-CP (02/2026) orders an
amendment of Labour Code Art. 112, not yet enacted. The `holidays` package already lists it from 2026. Decision:
treat it as pending, i.e. a normal working day, through a `not_observed` override the admin can switch to
`day_off` once the amendment is in force (change the kind, do not delete the row: seeding recreates missing rows).
"""

DEFAULT_OFFICE_HOURS = {
    "name": "Giờ hành chính",
    "morning_start": "08:00",
    "morning_end": "12:00",
    "afternoon_start": "13:00",
    "afternoon_end": "17:00",
    "same_day_cutoff": "15:00",
}

HOLIDAYS_2025_URL = (
    "https://web.archive.org/web/20250812111011/https://thuvienphapluat.vn/van-ban/EN/Lao-dong-Tien-luong/"
    "Announcement-6150-TB-BLDTBXH-2024-Lunar-New-Year-in-2025-of-officials-public-employees/634997/tieng-anh.aspx"
)
HOLIDAYS_2026_SEP_URL = (
    "https://web.archive.org/web/20260812072838/https://thuvienphapluat.vn/hoi-dap-phap-luat/"
    "lich-nghi-le-quoc-khanh-29-hai-quan-nam-2026-nhu-the-nao-138100727.html"
)
CULTURE_DAY_REASON = (
    "Ngày Văn hóa Việt Nam (24/11): chưa áp dụng nghỉ, chờ sửa đổi Điều 112 Bộ luật Lao động 2019"
)
CULTURE_DAY_DOCS = "NQ 80-NQ/TW (01/2026); NQ 30/NQ-CP (02/2026) giao sửa Điều 112 — chưa có hiệu lực"

YEARS = [
    {"year": 2025, "legal_document": "Thông báo 6150/TB-LĐTBXH (2024)",
     "note": "Tết Nguyên đán, 30/4–1/5 (hoán đổi 02/05 ↔ 26/04) theo thư viện holidays 0.109."},
    {"year": 2026, "legal_document": "Công văn 12729/VPCP-KGVX",
     "note": "Tết Dương lịch nghỉ 01/01–04/01, làm bù thứ Bảy 10/01; Tết Nguyên đán nghỉ 14/02–22/02."},
]

OVERRIDES = [
    {"date": "2025-04-26", "kind": "working_day",
     "reason": "Làm bù cho ngày nghỉ thứ Sáu 02/05/2025 (dịp 30/4–1/5)",
     "legal_document": "Thông báo 6150/TB-LĐTBXH (2024), theo thư viện holidays 0.109", "legal_url": HOLIDAYS_2025_URL},
    {"date": "2026-01-02", "kind": "day_off",
     "reason": "Nghỉ thứ Sáu 02/01/2026 (hoán đổi dịp Tết Dương lịch, nghỉ 01/01–04/01)",
     "legal_document": "Công văn 12729/VPCP-KGVX", "legal_url": ""},
    {"date": "2026-01-10", "kind": "working_day",
     "reason": "Làm bù cho ngày nghỉ thứ Sáu 02/01/2026",
     "legal_document": "Công văn 12729/VPCP-KGVX", "legal_url": ""},
    {"date": "2026-08-22", "kind": "working_day",
     "reason": "Làm bù cho ngày nghỉ thứ Hai 31/08/2026 (dịp Quốc khánh)",
     "legal_document": "Hoán đổi dịp Quốc khánh 2026 theo thư viện holidays 0.109 (nguồn thứ cấp)",
     "legal_url": HOLIDAYS_2026_SEP_URL},
    {"date": "2026-11-24", "kind": "not_observed", "reason": CULTURE_DAY_REASON,
     "legal_document": CULTURE_DAY_DOCS, "legal_url": ""},
    {"date": "2027-11-24", "kind": "not_observed", "reason": CULTURE_DAY_REASON,
     "legal_document": CULTURE_DAY_DOCS, "legal_url": ""},
]


def seed_calendar(OfficeHours, CalendarOverride, CalendarYear) -> dict:  # noqa: N803 - model classes
    """Create what is missing; never change or delete a row an administrator may have edited."""
    created = {"office_hours": 0, "years": 0, "overrides": 0}
    _, new = OfficeHours.objects.get_or_create(name=DEFAULT_OFFICE_HOURS["name"], defaults=DEFAULT_OFFICE_HOURS)
    created["office_hours"] += new
    for row in YEARS:
        _, new = CalendarYear.objects.get_or_create(year=row["year"], defaults=row)
        created["years"] += new
    for row in OVERRIDES:
        _, new = CalendarOverride.objects.get_or_create(date=row["date"], defaults=row)
        created["overrides"] += new
    return created
