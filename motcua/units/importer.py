"""Load the 34 provinces and 3,321 communes of 2025 from the public files in shared/data/admin_units.

Codes, names, types, area and location come from the MIT-licensed vietnamadminunits file; population from the
bando.com.vn files of the same repository, joined by folded name (bando ids are not GSO codes).
"""

import csv
import re
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from motcua.lib.text import fold

from .models import Agency, Commune, Province

WARDS_FILE = "wards_2025_34prov_3321_with_location.csv"
WARD_POPULATION_FILE = "wards_2025_population_area_bando_2025-07-17.csv"
PROVINCE_POPULATION_FILE = "provinces_2025_population_area_bando_2025-07-17.csv"
KINDS = {"Xã": Commune.Kind.COMMUNE, "Phường": Commune.Kind.WARD, "Đặc khu": Commune.Kind.SPECIAL}
_PROVINCE_PREFIX = re.compile(r"^(thu do|thanh pho|tinh)\s+")


def _province_key(name):
    return _PROVINCE_PREFIX.sub("", fold(name)).strip()


def _int(text):
    digits = re.sub(r"\D", "", text or "")
    return int(digits) if digits else None


def _rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@transaction.atomic
def import_units(data_dir: Path):
    """Create or update provinces and communes; return (provinces, communes, communes with population)."""
    wards = _rows(data_dir / WARDS_FILE)
    province_pop = {_province_key(r["tentinh"]): _int(r["dansonguoi"]) for r in _rows(data_dir / PROVINCE_POPULATION_FILE)}
    ward_pop = {
        (_province_key(r["tentinh"]), fold(r["loai"]), fold(r["tenhc"])): _int(r["dansonguoi"])
        for r in _rows(data_dir / WARD_POPULATION_FILE)
    }
    provinces = {}
    for r in wards:
        if r["provinceCode"] in provinces:
            continue
        provinces[r["provinceCode"]], _ = Province.objects.update_or_create(
            code=r["provinceCode"],
            defaults={
                "name": r["province"],
                "short_name": r["provinceShort"],
                "population": province_pop.get(_province_key(r["province"])),
            },
        )
    with_population, communes = 0, []
    for r in wards:
        population = ward_pop.get((_province_key(r["province"]), fold(r["wardType"]), fold(r["wardShort"])))
        with_population += population is not None
        communes.append(Commune(
            code=r["wardCode"],
            province=provinces[r["provinceCode"]],
            name=r["ward"],
            short_name=r["wardShort"],
            kind=KINDS[r["wardType"]],
            population=population,
            area_km2=Decimal(r["wardAreaKm2"]) if r["wardAreaKm2"] else None,
            latitude=float(r["wardLat"]) if r["wardLat"] else None,
            longitude=float(r["wardLon"]) if r["wardLon"] else None,
        ))
    # One upsert for the 3,321 rows (created, or updated in place by code), not two queries a commune.
    Commune.objects.bulk_create(communes, batch_size=500, update_conflicts=True, unique_fields=["code"],
                                update_fields=["province", "name", "short_name", "kind", "population", "area_km2",
                                               "latitude", "longitude"])
    return len(provinces), len(wards), with_population


# Departments that every province has after the 2025 reorganisation of specialised agencies (Decree 45/2025/NĐ-CP);
# only those whose names are certain are seeded. Others are added in the admin or with `manage.py add_agency`.
CITY_DEPARTMENTS = [
    ("SO-TP", "Sở Tư pháp"),
    ("SO-XD", "Sở Xây dựng"),
    ("SO-TC", "Sở Tài chính"),
    ("SO-NV", "Sở Nội vụ"),
    ("SO-YT", "Sở Y tế"),
    ("SO-GDDT", "Sở Giáo dục và Đào tạo"),
    ("SO-CT", "Sở Công Thương"),
    ("SO-NNMT", "Sở Nông nghiệp và Môi trường"),
    ("SO-KHCN", "Sở Khoa học và Công nghệ"),
    ("SO-VHTT", "Sở Văn hóa và Thể thao"),
]


@transaction.atomic
def seed_city_agencies(province_code):
    """Create the city's public administration service centre, its departments and one UBND per commune."""
    province = Province.objects.get(code=province_code)
    prefix = f"T{int(province_code):02d}"
    centre, _ = Agency.objects.update_or_create(
        code=f"{prefix}-TTPVHCC",
        defaults={
            "name": f"Trung tâm Phục vụ hành chính công {province.name.replace('Thành phố', 'thành phố')}",
            "kind": Agency.Kind.CENTRE,
            "province": province,
        },
    )
    for code, name in CITY_DEPARTMENTS:
        Agency.objects.update_or_create(
            code=f"{prefix}-{code}",
            defaults={"name": f"{name} {province.short_name}", "kind": Agency.Kind.DEPARTMENT, "province": province},
        )
    for commune in province.communes.all():
        Agency.objects.update_or_create(
            code=f"{prefix}-X{commune.code}",
            defaults={
                "name": f"UBND {commune.name[0].lower()}{commune.name[1:]}",
                "kind": Agency.Kind.COMMUNE_PC,
                "province": province,
                "commune": commune,
                "parent": None,
            },
        )
    return centre
