"""The arithmetic of the indicators, as pure functions (no ORM).

Sources (see docs/domain.md §5, §7):
- QĐ 766/QĐ-TTg and the DVCQG formula document "Mô tả công thức tính chỉ số 766": capped rates
  `min(1, rate / threshold) × max_points`, a zero denominator gives N/A (None here), two decimals;
  on-time (2.1) subtracts supplement time and counts a dossier with more than one supplement request as
  overdue; open dossiers are measured against the end of the period.
- NĐ 61/2018 Art. 30–32 and TT 01/2018/TT-VPCP Art. 13: nine indicators scored 2 / 1 / 0.

What this module leaves out: working-time arithmetic. Supplement time is subtracted in wall-clock time,
which matches the deadline when the supplement starts and ends on working days (the usual case); the
working-day engine (workdays) is applied upstream where it matters (the frozen due date itself).
"""

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "capped_score",
    "rate",
    "round2",
    "wilson_interval",
    "DossierClock",
    "is_on_time",
    "on_time_from_totals",
    "rank_units",
    "RankedRow",
    "nd61_one_stop_decided",
    "nd61_publicity",
    "nd61_complaints_on_time",
    "nd61_online",
    "pakn_satisfaction",
    "tthc_satisfaction",
    "weighted_score",
]

TWO = Decimal("0.01")


def round2(value) -> Decimal | None:
    """Round half up to two decimals, as the 766 formula document does; None stays None."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(TWO, rounding=ROUND_HALF_UP)


def rate(numerator: int, denominator: int) -> float | None:
    """numerator / denominator, or None (N/A) when nothing was counted."""
    if not denominator:
        return None
    return numerator / denominator


def capped_score(numerator: int, denominator: int, *, max_points, threshold=None) -> Decimal | None:
    """Return `min(1, rate / threshold) × max_points` rounded to 2 decimals; None when the denominator is 0.

    Without a threshold the rate itself scales the points (threshold 100%).
    """
    r = rate(numerator, denominator)
    if r is None:
        return None
    share = r if not threshold else min(1.0, r / float(threshold))
    return round2(Decimal(str(share)) * Decimal(str(max_points)))


def wilson_interval(successes: int, n: int, z: float = 1.96) -> tuple[float, float] | None:
    """Return the Wilson score interval (95% by default) of a proportion, or None when n == 0."""
    if n <= 0:
        return None
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


# --- Timeliness (766 indicator 2.1) -------------------------------------------------------------


@dataclass(frozen=True)
class DossierClock:
    """What 2.1 needs to know about one dossier.

    due_at: the due date frozen at acceptance (before any supplement).
    finished_at: end of processing — the first of done (9), returned (10), stopped/refused (8, 3) — or None.
    supplements: (requested_at, completed_at or None) for each supplement request.
    """

    received_at: datetime
    due_at: datetime | None
    finished_at: datetime | None = None
    supplements: tuple = field(default_factory=tuple)

    def supplement_time(self, until: datetime) -> timedelta:
        """Time spent waiting for the citizen's supplement, up to `until`."""
        total = timedelta(0)
        for start, end in self.supplements:
            stop = min(end or until, until)
            if stop > start:
                total += stop - start
        return total


def is_on_time(clock: DossierClock, period_end: datetime) -> bool:
    """Return whether a dossier counts as on time (or early) for 766 indicator 2.1 at `period_end`.

    - more than one supplement request ⇒ overdue, whatever the dates (F766);
    - the request → completion interval of a supplement does not count against the deadline;
    - a dossier still open at the end of the period is measured against the end of the period.
    A dossier without a deadline (e.g. same-day answers with no due date recorded) counts as on time.
    """
    end = clock.finished_at if clock.finished_at and clock.finished_at <= period_end else period_end
    return on_time_from_totals(
        due_at=clock.due_at, end=end, supplement_time=clock.supplement_time(end),
        supplement_count=len(clock.supplements),
    )


def on_time_from_totals(*, due_at, end, supplement_time: timedelta, supplement_count: int) -> bool:
    """The same rule on totals: overdue with >1 supplement request; else `end − supplement time ≤ due`."""
    if supplement_count > 1:
        return False
    if due_at is None:
        return True
    return end - supplement_time <= due_at


# --- Satisfaction (766 group 5) -------------------------------------------------------------------


def open_overdue(*, supplement_count: int, supplement_started_at, due_adjusted, cutoff: datetime) -> bool:
    """766 2.1 for a dossier open at `cutoff`: overdue after more than one supplement, or when `cutoff` is past
    its due date plus completed supplement time (`due_adjusted`); while it waits for a supplement the clock is
    paused, so it is overdue only if it already was when the wait began. (services.figures.overdue_q is the SQL form.)"""
    if supplement_count > 1:
        return True
    if due_adjusted is None:
        return False
    return due_adjusted < cutoff if supplement_started_at is None else supplement_started_at > due_adjusted


