"""import_catalogue on small real files: what it writes, re-running, merging, and refusing malformed files."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from motcua.catalogue.importer import CatalogueFileError, commune_level_codes, import_catalogue
from motcua.catalogue.models import Channel, FeeItem, Procedure, ProcedureVersion, SearchEntry
from motcua.catalogue.services import create_version

DATA = Path(__file__).parent / "data"
PORTAL = DATA / "dvcqg_sample.jsonl"
STRUCTURED = DATA / "structured_sample.jsonl"

pytestmark = pytest.mark.django_db


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def _write(tmp_path, name, lines):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_writes_every_part_and_keeps_raw_text():
    result = import_catalogue(PORTAL, STRUCTURED)

    assert result.created == 7 and result.unchanged == 0
    assert Procedure.objects.count() == 7
    version = Procedure.objects.get(code="1.004002").current
    assert version.source == "dvcqg"
    assert version.field.name == "Hàng hải và đường thủy nội địa"
    assert [(c.kind, c.duration_value, c.duration_unit) for c in version.channels.order_by("kind")] == [
        ("direct", 2, "working_days"),
        ("online", 2, "working_days"),
        ("postal", 2, "working_days"),
    ]
    fee = FeeItem.objects.filter(channel__version=version).first()
    assert (fee.amount, fee.set_by) == (70000, "mof")
    assert version.components.count() == 4
    assert version.components.get(template="Mauon.docx").originals == 1
    assert [b.number for b in version.legal_bases.all()] == ["09/2025/TT-BXD", "60/2024/TT-BGTVT", "198/2016/TT-BTC"]
    assert version.raw["cach_thuc_thuc_hien"].startswith("Hình thức nộp")
    assert len(version.raw["content_hash"]) == 64
    assert SearchEntry.objects.filter(procedure__code="1.004002").exists()


def test_what_could_not_be_parsed_is_listed_on_the_version():
    import_catalogue(PORTAL, None)

    issues = Procedure.objects.get(code="2.002011").current.parse_issues
    assert any("viết liền" in i for i in issues)


def test_structured_record_imported_with_its_source():
    import_catalogue(None, STRUCTURED)

    version = Procedure.objects.get(code="1.013539").current
    assert version.source == "structured"
    amounts = sorted(
        FeeItem.objects.filter(channel__version=version, channel__kind="direct").values_list("amount", flat=True)
    )
    assert amounts == [2000000, 3500000, 4000000, 5000000]
    assert all(FeeItem.objects.filter(channel__version=version).values_list("appraisal", flat=True))


def test_rerun_creates_no_new_versions():
    import_catalogue(PORTAL, STRUCTURED)
    before = ProcedureVersion.objects.count()

    result = import_catalogue(PORTAL, STRUCTURED)

    assert (result.created, result.unchanged) == (0, 7)
    assert ProcedureVersion.objects.count() == before


def test_changed_record_gets_a_second_version(tmp_path):
    import_catalogue(PORTAL, None)
    lines = _lines(PORTAL)
    rec = json.loads(lines[0])
    rec["cach_thuc_thuc_hien"] = rec["cach_thuc_thuc_hien"].replace("70,000 VNĐ", "80,000 VNĐ")
    lines[0] = json.dumps(rec, ensure_ascii=False)

    result = import_catalogue(_write(tmp_path, "changed.jsonl", lines), None)

    assert result.created == 1
    procedure = Procedure.objects.get(code="1.004002")
    assert procedure.versions.count() == 2
    assert procedure.current.number == 2
    assert set(FeeItem.objects.filter(channel__version=procedure.current).values_list("amount", flat=True)) == {80000}


def test_unchanged_rerun_keeps_an_editors_later_version():
    import_catalogue(PORTAL, None)
    procedure = Procedure.objects.get(code="1.004002")
    create_version("1.004002", {"name": "Tên đã biên tập"}, source=ProcedureVersion.Source.EDITOR)

    import_catalogue(PORTAL, None)

    procedure.refresh_from_db()
    assert procedure.versions.count() == 2
    assert procedure.current.name == "Tên đã biên tập"


def test_code_in_both_files_structured_tables_win(tmp_path):
    portal = json.loads(_lines(PORTAL)[0])
    portal["ma_thu_tuc"] = "1.013124"  # pretend the portal also publishes the Ministry's procedure
    path = _write(tmp_path, "portal.jsonl", [json.dumps(portal, ensure_ascii=False)])

    import_catalogue(path, STRUCTURED)

    version = Procedure.objects.get(code="1.013124").current
    assert version.source == "structured"
    assert version.name.startswith("Thủ tục thẩm định và phê duyệt kế hoạch ứng phó sự cố tràn dầu")
    assert version.source_url == portal["detail_url"]  # blank in the Ministry file, filled from the portal
    assert "dvcqg" in version.raw
    assert Channel.objects.filter(version=version, duration_value=30).count() == 3


@pytest.mark.parametrize(
    "bad_line, message",
    [
        ('{"ma_thu_tuc": "9.999999", "ten_thu_tuc": "X"', "dòng 3: không phải JSON hợp lệ"),
        ('{"ten_thu_tuc": "Không có mã"}', "dòng 3: thiếu hoặc sai mã thủ tục"),
        ('["not", "an", "object"]', "dòng 3: mỗi dòng phải là một đối tượng JSON"),
        ('{"ma_thu_tuc": "1.004002", "ten_thu_tuc": "Trùng"}', "dòng 3: mã 1.004002 trùng với dòng 1"),
    ],
)
def test_malformed_file_is_rejected_and_nothing_is_written(tmp_path, bad_line, message):
    lines = _lines(PORTAL)
    path = _write(tmp_path, "bad.jsonl", lines[:2] + [bad_line] + lines[2:])

    with pytest.raises(CatalogueFileError) as exc:
        import_catalogue(path, STRUCTURED)

    assert message in exc.value.message
    assert Procedure.objects.count() == 0 and ProcedureVersion.objects.count() == 0


def test_failure_while_writing_rolls_everything_back(monkeypatch):
    from motcua.catalogue import importer

    def boom(procedures, on=None):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer, "refresh_current_many", boom)
    with pytest.raises(RuntimeError):
        import_catalogue(PORTAL, STRUCTURED)
    assert Procedure.objects.count() == 0 and Channel.objects.count() == 0


def test_command_reports_coverage():
    out = io.StringIO()
    call_command("import_catalogue", dvcqg=str(PORTAL), structured=str(STRUCTURED), commune="", stdout=out)

    text = out.getvalue()
    assert "7 thủ tục: 7 phiên bản mới, 0 không đổi" in text
    assert "thành phần hồ sơ: 7 (100.0%)" in text


def test_command_names_the_bad_record(tmp_path):
    path = _write(tmp_path, "bad.jsonl", ['{"ma_thu_tuc": "1.000001"}'])
    with pytest.raises(CommandError, match=r"bad.jsonl, dòng 1: thủ tục 1.000001 không có tên"):
        call_command("import_catalogue", dvcqg=str(path), structured="", commune="", stdout=io.StringIO())
    assert Procedure.objects.count() == 0


def test_commune_level_codes(tmp_path):
    # header and rows as in capxa_376_tthc_by_linhvuc.csv
    path = tmp_path / "capxa.csv"
    path.write_text(
        "ma_tthc,linh_vuc,ten_thu_tuc_if_known,detail_in_dvcqg_tthc_2642\n"
        "1.013855,An toàn thực phẩm,,no\n"
        '3.000442,Biển và hải đảo,"Sửa đổi, bổ sung Quyết định giao khu vực biển",yes\n',
        encoding="utf-8",
    )
    assert commune_level_codes(path) == {"1.013855", "3.000442"}


def test_bulk_refresh_matches_refresh_current():
    from motcua.catalogue.services import refresh_current

    import_catalogue(PORTAL, STRUCTURED)
    bulk = {e.procedure_id: (e.name, e.body, e.field_id, e.level) for e in SearchEntry.objects.all()}
    for procedure in Procedure.objects.all():
        refresh_current(procedure)
    one_by_one = {e.procedure_id: (e.name, e.body, e.field_id, e.level) for e in SearchEntry.objects.all()}
    assert bulk == one_by_one and len(bulk) == 7
