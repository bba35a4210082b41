"""Load the public catalogue files into versioned procedures (see docs/catalogue-import.md).

Both files are read and checked in full before anything is written; the writing is one transaction, so a
malformed file leaves the database as it was. A procedure gets a new version only when its parsed content
(hash kept in version.raw['content_hash']) differs from the last imported version, so re-running is idempotent
and an editor's later version is never overwritten by an unchanged import.
"""

import csv
import gzip
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from motcua.lib.errors import DomainError

from . import parsing
from .models import ProcedureVersion
from .services import create_version

__all__ = ["CatalogueFileError", "import_catalogue", "load_records", "coverage", "commune_level_codes"]

IMPORTED_SOURCES = (ProcedureVersion.Source.DVCQG, ProcedureVersion.Source.STRUCTURED)
_CODE_RE = re.compile(r"^\d+\.\d+$")


class CatalogueFileError(DomainError):
    """A catalogue file cannot be imported; the message names the file and the line or code."""


@dataclass
class ImportResult:
    created: int = 0
    unchanged: int = 0
    coverage: dict = field(default_factory=dict)


def import_catalogue(dvcqg_path=None, structured_path=None):
    """Import the given files (either may be None) and return an ImportResult; all or nothing."""
    records = load_records(dvcqg_path, structured_path)
    result = ImportResult(coverage=coverage(records.values()))
    with transaction.atomic():
        known = _last_imported_hashes()
        for code in sorted(records):
            data = records[code]
            digest = parsing.content_hash(data)
            if known.get(code) == digest:
                result.unchanged += 1
                continue
            data["raw"] = {**data["raw"], "content_hash": digest}
            source = data["raw"]["source"]
            create_version(code, data, source=source, note="Nhập từ dữ liệu công khai")
            result.created += 1
    return result


def _last_imported_hashes():
    """Map code -> content hash of the latest imported version of each procedure (one query)."""
    latest = {}
    rows = (
        ProcedureVersion.objects.filter(source__in=IMPORTED_SOURCES)
        .order_by("procedure_id", "number")
        .values_list("procedure__code", "raw")
    )
    for code, raw in rows:
        latest[code] = (raw or {}).get("content_hash")
    return latest


def load_records(dvcqg_path=None, structured_path=None):
    """Read, check and parse both files; return {code: create_version dict}. Raise CatalogueFileError."""
    portal = (
        {code: parsing.parse_dvcqg_record(rec) for code, rec in _read(dvcqg_path, "ma_thu_tuc")} if dvcqg_path else {}
    )
    structured = (
        {code: parsing.parse_structured_record(rec) for code, rec in _read(structured_path, "thu_tuc_id")}
        if structured_path
        else {}
    )
    records = dict(portal)
    for code, data in structured.items():
        records[code] = parsing.merge_records(data, portal[code]) if code in portal else data
    return records


def _read(path, code_key):
    """Yield (code, record) from a JSON-lines file (gzipped if it ends in .gz), checking every line."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    seen = {}
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            lines = list(fh)
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise CatalogueFileError(f"Không đọc được tệp {path.name}: {exc}") from exc
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CatalogueFileError(f"{path.name}, dòng {lineno}: không phải JSON hợp lệ ({exc.msg}).") from exc
        if not isinstance(rec, dict):
            raise CatalogueFileError(f"{path.name}, dòng {lineno}: mỗi dòng phải là một đối tượng JSON.")
        code = str(rec.get(code_key) or "").strip()
        if not _CODE_RE.match(code):
            raise CatalogueFileError(f"{path.name}, dòng {lineno}: thiếu hoặc sai mã thủ tục ('{code}').")
        if code in seen:
            raise CatalogueFileError(f"{path.name}, dòng {lineno}: mã {code} trùng với dòng {seen[code]}.")
        seen[code] = lineno
        name = rec.get("ten_thu_tuc") or (rec.get("metadata") or {}).get("tên_thủ_tục")
        if not (name or "").strip():
            raise CatalogueFileError(f"{path.name}, dòng {lineno}: thủ tục {code} không có tên.")
        yield code, rec


def coverage(records):
    """Count the procedures with each part parsed: channels, durations, fees, components, legal basis, steps."""
    records = list(records)

    def has_duration(c):
        return (c["duration_value"] is not None and bool(c["duration_unit"])) or c["duration_unit"] == "same_day"

    counts = {
        "procedures": len(records),
        "channels": sum(1 for r in records if r["channels"]),
        "durations": sum(1 for r in records if r["channels"] and all(has_duration(c) for c in r["channels"])),
        "fees": sum(1 for r in records if any(c["fees"] for c in r["channels"])),
        "components": sum(1 for r in records if r["components"]),
        "legal_bases": sum(1 for r in records if r["legal_bases"]),
        "steps": sum(1 for r in records if r["steps"]),
        "with_issues": sum(1 for r in records if r["parse_issues"]),
    }
    return counts


def commune_level_codes(path):
    """Return the procedure codes of the commune-level list (capxa_376_tthc_by_linhvuc.csv, column ma_tthc)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return {row["ma_tthc"].strip() for row in csv.DictReader(fh) if (row.get("ma_tthc") or "").strip()}