def pakn_satisfaction(total: int, disliked: int, overdue: int, repeated: int) -> float | None:
    """766 indicator 5.3: (total − disliked − overdue − repeated) / total; reopened items count as repeated."""
    if not total:
        return None
    return max(0, total - disliked - overdue - repeated) / total


def tthc_satisfaction(total: int, overdue: int, complained: int) -> float | None:
    """766 indicator 5.4: 100% − (overdue share + share with a complaint or dislike)."""
    if not total:
        return None
    return max(0.0, 1 - (overdue + complained) / total)


# --- Fair rankings ---------------------------------------------------------------------------------


@dataclass
class RankedRow:
    key: object
    value: float | None
    n: int
    rank: int | None = None
    interval: tuple[float, float] | None = None
    reason: str = ""


def rank_units(rows, *, min_n: int, higher_is_better: bool = True) -> list[RankedRow]:
    """Rank units by value with standard competition ranking (1, 2, 2, 4).

    A unit with fewer than `min_n` dossiers, or without a value, is left unranked (rank None) with the
    reason, so that one council with one dossier can never top the city. `rows` are (key, value, n) or
    (key, value, n, successes) tuples; with successes the Wilson interval is attached.
    """
    out, eligible = [], []
    for row in rows:
        key, value, n = row[0], row[1], row[2]
        r = RankedRow(key=key, value=value, n=n)
        if len(row) > 3 and n:
            r.interval = wilson_interval(row[3], n)
        if value is None:
            r.reason = "Không có dữ liệu"
        elif n < min_n:
            r.reason = f"Chưa đủ {min_n} hồ sơ để xếp hạng"
        else:
            eligible.append(r)
        out.append(r)
    eligible.sort(key=lambda r: r.value, reverse=higher_is_better)
    previous, previous_rank = object(), 0
    for i, r in enumerate(eligible, start=1):
        r.rank = previous_rank if r.value == previous else i
        previous, previous_rank = r.value, r.rank
    ranked = sorted(eligible, key=lambda r: r.rank)
    return ranked + [r for r in out if r.rank is None]


# --- Decree 61 / Circular 01/2018 Art. 13, per-unit indicators 5, 6, 8, 9 (2 / 1 / 0) ----------------
# The per-dossier indicators 1-4 and 7 live in one place: motcua.ratings.dossier_scores.


def nd61_one_stop_decided(share: float | None, *, commune_level: bool) -> int | None:
    """Indicator 5 (per unit): share of procedures decided at the one-stop; target commune 100%, province 20%.

    The Circular names the target only; 1 point for reaching half the target is an assumption.
    """
    if share is None:
        return None
    target = 1.0 if commune_level else 0.2
    return 2 if share >= target else 1 if share >= target / 2 else 0


def nd61_publicity(*, posted: bool, electronic: bool) -> int:
    """Indicator 6: published at the office and electronically 2 / one of them 1 / neither 0."""
    return int(posted) + int(electronic)


def nd61_complaints_on_time(on_time: int, total: int, *, lingering: int = 0) -> int | None:
    """Indicator 8 (per unit): complaints handled on time 100% → 2, ≥90% → 1, <90% or any lingering → 0."""
    if not total:
        return None
    if lingering:
        return 0
    share = on_time / total
    return 2 if share >= 1 else 1 if share >= 0.9 else 0


def nd61_online(procedures_online_share: float | None, dossiers_online_share: float | None, *, online_late: int) -> int | None:
    """Indicator 9 (per unit): ≥20% of procedures and ≥30% of dossiers online with none late → 2;
    15–30% of dossiers → 1; below 15% or any online dossier late → 0."""
    if procedures_online_share is None or dossiers_online_share is None:
        return None
    if online_late or dossiers_online_share < 0.15:
        return 0
    if procedures_online_share >= 0.2 and dossiers_online_share >= 0.3:
        return 2
    return 1


def weighted_score(parts: dict, weights: dict) -> Decimal | None:
    """Combine rates in [0, 1] with weights into a score out of 100; parts that are None are left out
    and the remaining weights rescaled. None when nothing is known."""
    known = {k: v for k, v in parts.items() if v is not None and weights.get(k)}
    total_w = sum(float(weights[k]) for k in known)
    if not total_w:
        return None
    return round2(sum(float(weights[k]) * v for k, v in known.items()) / total_w * 100)
