"""Synthetic people shared by the identity-provider and population-registry sandboxes.

Nobody here exists. Family names follow their published shares in Vietnam (Nguyễn 38.4%, Trần 11%, Lê 9.5%,
Phạm 7.1%, Hoàng 5.1%, Phan 4.5%, Vũ 3.9%, Đặng 2.1%, Bùi 2%, Đỗ 1.4%, Hồ 1.3%, Ngô 1.3%, Dương 1%, Lý 0.5%;
the figures commonly cited from Wikipedia's "Vietnamese name"); households are spread over Hà Nội's 126
communes in proportion to their population (shared/data/admin_units/wards_2025_population_area_bando). Given
names, middle names, ages and house numbers are drawn uniformly: our data has no distribution for them.

Personal identification numbers have the 12-digit shape of Thông tư 59/2021/TT-BCA (place code, century and
sex digit, two digits of the birth year, six digits) but the place code 000, which no province has, so a
sandbox number can never be a real person's number.
"""

import csv
import datetime
import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

SEED = 2026
HOUSEHOLDS = 600
SANDBOX_PLACE_CODE = "000"
DATA_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

FAMILY_NAMES = [
    ("Nguyễn", 38.4), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.1), ("Hoàng", 5.1), ("Phan", 4.5), ("Vũ", 3.9),
    ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5),
]
MIDDLE = {"nam": ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thành"], "nu": ["Thị", "Thu", "Ngọc", "Thanh", "Minh"]}
GIVEN = {
    "nam": ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn",
            "Thắng", "Trung", "Tuấn", "Việt"],
    "nu": ["Anh", "Chi", "Dung", "Giang", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngọc", "Phương",
           "Thảo", "Trang", "Yến"],
}


@dataclass
class Person:
    pid: str
    full_name: str
    birth_date: datetime.date
    sex: str  # "nam" | "nu"
    household_id: str
    relation: str  # to the head of household, as the registry words it
    address: str
    commune_code: str
    commune_name: str
    province_name: str = "Thành phố Hà Nội"
    assurance_level: int = 2
    synthetic: bool = field(default=True)

    def as_json(self):
        return {
            "so_dinh_danh": self.pid,
            "ho_ten": self.full_name,
            "ngay_sinh": self.birth_date.isoformat(),
            "gioi_tinh": "Nam" if self.sex == "nam" else "Nữ",
            "noi_thuong_tru": {
                "dia_chi": self.address,
                "ma_xa": self.commune_code,
                "ten_xa": self.commune_name,
                "ten_tinh": self.province_name,
            },
            "ho_gia_dinh": {"ma_ho": self.household_id, "quan_he_voi_chu_ho": self.relation},
            "du_lieu_mo_phong": True,
        }


def _communes():
    """Hà Nội's communes with their population, read from the shared data."""
    codes = {}
    with open(DATA_DIR / "admin_units" / "wards_2025_34prov_3321_with_location.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["provinceCode"] == "1":
                codes[row["wardShort"]] = (row["wardCode"], row["ward"])
    found = []
    with open(DATA_DIR / "admin_units" / "wards_2025_population_area_bando_2025-07-17.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["matinh"] == "1" and row["tenhc"] in codes:
                code, name = codes[row["tenhc"]]
                found.append((code, name, int(row["dansonguoi"] or 0)))
    return found


def _pid(rng, sex, birth_date, taken):
    century = 0 if birth_date.year < 2000 else 2
    digit = century + (0 if sex == "nam" else 1)
    while True:
        pid = f"{SANDBOX_PLACE_CODE}{digit}{birth_date.year % 100:02d}{rng.randrange(10**6):06d}"
        if pid not in taken:
            taken.add(pid)
            return pid


def _name(rng, family, sex):
    return f"{family} {rng.choice(MIDDLE[sex])} {rng.choice(GIVEN[sex])}"


def _birth(rng, age_from, age_to, today):
    year = today.year - rng.randint(age_from, age_to)
    return datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))


@cache
def people():
    """Every synthetic person, keyed by personal identification number; the same on every call and machine."""
    rng = random.Random(SEED)
    today = datetime.date(2026, 1, 1)  # a fixed reference, so ages do not drift between runs
    communes = _communes()
    weights = [c[2] for c in communes]
    names, shares = zip(*FAMILY_NAMES, strict=True)
    taken, found = set(), {}
    for h in range(HOUSEHOLDS):
        code, commune, _ = rng.choices(communes, weights=weights)[0]
        household = f"HGD-MP-{h + 1:05d}"
        address = f"Số {rng.randint(1, 199)}, tổ dân phố {rng.randint(1, 30)}, {commune}, Thành phố Hà Nội"
        family = rng.choices(names, weights=shares)[0]
        head_sex = rng.choice(["nam", "nu"])
        members = [(head_sex, family, _birth(rng, 28, 80, today), "Chủ hộ")]
        if rng.random() < 0.7:
            spouse_sex = "nu" if head_sex == "nam" else "nam"
            spouse_family = rng.choices(names, weights=shares)[0]
            members.append((spouse_sex, spouse_family, _birth(rng, 25, 78, today), "Vợ" if head_sex == "nam" else "Chồng"))
        youngest_parent = min(m[2].year for m in members)
        for _ in range(rng.randint(0, 3)):
            born = _birth(rng, 0, 30, today)
            if born.year >= youngest_parent + 18:
                members.append((rng.choice(["nam", "nu"]), family, born, "Con"))
        for sex, fam, born, relation in members:
            pid = _pid(rng, sex, born, taken)
            found[pid] = Person(
                pid=pid, full_name=_name(rng, fam, sex), birth_date=born, sex=sex, household_id=household,
                relation=relation, address=address, commune_code=code, commune_name=commune,
                assurance_level=2 if rng.random() < 0.8 else 1,
            )
    return found


def household(household_id):
    return [p for p in people().values() if p.household_id == household_id]


def adults(limit=None):
    """Adults in a stable order, for the sandboxes' sign-in hints and for tests."""
    found = [p for p in people().values() if p.birth_date.year <= 2007]
    return found[:limit] if limit else found
