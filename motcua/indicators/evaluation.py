"""Decree 61 / Circular 01/2018 Art. 13 evaluation: the per-unit indicators 5, 6, 8, 9 and a unit summary.

The per-dossier indicators (1–4, 7) are scored by `ratings.dossier_scores` from the dossier's events; this
module scores what the Circular scores per unit and averages indicator 1 over a unit's finished dossiers
from the facts (early 2, on the due day 1, late 0 — using the 766 on-time reading, see formulas).

Readings (assumptions, shown on screen):
- 5 (decided at the one-stop) needs a per-procedure "decided at the one-stop" flag that the catalogue does
  not carry yet → N/A.
- 6 (publicity): electronic publication = the procedure is in force in motcua's public catalogue; posting
  at the office is a declaration in IndexConfig (`nd61_posted_at_office`, default true).
- 8: feedback items of the unit answered on time / answered; items open past their deadline count as lingering.
- 9: share of the unit's procedures with an online channel, share of its dossiers submitted online, and
  online dossiers finished late.
"""

from dataclasses import dataclass

from . import formulas as f

LABELS = {
    1: "Thời gian giải quyết so với quy định",
    2: "Thời gian xử lý của từng cơ quan",
    3: "Số lần liên hệ để hoàn thiện hồ sơ",
    4: "Số cơ quan phải liên hệ",
    5: "TTHC được giải quyết tại Bộ phận Một cửa",
    6: "Công khai TTHC",
    7: "Thái độ của cán bộ",
    8: "Xử lý phản ánh, kiến nghị đúng hạn",
    9: "Cung cấp dịch vụ công trực tuyến",
}


@dataclass
class UnitEvaluation:
    scores: dict  # indicator number → 0/1/2 or None (N/A), or a mean for per-dossier indicators

    @property
    def total(self):
        known = [v for v in self.scores.values() if v is not None]
        return round(sum(known) / (2 * len(known)) * 100, 2) if known else None

    def rows(self):
        return [(k, LABELS[k], self.scores.get(k)) for k in sorted(LABELS) if k in self.scores]


def evaluate_unit(figures, *, catalogue=None, feedback=None, commune_level=True, config=None) -> UnitEvaluation:
    config = config or {}
    c = figures.counts
    scores = {}
    if c["finished"]:
        scores[1] = round((2 * c["early"] + (c["on_time"] - c["early"])) / c["finished"], 2)
    scores[5] = f.nd61_one_stop_decided(None, commune_level=commune_level)
    n_proc = catalogue["procedures"] if catalogue else 0
    scores[6] = f.nd61_publicity(posted=config.get("nd61_posted_at_office", True), electronic=bool(n_proc))
    if feedback:
        scores[8] = f.nd61_complaints_on_time(
            feedback.get("answered_on_time", 0), feedback.get("answered", 0), lingering=feedback.get("overdue", 0)
            - (feedback.get("answered", 0) - feedback.get("answered_on_time", 0)),
        )
    else:
        scores[8] = None
    scores[9] = f.nd61_online(
        f.rate(catalogue["online"], n_proc) if catalogue else None,
        figures.online_rate,
        online_late=c["online_late"],
    )
    return UnitEvaluation(scores)
