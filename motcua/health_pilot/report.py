"""The pilot report, by month and commune, ready to send upward (page and CSV/XLSX export).

For each month (of submission) and commune (of the receiving agency), over dossiers of the pilot procedures:
- dossiers, and those that took at least one paper from the health source;
- papers not asked of the citizen (one per paper taken);
- days saved against the paper route: for each pilot dossier finished, the average submission-to-end time of
  the same procedure's dossiers finished without the health record (the paper route) minus its own, summed.
  Measured from our own dossiers, so it needs both kinds finished; where one is missing it is left empty. The
  citizen's trip to fetch the paper from the hospital is not in our data and is not counted.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone

from motcua.dossiers.models import Dossier

from .models import HealthRecordUse
from .services import PILOT


@dataclass
class Row:
    month: str            # "mm/yyyy"
    commune: str
    dossiers: int = 0
    reused: int = 0
    papers_not_asked: int = 0
    days_saved: float | None = None
    synthetic: bool = False


HEADERS = ["Tháng", "Xã, phường", "Hồ sơ thuộc thủ tục thí điểm", "Hồ sơ dùng dữ liệu y tế",
           "Giấy tờ không phải nộp", "Số ngày tiết kiệm so với nộp giấy", "Có dữ liệu mô phỏng"]


def rows(start=None, end=None) -> list[Row]:
    uses = HealthRecordUse.objects.filter(dossier=OuterRef("pk"))
    dossiers = (Dossier.objects.filter(procedure__code__in=PILOT)
                .annotate(reused=Exists(uses))
                .values("id", "procedure_id", "submitted_at", "finished_at", "is_synthetic", "reused",
                        "agency__commune__name", "agency__name"))
    if start:
        dossiers = dossiers.filter(submitted_at__date__gte=start)
    if end:
        dossiers = dossiers.filter(submitted_at__date__lt=end)
    dossiers = list(dossiers)
    papers = defaultdict(int)
    for r in HealthRecordUse.objects.filter(dossier_id__in=[d["id"] for d in dossiers]).values("dossier_id"):
        papers[r["dossier_id"]] += 1
    paper_route = _paper_route_days(dossiers)
    table = {}
    for d in dossiers:
        local = timezone.localtime(d["submitted_at"])
        key = (local.year, local.month, d["agency__commune__name"] or d["agency__name"])
        row = table.setdefault(key, Row(month=f"{local.month:02d}/{local.year}", commune=key[2]))
        row.dossiers += 1
        row.synthetic |= d["is_synthetic"]
        if d["reused"]:
            row.reused += 1
            row.papers_not_asked += papers[d["id"]]
            baseline = paper_route.get(d["procedure_id"])
            if d["finished_at"] and baseline is not None:
                row.days_saved = (row.days_saved or 0.0) + baseline - _days(d)
    return [table[k] for k in sorted(table)]


def totals(table) -> Row:
    total = Row(month="", commune="Toàn thành phố")
    for r in table:
        total.dossiers += r.dossiers
        total.reused += r.reused
        total.papers_not_asked += r.papers_not_asked
        total.synthetic |= r.synthetic
        if r.days_saved is not None:
            total.days_saved = (total.days_saved or 0.0) + r.days_saved
    return total


def as_table(table):
    return [[r.month, r.commune, r.dossiers, r.reused, r.papers_not_asked,
             None if r.days_saved is None else round(r.days_saved, 1), "có" if r.synthetic else "không"]
            for r in table]


def _days(d):
    return (d["finished_at"] - d["submitted_at"]).total_seconds() / 86400


def _paper_route_days(dossiers):
    """Average submission-to-end days of finished dossiers without the health record, per procedure."""
    sums = defaultdict(lambda: [0.0, 0])
    for d in dossiers:
        if d["finished_at"] and not d["reused"]:
            sums[d["procedure_id"]][0] += _days(d)
            sums[d["procedure_id"]][1] += 1
    return {k: total / n for k, (total, n) in sums.items()}
