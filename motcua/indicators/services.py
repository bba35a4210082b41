"""Indicators from facts: the 766 index, rates and fair rankings per agency, commune, field or the city.

Public surface (views, API and commands call these):
- `Period.of(kind, day)` — month / quarter / year containing `day`;
- `unit_figures(period, *, by="agency", now)` → {key: Figures} from AgencyDayFact (DailyFact by field), with
  the dossiers open at the period end from AgencyOpenFact and the overdue open facts;
- `index_for(figures, catalogue, feedback, satisfaction, config)` → IndexResult (766);
- `board(period, *, now)` → rows for the public board (on-time, online share, satisfaction, 766, rank);
  `board_and_city` gives the city's figures from the same pass;
- `drilldown(...)` → the dossiers behind a figure.

How a period is read (assumption where F766 is silent, shown on the board): indicator 2.1 counts the
dossiers finished within the period plus those still open at its end; an open dossier is overdue when the
end of the period (or now, for the running period) is past its due date plus completed supplement time.
Intake counts (online share, digitised, reused, payment) use the dossiers accepted within the period.
"""

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from motcua.catalogue.models import FeeItem, Procedure
from motcua.units.models import Agency

from .config import config_on
from .facts import catch_up
from .formulas import rank_units, rate, tthc_satisfaction, wilson_interval
from .index766 import compute_index
from .models import COUNT_FIELDS, AgencyDayFact, AgencyOpenFact, DailyFact, DossierFact

__all__ = ["Period", "Figures", "unit_figures", "index_for", "board", "board_and_city", "drilldown", "city_agencies",
           "DRILL_KINDS"]

KINDS = {"month": "Tháng", "quarter": "Quý", "year": "Năm"}


