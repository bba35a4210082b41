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
from django.db.models import Max
from django.utils import timezone

from motcua.lib.errors import DomainError

from . import parsing
from .models import Channel, Component, FeeItem, Field, LegalBasis, Procedure, ProcedureVersion, Step
from .services import CHILD_FIELDS, refresh_current_many
from .signals import versions_created

__all__ = [
    "CatalogueFileError",
    "import_catalogue",
    "load_records",
    "coverage",
    "commune_level_codes",
    "commune_codes_without_text",
]

IMPORTED_SOURCES = (ProcedureVersion.Source.DVCQG, ProcedureVersion.Source.STRUCTURED, ProcedureVersion.Source.COMMUNE)
_CODE_RE = re.compile(r"^\d+\.\d+$")
BATCH = 500


class CatalogueFileError(DomainError):
    """A catalogue file cannot be imported; the message names the file and the line or code."""


@dataclass
class ImportResult:
    created: int = 0
    unchanged: int = 0
    coverage: dict = field(default_factory=dict)


def import_catalogue(dvcqg_path=None, structured_path=None, commune_path=None):
    """Import the given files (any may be None) and return an ImportResult; all or nothing."""
    records = load_records(dvcqg_path, structured_path, commune_path)
    result = ImportResult(coverage=coverage(records.values()))
    with transaction.atomic():
        known = _last_imported_hashes()
        todo = []
        for code in sorted(records):
            data = records[code]
            digest = parsing.content_hash(data)
            if known.get(code) == digest:
                result.unchanged += 1
                continue
            data["raw"] = {**data["raw"], "content_hash": digest}
            todo.append((code, data))
        _write_versions(todo)
        result.created = len(todo)
    return result


def _write_versions(items, note="Nhập từ dữ liệu công khai"):
    """Create one new version per (code, data), in bulk; same outcome as services.create_version for each.

    create_version costs ~20 queries a procedure (80 s for the full catalogue on SQLite); here each table is
    written with a few bulk inserts, then services.refresh_current_many applies the version-in-force rule.
    """
    if not items:
        return
    procedures = _procedures_for([code for code, _ in items])
    fields = _fields_for({(data.get("field") or "").strip() for _, data in items} - {""})
    last_numbers = dict(
        ProcedureVersion.objects.filter(procedure__in=procedures.values())
        .values("procedure_id")
        .annotate(n=Max("number"))
        .values_list("procedure_id", "n")
    )
    today = timezone.localdate()
    versions = []
    for code, data in items:
        procedure = procedures[code]
        values = {k: v for k, v in data.items() if k not in CHILD_FIELDS and k != "field"}
        versions.append(
            ProcedureVersion(
                procedure=procedure,
                number=last_numbers.get(procedure.pk, 0) + 1,
                effective_from=today,
                source=data["raw"]["source"],
                change_note=note,
                field=fields.get((data.get("field") or "").strip()),
                **values,
            )
        )
    ProcedureVersion.objects.bulk_create(versions, batch_size=BATCH)
    _write_children(list(zip(versions, [data for _, data in items], strict=True)))
    refresh_current_many(procedures.values())
    versions_created.send(sender=ProcedureVersion, codes=[code for code, _ in items], at=timezone.now())


def _write_children(pairs):
    channels, fees_of = [], []
    for version, data in pairs:
        for c in data.get("channels", []):
            channels.append(Channel(version=version, **{k: v for k, v in c.items() if k != "fees"}))
            fees_of.append(c.get("fees", []))
    Channel.objects.bulk_create(channels, batch_size=BATCH)
    FeeItem.objects.bulk_create(
        [FeeItem(channel=ch, **f) for ch, fees in zip(channels, fees_of, strict=True) for f in fees], batch_size=BATCH
    )
    Component.objects.bulk_create(
        [Component(version=v, order=i, **c) for v, d in pairs for i, c in enumerate(d.get("components", []))],
        batch_size=BATCH,
    )
    Step.objects.bulk_create(
        [Step(version=v, order=i, text=t) for v, d in pairs for i, t in enumerate(d.get("steps", []))], batch_size=BATCH
    )
    LegalBasis.objects.bulk_create(
        [LegalBasis(version=v, order=i, **b) for v, d in pairs for i, b in enumerate(d.get("legal_bases", []))],
        batch_size=BATCH,
    )


