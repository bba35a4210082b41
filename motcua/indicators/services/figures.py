"""A unit's figures for a period, summed from the facts: counters, and the dossiers open at the period end.

How a period is read (assumption where F766 is silent, shown on the board): indicator 2.1 counts the
dossiers finished within the period plus those still open at its end; an open dossier is overdue when the
end of the period (or now, for the running period) is past its due date plus completed supplement time.
Intake counts (online share, digitised, reused, payment) use the dossiers accepted within the period.
"""

import functools
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from ..facts import catch_up
from ..formulas import rate, wilson_interval
from ..models import COUNT_FIELDS, AgencyDayFact, AgencyOpenFact, DailyFact, DossierFact
from .periods import Period


@dataclass
class Figures:
    """Sums of the daily counters for one unit and one period, plus open dossiers at the period end."""

    counts: dict = field(default_factory=lambda: dict.fromkeys(COUNT_FIELDS, 0))
    open: int = 0
    open_overdue: int = 0

    @property
    def timeliness_n(self):
        return self.counts["finished"] + self.open

    @property
    def timely(self):
        return self.counts["on_time"] + self.open - self.open_overdue

    @property
    def on_time_rate(self):
        return rate(self.timely, self.timeliness_n)

    @property
    def online_rate(self):
        return rate(self.counts["online"], self.counts["received"])

    @property
    def interval(self):
        return wilson_interval(self.timely, self.timeliness_n)

    @property
    def average_days(self):
        n = self.counts["finished"]
        return None if not n else self.counts["processing_seconds"] / n / 86400

    def add(self, other: "Figures"):
        for k in COUNT_FIELDS:
            self.counts[k] += other.counts[k]
        self.open += other.open
        self.open_overdue += other.open_overdue


def current(read):
    """Decorate a read of the facts: the events not yet folded are folded first (usually none), so that it sees
    every committed event (facts.catch_up)."""
    @functools.wraps(read)
    def wrapper(*args, **kwargs):
        catch_up()
        return read(*args, **kwargs)

    return wrapper


GROUP_KEYS = {"agency": "agency_id", "commune": "agency__commune_id", "field": "field_id", "city": None}


def overdue_q(cutoff):
    """Open dossiers overdue at `cutoff`: the SQL form of formulas.open_overdue (766: >1 supplement, or past due
    plus completed supplement time; while waiting for a supplement the clock is paused)."""
    return (
        Q(supplement_count__gt=1)
        | Q(supplement_started_at__isnull=True, due_adjusted__lt=cutoff)
        | Q(supplement_started_at__isnull=False, supplement_started_at__gt=F("due_adjusted"))
    )


def open_at_end(period: Period, now: datetime):
    """Dossiers accepted before the period end and not finished by it, with the cut-off used for overdue
    (the rows behind a figure; unit_figures counts the same set without reading every fact)."""
    end = period.aware_end()
    if end > now:  # the running period: what is open now, judged now
        return DossierFact.objects.filter(is_open=True), now
    return (
        DossierFact.objects.filter(accepted_at__lt=end).filter(Q(finished_at__isnull=True) | Q(finished_at__gte=end)),
        end,
    )


@current
def unit_figures(period: Period, *, by="agency", now=None, agency_ids=None) -> dict:
    """Return {key: Figures} for the period; key is an agency, commune or field id (None for the city).

    Counters are sums of day rows (AgencyDayFact; DailyFact by field). Dossiers open at the period end
    (`open_at_end`) are counted without reading every open fact: see `_open_counts`.
    """
    now = now or timezone.now()
    key = GROUP_KEYS[by]
    daily = (DailyFact if by == "field" else AgencyDayFact).objects.filter(day__gte=period.start, day__lt=period.end)
    if agency_ids is not None:
        daily = daily.filter(agency_id__in=agency_ids)
    sums = {k: Sum(k) for k in COUNT_FIELDS}
    rows = [{"k": None, **daily.aggregate(**sums)}] if key is None else daily.values(k=F(key)).annotate(**sums).order_by()
    out = {}
    for row in rows:
        fig = out.setdefault(row["k"], Figures())
        for k in COUNT_FIELDS:
            fig.counts[k] += row[k] or 0
    for k, n, overdue in _open_counts(period, key, now, agency_ids):
        if n or overdue:
            fig = out.setdefault(k, Figures())
            fig.open += n
            fig.open_overdue += overdue
    return out


def _open_counts(period: Period, key, now, agency_ids):
    """(key, n, overdue) parts of the dossiers open at the period end, to be summed per key.

    How many: the agencies' open counts now (AgencyOpenFact), less what was received minus finished since the
    period end (day rows after it; none for the running period), since a dossier is open from its acceptance
    day to its finishing day. By field, which those counts lack, the open facts are counted.
    Overdue: of the open facts, only those past due at the cut-off, then those held by supplements and not past
    due, are read (one partial index each); for a closed period, plus those open at its end and finished since
    (`carried_overdue`).
    """
    source = DailyFact if key == "field_id" else AgencyDayFact
    opened, carried = DossierFact.objects.filter(is_open=True), source.objects.none()
    cutoff = period.aware_end()
    if cutoff > now:
        cutoff, since = now, source.objects.none()
    else:
        opened = opened.filter(accepted_at__lt=cutoff)
        carried, since = source.objects.filter(day=period.end), source.objects.filter(day__gte=period.end)
    overdue = opened.filter(overdue_q(cutoff))
    past_due = overdue.filter(due_adjusted__lt=cutoff)
    held = overdue.filter(Q(supplement_count__gt=1) | Q(supplement_started_at__isnull=False)).filter(
        Q(due_adjusted__gte=cutoff) | Q(due_adjusted__isnull=True))
    if key == "field_id":
        counts = [(opened, {"n": Count("agency_id")}), (carried, {"n": Sum("carried")})]
    else:
        counts = [(AgencyOpenFact.objects.all(), {"n": Sum("open")}),
                  (since, {"n": Sum("finished") - Sum("received")})]
    counts += [(past_due, {"overdue": Count("agency_id")}), (held, {"overdue": Count("agency_id")}),
               (carried, {"overdue": Sum("carried_overdue")})]
    for qs, aggregate in counts:
        if agency_ids is not None:
            qs = qs.filter(agency_id__in=agency_ids)
        group = [{"k": None, **qs.aggregate(**aggregate)}] if key is None else \
            qs.values(k=F(key)).annotate(**aggregate).order_by()
        for row in group:
            yield row["k"], row.get("n") or 0, row.get("overdue") or 0
