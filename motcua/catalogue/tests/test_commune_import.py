"""The commune-level records in the portal's structured form (capxa_structured.json.gz), on three real records."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from motcua.catalogue.importer import CatalogueFileError, commune_codes_without_text, import_catalogue
from motcua.catalogue.models import Procedure
from motcua.catalogue.parsing import parse_commune_record

DATA = Path(__file__).parent / "data"
COMMUNE = DATA / "commune_sample.json"
PORTAL = DATA / "dvcqg_sample.jsonl"


def _record(code):
    return next(r for r in json.loads(COMMUNE.read_text(encoding="utf-8")) if r["ma_tthc"] == code)


def test_a_commune_record_keeps_its_rows():
    data = parse_commune_record(_record("1.013750"))  # Thăm viếng mộ liệt sĩ
    assert data["name"] == "Thăm viếng mộ liệt sĩ."
    assert [(c["kind"], c["duration_value"], c["duration_unit"]) for c in data["channels"]] == [
        ("postal", "5", "working_days"), ("direct", "5", "working_days")]
    assert data["channels"][0]["fees"][0]["kind"] == "mien_phi"  # "Phí: 0 VNĐ"
    assert data["source_url"].startswith("https://dichvucong.gov.vn/")
    assert data["components"] and all(c["kind"] in ("submit", "present", "note") for c in data["components"])
    assert data["legal_bases"][0]["number"] and data["legal_bases"][0]["issued"]


def test_commune_papers_get_their_meaning():
    # 1.001776 (monthly social allowance): cases written into the names, residence read from the population data
    papers = parse_commune_record(_record("1.001776"))["components"]

    def paper(start):
        return next(c for c in papers if c["name"].startswith(start))

    assert paper("Giấy xác nhận khuyết tật")["condition"] == "đối với trường hợp người khuyết tật"
    assert paper("Giấy xác nhận thông tin về cư trú")["obtainable_from"] == "residence"
    declaration = paper("Tờ khai hộ gia đình có người khuyết tật")
    assert declaration["eform"] is True and declaration["kind"] == "submit"


def test_a_bare_number_of_unit_other_is_left_for_the_officer():
    data = parse_commune_record(_record("3.000182"))  # Tuyển sinh trung học cơ sở: "1 Khác", no sentence gives it
    assert {(c["duration_value"], c["duration_unit"]) for c in data["channels"]} == {("1", "")}
    assert any("không ghi đơn vị" in i for i in data["parse_issues"])


@pytest.mark.django_db
def test_import_with_the_catalogue_and_rerun_is_idempotent():
    result = import_catalogue(PORTAL, None, COMMUNE)
    assert result.created == 5 + 3
    version = Procedure.objects.get(code="1.001776").current
    assert version.source == "commune" and version.raw["record"]["ma_tthc"] == "1.001776"
    assert version.components.filter(eform=True).exists()
    assert import_catalogue(PORTAL, None, COMMUNE).created == 0


@pytest.mark.django_db
def test_a_malformed_commune_file_writes_nothing(tmp_path):
    bad = tmp_path / "capxa.json"
    bad.write_text(json.dumps([_record("1.013750"), {"ma_tthc": "x", "ten_tthc": "?"}]), encoding="utf-8")
    with pytest.raises(CatalogueFileError, match="bản ghi 2: thiếu hoặc sai mã thủ tục"):
        import_catalogue(PORTAL, None, bad)
    assert Procedure.objects.count() == 0


@pytest.mark.django_db
def test_commune_codes_without_any_text_are_listed(tmp_path):
    codes = tmp_path / "capxa.csv"
    with open(codes, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["ma_tthc", "linh_vuc", "ten_thu_tuc_if_known", "detail_in_dvcqg_tthc_2642"])
        writer.writerows([["1.001776", "Bảo trợ xã hội", "", "no"], ["1.001653", "Bảo trợ xã hội", "", "no"]])
    import_catalogue(None, None, COMMUNE)
    assert commune_codes_without_text(codes) == ["1.001653"]


@pytest.mark.django_db
def test_the_command_imports_the_commune_file():
    out = io.StringIO()
    call_command("import_catalogue", dvcqg="", structured="", commune=str(COMMUNE), stdout=out)
    assert "3 thủ tục: 3 phiên bản mới" in out.getvalue()