def _procedures_for(codes):
    existing = {p.code for p in Procedure.objects.filter(code__in=codes).only("code")}
    Procedure.objects.bulk_create([Procedure(code=c) for c in codes if c not in existing], batch_size=BATCH)
    return {p.code: p for p in Procedure.objects.filter(code__in=codes)}


def _fields_for(names):
    existing = set(Field.objects.filter(name__in=names).values_list("name", flat=True))
    Field.objects.bulk_create([Field(name=n) for n in sorted(names - existing)], batch_size=BATCH)
    return {f.name: f for f in Field.objects.filter(name__in=names)}


def _last_imported_hashes():
    """Map code -> content hash of the latest imported version of each procedure (one query, hashes only)."""
    rows = (
        ProcedureVersion.objects.filter(source__in=IMPORTED_SOURCES)
        .order_by("procedure_id", "number")
        .values_list("procedure__code", "raw__content_hash")
    )
    return dict(rows)  # ordered by number: the latest version of each code is written last


def load_records(dvcqg_path=None, structured_path=None, commune_path=None):
    """Read, check and parse the files; return {code: create_version dict}. Raise CatalogueFileError.

    A code in several files: the structured rows (Ministry of Defence, then the commune-level export) win over
    the national portal's flattened text, whose blanks they fill (parsing.merge_records).
    """
    records = (
        {code: parsing.parse_dvcqg_record(rec) for code, rec in _read(dvcqg_path, "ma_thu_tuc")} if dvcqg_path else {}
    )
    for path, code_key, parse in (
        (structured_path, "thu_tuc_id", parsing.parse_structured_record),
        (commune_path, "ma_tthc", parsing.parse_commune_record),
    ):
        if not path:
            continue
        for code, rec in _read(path, code_key):
            data = parse(rec)
            records[code] = parsing.merge_records(data, records[code]) if code in records else data
    return records


def _read(path, code_key):
    """Yield (code, record) from a JSON-lines file or a JSON list (gzipped if it ends in .gz), checking each."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    seen = {}
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise CatalogueFileError(f"Không đọc được tệp {path.name}: {exc}") from exc
    for where, rec in _entries(path, text):
        if not isinstance(rec, dict):
            unit = "dòng" if where.startswith("dòng") else "bản ghi"
            raise CatalogueFileError(f"{path.name}, {where}: mỗi {unit} phải là một đối tượng JSON.")
        code = str(rec.get(code_key) or "").strip()
        if not _CODE_RE.match(code):
            raise CatalogueFileError(f"{path.name}, {where}: thiếu hoặc sai mã thủ tục ('{code}').")
        if code in seen:
            raise CatalogueFileError(f"{path.name}, {where}: mã {code} trùng với {seen[code]}.")
        seen[code] = where
        name = rec.get("ten_thu_tuc") or rec.get("ten_tthc") or (rec.get("metadata") or {}).get("tên_thủ_tục")
        if not (name or "").strip():
            raise CatalogueFileError(f"{path.name}, {where}: thủ tục {code} không có tên.")
        yield code, rec


def _entries(path, text):
    """Yield (where, parsed record): 'dòng N' of a JSON-lines file, 'bản ghi N' of a JSON list."""
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CatalogueFileError(f"{path.name}, dòng {exc.lineno}: không phải JSON hợp lệ ({exc.msg}).") from exc
        yield from ((f"bản ghi {i}", rec) for i, rec in enumerate(items, start=1))
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield f"dòng {lineno}", json.loads(line)
        except json.JSONDecodeError as exc:
            raise CatalogueFileError(f"{path.name}, dòng {lineno}: không phải JSON hợp lệ ({exc.msg}).") from exc


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


def commune_codes_without_text(path):
    """Return the sorted commune-level codes (capxa_376_tthc_by_linhvuc.csv) of which no file gives any text."""
    known = set(Procedure.objects.filter(current__isnull=False).values_list("code", flat=True))
    return sorted(commune_level_codes(path) - known)


def commune_level_codes(path):
    """Return the procedure codes of the commune-level list (capxa_376_tthc_by_linhvuc.csv, column ma_tthc)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return {row["ma_tthc"].strip() for row in csv.DictReader(fh) if (row.get("ma_tthc") or "").strip()}
