"""Trends, worst procedures and steps, dossiers due now, case mix, money waived."""

from collections import Counter, defaultdict
from datetime import timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone

from motcua.dossiers import deadlines

from ..formulas import rate, wilson_interval
from ..models import AgencyDayFact, DailyFact, DossierFact
from .figures import current
from .periods import Period


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
def due_now(*, now=None, agency_ids=None, limit=50):
    """Open dossiers overdue or due soon (`deadlines.due_soon_until`, the default office hours), clock paused
    while waiting for a supplement."""
    now = now or timezone.now()
    qs = DossierFact.objects.filter(is_open=True, supplement_started_at__isnull=True,
                                    due_adjusted__lte=deadlines.due_soon_until(now, agency=None))
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