@dataclass(frozen=True)
class Period:
    kind: str
    start: date  # first day
    end: date  # first day after

    @classmethod
    def of(cls, kind: str, day: date) -> "Period":
        if kind == "year":
            return cls(kind, date(day.year, 1, 1), date(day.year + 1, 1, 1))
        if kind == "quarter":
            m = 3 * ((day.month - 1) // 3) + 1
            start = date(day.year, m, 1)
        else:
            kind, start = "month", date(day.year, day.month, 1)
        months = 3 if kind == "quarter" else 1
        y, m = divmod(start.month - 1 + months, 12)
        return cls(kind, start, date(start.year + y, m + 1, 1))

    @property
    def label(self) -> str:
        if self.kind == "year":
            return f"Năm {self.start.year}"
        if self.kind == "quarter":
            return f"Quý {(self.start.month - 1) // 3 + 1}/{self.start.year}"
        return f"Tháng {self.start.month:02d}/{self.start.year}"

    @property
    def slug(self) -> str:
        return f"{self.kind}:{self.start.isoformat()}"

    @classmethod
    def parse(cls, text: str | None, today: date) -> "Period":
        """Parse 'month:2026-03-01' (or 'quarter:…', 'year:…'); fall back to the current month."""
        try:
            kind, day = (text or "").split(":")
            return cls.of(kind if kind in KINDS else "month", date.fromisoformat(day))
        except ValueError:
            return cls.of("month", today)

    def previous(self, n=1) -> list["Period"]:
        out, p = [], self
        for _ in range(n):
            p = Period.of(p.kind, p.start - timedelta(days=1))
            out.append(p)
        return out

    def aware_end(self):
        return timezone.make_aware(datetime.combine(self.end, time.min))

    def aware_start(self):
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def days(self) -> int:
        return (self.end - self.start).days


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


def _overdue_q(cutoff):
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
    overdue = opened.filter(_overdue_q(cutoff))
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


# --- Catalogue-side indicators (1.3, 3.1, 3.2, 3.5) ------------------------------------------------


def catalogue_counts(agency_ids=None) -> dict:
    """Per agency: {"procedures": n received, "complete", "online", "fee", "fee_online": how many of them}.

    1.3 "complete" = name, steps, channel, dossier components, time limit, subjects and agency are all present.
    3.5 is approximated by fee-bearing procedures that can be submitted online (payment then goes through the
    portal's gateway) — the DVCQG payability flag is not in our catalogue. Cached for 10 minutes: the
    catalogue changes rarely and this reads every procedure of every agency.
    """
    from django.core.cache import cache

    key = "indicators:catalogue:" + ("all" if agency_ids is None else str(hash(tuple(sorted(agency_ids)))))
    out = cache.get(key)
    if out is None:
        out = _catalogue_counts(agency_ids)
        cache.set(key, out, 600)
    return out


def _catalogue_counts(agency_ids):
    """One grouped query over the agency–procedure links. Each flag is a set of procedure ids, computed once (a
    membership test of the current version against a small set of version ids, hashed by PostgreSQL), so each
    link costs one integer lookup per flag."""
    from motcua.catalogue.models import Channel, Component, Step

    def has(rows):
        return Q(current_id__in=rows)

    def ids(q):
        return Procedure.objects.filter(q).values("id")

    channels = Channel.objects.values("version_id")
    online, fee = has(channels.filter(kind="online")), has(FeeItem.objects.filter(amount__gt=0).values("channel__version_id"))
    # A channel with a time limit implies a channel, so "has a channel" needs no test of its own.
    complete = (~Q(current__subjects="") & ~Q(current__implementing_agency="")
                & has(Step.objects.values("version_id")) & has(Component.objects.values("version_id"))
                & has(channels.filter(Q(duration_value__isnull=False) | ~Q(duration_text=""))))
    links = Procedure.agencies.through.objects.filter(procedure__current__isnull=False)
    if agency_ids is not None:
        links = links.filter(agency_id__in=agency_ids)
    n = "procedure_id"
    rows = links.values("agency_id").annotate(
        procedures=Count(n), complete=Count(n, filter=Q(procedure_id__in=ids(complete))),
        online=Count(n, filter=Q(procedure_id__in=ids(online))), fee=Count(n, filter=Q(procedure_id__in=ids(fee))),
        fee_online=Count(n, filter=Q(procedure_id__in=ids(fee & online))),
    ).order_by()
    return {r.pop("agency_id"): r for r in rows}


@current
def procedures_with_online_dossiers(period: Period) -> dict:
    """Per agency: number of distinct procedures with at least one online dossier accepted in the period (3.2)."""
    rows = (DailyFact.objects.filter(day__gte=period.start, day__lt=period.end, online__gt=0)
            .values("agency_id").annotate(n=Count("procedure_id", distinct=True)).order_by())
    return {r["agency_id"]: r["n"] for r in rows}


def index_counts(fig: Figures, *, catalogue=None, used_online=0, feedback=None, satisfaction=None) -> dict:
    """Build {indicator: (numerator, denominator)} for the 766 index from the figures of one unit."""
    c = fig.counts
    counts = {
        "2.1": (fig.timely, fig.timeliness_n),
        "3.3": (c["online"], c["received"]),
        "3.6": (c["paid_online"], c["fee_bearing"]),
        "4.1": (c["with_result"], c["finished"]),
        "4.2": (c["digitised_full"], c["finished"]),
        "4.3": (c["reused"], c["received"]),
        "4.4": (c["from_data_store"], c["received"]),
    }
    if catalogue:
        n = catalogue["procedures"]
        counts |= {
            "1.3": (catalogue["complete"], n),
            "3.1": (catalogue["online"], n),
            "3.2": (min(used_online, n), n),
            "3.5": (catalogue["fee_online"], catalogue["fee"]),
        }
    if feedback and feedback.get("received"):
        fb = feedback
        counts |= {
            "5.1": (fb["answered"] + fb["refused"], fb["received"]),
            "5.2": (fb["received"] - fb["overdue"], fb["received"]),
            "5.3": (max(0, fb["received"] - fb.get("disliked", 0) - fb["overdue"] - fb["reopened"]), fb["received"]),
        }
    complaints = satisfaction.evaluation_complaints if satisfaction else 0
    if c["finished"]:
        share = tthc_satisfaction(c["finished"], c["late"], complaints)
        counts["5.4"] = (round(share * c["finished"]), c["finished"])
    return counts


def index_for(fig: Figures, config=None, **sources):
    return compute_index(index_counts(fig, **sources), config)


def city_agencies():
    """The agencies shown on the board: the city's commune People's Committees and its departments, each with
    its commune's `population` (None for a department or when unknown)."""
    from django.conf import settings

    return (Agency.objects.filter(province__code=settings.MOTCUA_CITY_PROVINCE_CODE, is_active=True,
                                  kind__in=[Agency.Kind.COMMUNE_PC, Agency.Kind.DEPARTMENT])
            .annotate(population=F("commune__population")).order_by("kind", "name"))


def feedback_by_agency(period, agency=None):
    """Feedback counts per agency id (feedback.facts); for one agency only when `agency` is given."""
    try:
        from motcua.feedback import facts as feedback_facts
    except ImportError:  # feedback app not installed in this deployment
        return {}
    start, end = period.aware_start(), period.aware_end()
    if agency is not None:
        return {agency.id: feedback_facts.facts_for(start=start, end=end, agency=agency)}
    return feedback_facts.facts_by_agency(start=start, end=end)


def satisfaction_by_agency(period, agency_ids=None):
    try:
        from motcua.ratings.facts import satisfaction_facts
    except ImportError:
        return {}
    return {f.key: f for f in satisfaction_facts(start=period.aware_start(), end=period.aware_end(), by="agency",
                                                 agency_ids=agency_ids)}


def satisfaction_rate(fact):
    """Share of 4–5 answers over counter presses and survey satisfaction answers, with its n."""
    if fact is None:
        return None, 0
    n = fact.counter_n + fact.survey_answers
    return rate(fact.counter_satisfied + fact.survey_satisfied, n), n


@dataclass
class BoardRow:
    """One unit on the board. Kept small (cached and copied per request): the 766 total, not every indicator."""

    agency: Agency
    figures: Figures
    score: Decimal | None
    satisfaction: float | None
    satisfaction_n: int
    rank: int | None = None
    rank_reason: str = ""

    @property
    def on_time(self):
        return self.figures.on_time_rate

    @property
    def online(self):
        return self.figures.online_rate

    @property
    def n(self):
        return self.figures.timeliness_n


def board(period: Period, *, now=None, kinds=None) -> list[BoardRow]:
    """Rows for every commune and department of the city, ranked fairly on the 766 total."""
    return board_and_city(period, now=now, kinds=kinds)[0]


def board_and_city(period: Period, *, now=None, kinds=None) -> tuple[list[BoardRow], Figures]:
    """The board rows and the city's figures, from one pass over the facts: the city is every agency summed."""
    now = now or timezone.now()
    config = config_on(min(period.end - timedelta(days=1), timezone.localdate(now)))
    agencies = list(city_agencies())
    if kinds:
        agencies = [a for a in agencies if a.kind in kinds]
    figures = unit_figures(period, now=now)
    city = Figures()
    for fig in figures.values():
        city.add(fig)
    catalogue = catalogue_counts([a.id for a in agencies])
    used = procedures_with_online_dossiers(period)
    feedback = feedback_by_agency(period)
    satisfaction = satisfaction_by_agency(period)
    rows = []
    for a in agencies:
        fig = figures.get(a.id, Figures())
        idx = index_for(fig, config, catalogue=catalogue.get(a.id), used_online=used.get(a.id, 0),
                        feedback=feedback.get(a.id), satisfaction=satisfaction.get(a.id))
        sat, sat_n = satisfaction_rate(satisfaction.get(a.id))
        rows.append(BoardRow(a, fig, idx.total, sat, sat_n))
    ranked = rank_units([(r, r.score, r.n) for r in rows], min_n=config["min_dossiers_for_rank"])
    for rr in ranked:
        rr.key.rank, rr.key.rank_reason = rr.rank, rr.reason
    return rows, city


SORTS = {
    "ten": lambda r: r.agency.name,
    "dung-han": lambda r: (r.on_time is None, -(r.on_time or 0)),
    "truc-tuyen": lambda r: (r.online is None, -(r.online or 0)),
    "hai-long": lambda r: (r.satisfaction is None, -(r.satisfaction or 0)),
    "diem": lambda r: (r.rank is None, r.rank or 0, -(r.score or 0)),
    "ho-so": lambda r: -r.n,
}


def sort_rows(rows, key: str):
    return sorted(rows, key=SORTS.get(key, SORTS["diem"]))


# --- Drill-down: the dossiers behind a figure ------------------------------------------------------

DRILL_KINDS = {
    "received": "Hồ sơ tiếp nhận trong kỳ",
    "online": "Hồ sơ trực tuyến tiếp nhận trong kỳ",
    "finished": "Hồ sơ kết thúc xử lý trong kỳ",
    "on_time": "Hồ sơ kết thúc đúng hạn, trước hạn",
    "late": "Hồ sơ kết thúc quá hạn",
    "open": "Hồ sơ đang giải quyết cuối kỳ",
    "open_overdue": "Hồ sơ đang giải quyết đã quá hạn",
    "waived": "Hồ sơ được miễn, hỗ trợ phí, lệ phí",
}


@current
def drilldown(period: Period, kind: str, *, agency_id=None, commune_id=None, field_id=None, procedure_id=None,
              now=None):
    """Return a queryset of DossierFact rows behind one figure (select_related dossier for display)."""
    now = now or timezone.now()
    start, end = period.aware_start(), period.aware_end()
    facts = DossierFact.objects.all()
    if kind in ("open", "open_overdue"):
        facts, cutoff = open_at_end(period, now)
        if kind == "open_overdue":
            facts = facts.filter(_overdue_q(cutoff))
    elif kind in ("received", "online", "waived"):
        facts = facts.filter(accepted_at__gte=start, accepted_at__lt=end)
        facts = facts.filter(online=True) if kind == "online" else facts
        facts = facts.filter(fee_waived__gt=0) if kind == "waived" else facts
    else:
        facts = facts.filter(finished_at__gte=start, finished_at__lt=end)
        facts = facts.filter(on_time=True) if kind == "on_time" else facts
        facts = facts.filter(on_time=False) if kind == "late" else facts
    if agency_id:
        facts = facts.filter(agency_id=agency_id)
    if commune_id:
        facts = facts.filter(agency__commune_id=commune_id)
    if field_id:
        facts = facts.filter(field_id=field_id)
    if procedure_id:
        facts = facts.filter(procedure_id=procedure_id)
    return facts.select_related("dossier", "agency", "procedure__current").order_by("-accepted_at")



# --- Trends, worst procedures and steps, dossiers due now, case mix -------------------------------


@current
def trend(period: Period, *, months=12, agency_ids=None):
    """Per month, for the `months` months ending with `period`: finished, finished on time, received, online.

    One query over AgencyDayFact grouped by day (no date arithmetic per row), folded into months here; the
    on-time share is over finished dossiers only (the open ones are judged against each month's end only for
    the selected period).
    """
    last = Period.of("month", period.end - timedelta(days=1))
    first = (last.previous(months - 1)[-1] if months > 1 else last).start
    qs = AgencyDayFact.objects.filter(day__gte=first, day__lt=last.end)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    names = ["finished", "on_time", "received", "online"]
    by_month = defaultdict(Counter)
    for r in qs.values("day").annotate(**{k: Sum(k) for k in names}).order_by():
        by_month[(r["day"].year, r["day"].month)].update({k: r[k] or 0 for k in names})
    out, p = [], Period.of("month", first)
    while p.start < last.end:
        r = by_month[(p.start.year, p.start.month)]
        out.append({"period": p, "on_time": rate(r["on_time"], r["finished"]), "online": rate(r["online"], r["received"]),
                    "received": r["received"]})
        p = Period.of("month", p.end)
    return out


@current
def worst_procedures(period: Period, *, agency_ids=None, min_n=10, limit=10):
    """Procedures with the lowest on-time share among those with at least `min_n` finished dossiers."""
    qs = DailyFact.objects.filter(day__gte=period.start, day__lt=period.end)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    rows = (qs.values("procedure_id", "procedure__code", "procedure__current__name")
            .annotate(finished=Sum("finished"), late=Sum("late")).filter(finished__gte=min_n).order_by())
    out = [{**r, "late_rate": r["late"] / r["finished"], "interval": wilson_interval(r["late"], r["finished"])}
           for r in rows if r["late"]]
    return sorted(out, key=lambda r: -r["late_rate"])[:limit]


def worst_steps(period: Period, *, agency_ids=None, min_n=10, limit=10):
    """Route steps (title × agency) finished late most often in the period (DossierStep.on_time)."""
    from motcua.dossiers.models import DossierStep

    qs = DossierStep.objects.filter(finished_at__gte=period.aware_start(), finished_at__lt=period.aware_end())
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    rows = (qs.values("title", "agency_id", "agency__name")
            .annotate(n=Count("pk"), late=Count("pk", filter=Q(on_time=False))).filter(n__gte=min_n).order_by())
    out = [{**r, "late_rate": r["late"] / r["n"]} for r in rows if r["late"]]
    return sorted(out, key=lambda r: -r["late_rate"])[:limit]


@current
def due_now(*, now=None, agency_ids=None, hours=24, limit=50):
    """Open dossiers overdue or due within `hours` (clock paused while waiting for a supplement)."""
    now = now or timezone.now()
    qs = DossierFact.objects.filter(is_open=True, supplement_started_at__isnull=True,
                                    due_adjusted__lt=now + timedelta(hours=hours))
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    return qs.select_related("dossier", "agency", "procedure__current").order_by("due_adjusted")[:limit]


@current
def case_mix(period: Period, agency_id, limit=15):
    """Which procedures a unit handles (received in the period), largest first — shown next to its rank."""
    rows = (DailyFact.objects.filter(day__gte=period.start, day__lt=period.end, agency_id=agency_id)
            .values("procedure_id", "procedure__code", "procedure__current__name")
            .annotate(received=Sum("received"), finished=Sum("finished"), late=Sum("late"))
            .filter(received__gt=0).order_by("-received"))
    return list(rows[:limit])


@current
def waived_total(period: Period, agency_ids=None) -> int:
    """Money citizens did not pay (fees waived or supported, NQ 77/2025) on dossiers accepted in the period."""
    qs = AgencyDayFact.objects.filter(day__gte=period.start, day__lt=period.end)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    return qs.aggregate(s=Sum("waived_amount"))["s"] or 0


def has_synthetic_data() -> bool:
    from motcua.dossiers.models import Dossier

    return Dossier.objects.filter(is_synthetic=True).exists()
