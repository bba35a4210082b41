"""Satisfaction facts for the indicators: counts and rates per unit or officer, by period.

Read-only queries over counter ratings, per-dossier evaluations and survey answers. Every row carries the
counts behind its rate, so a published figure can be traced back (architecture: invariants). Periods are
calendar days, months, quarters or years in Asia/Ho_Chi_Minh; `start` and `end` are aware datetimes, end
exclusive.

- counter: n presses, satisfied (4–5), rate, Wilson interval.
- evaluations: n, complaints (improper conduct or an unofficial payment reported), early/on time/late as the
  citizen saw it, the mean points (0–2) of each Art.31 criterion.
- surveys: respondents, satisfaction answers, satisfied answers (4–5), pooled rate (per unit only).
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncDay, TruncMonth, TruncQuarter, TruncYear

from .index import wilson_interval
from .models import (
    CRITERIA,
    Answer,
    AttitudeAnswer,
    Content,
    CostAnswer,
    CounterRating,
    DossierEvaluation,
    SurveyResponse,
    TimeAnswer,
)
from .scale import SATISFIED_MIN

__all__ = ["counter_facts", "evaluation_facts", "survey_facts", "satisfaction_facts", "Fact", "PERIODS"]

PERIODS = {"day": TruncDay, "month": TruncMonth, "quarter": TruncQuarter, "year": TruncYear}
KEYS = {"agency": "agency_id", "officer": "officer_id"}


@dataclass
class Fact:
    """One unit or officer in one period. Missing sources stay at zero."""

    key: int | None
    period: object = None  # date of the period's first day, or None for the whole range
    counter_n: int = 0
    counter_satisfied: int = 0
    evaluations_n: int = 0
    evaluation_complaints: int = 0
    evaluation_early: int = 0
    evaluation_on_time: int = 0
    evaluation_late: int = 0
    evaluation_points: dict = field(default_factory=dict)  # criterion -> mean points 0–2
    survey_respondents: int = 0
    survey_answers: int = 0
    survey_satisfied: int = 0

    @property
    def counter_rate(self):
        return self.counter_satisfied / self.counter_n if self.counter_n else None

    @property
    def counter_interval(self):
        return wilson_interval(self.counter_satisfied, self.counter_n)

    @property
    def complaint_rate(self):
        return self.evaluation_complaints / self.evaluations_n if self.evaluations_n else None

    @property
    def survey_rate(self):
        return self.survey_satisfied / self.survey_answers if self.survey_answers else None


def _group(qs, *, by, period, time_field):
    if by not in KEYS:
        raise ValueError(f"by must be one of {sorted(KEYS)}")
    fields = [KEYS[by]]
    if period is not None:
        qs = qs.annotate(period=PERIODS[period](time_field))
        fields.append("period")
    return qs.order_by().values(*fields), KEYS[by]


def _period_value(row):
    value = row.get("period")
    return value.date() if hasattr(value, "date") else value


def _range(qs, time_field, start, end, agency_ids):
    if start is not None:
        qs = qs.filter(**{f"{time_field}__gte": start})
    if end is not None:
        qs = qs.filter(**{f"{time_field}__lt": end})
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    return qs


def counter_facts(*, start=None, end=None, by="agency", period=None, agency_ids=None):
    """Return {(key, period): Fact} from counter ratings."""
    qs = _range(CounterRating.objects.all(), "rated_at", start, end, agency_ids)
    qs, key = _group(qs, by=by, period=period, time_field="rated_at")
    out = {}
    for row in qs.annotate(n=Count("id"), satisfied=Count("id", filter=Q(score__gte=SATISFIED_MIN))):
        k = (row[key], _period_value(row))
        out[k] = Fact(*k, counter_n=row["n"], counter_satisfied=row["satisfied"])
    return out


def evaluation_facts(*, start=None, end=None, by="agency", period=None, agency_ids=None):
    """Return {(key, period): Fact} from per-dossier evaluations (dated when first submitted)."""
    qs = _range(DossierEvaluation.objects.all(), "created_at", start, end, agency_ids)
    qs, key = _group(qs, by=by, period=period, time_field="created_at")
    complaint = Q(attitude=AttitudeAnswer.IMPROPER) | Q(cost=CostAnswer.UNOFFICIAL)
    means = {f"avg_{name}": Avg(name) for name, _q, _c in CRITERIA}
    out = {}
    for row in qs.annotate(
        n=Count("id"),
        complaints=Count("id", filter=complaint),
        early=Count("id", filter=Q(time=TimeAnswer.EARLY)),
        on_time=Count("id", filter=Q(time=TimeAnswer.ON_TIME)),
        late=Count("id", filter=Q(time=TimeAnswer.LATE)),
        **means,
    ):
        k = (row[key], _period_value(row))
        out[k] = Fact(
            *k,
            evaluations_n=row["n"],
            evaluation_complaints=row["complaints"],
            evaluation_early=row["early"],
            evaluation_on_time=row["on_time"],
            evaluation_late=row["late"],
            evaluation_points={
                name: round(float(row[f"avg_{name}"]), 3) for name, _q, _c in CRITERIA if row[f"avg_{name}"] is not None
            },
        )
    return out


def survey_facts(*, start=None, end=None, period=None, agency_ids=None):
    """Return {(agency id, period): Fact} from survey responses (surveys rate units, not officers)."""
    responses = _range(SurveyResponse.objects.all(), "submitted_at", start, end, agency_ids)
    grouped, key = _group(responses, by="agency", period=period, time_field="submitted_at")
    out = {}
    for row in grouped.annotate(n=Count("id")):
        k = (row[key], _period_value(row))
        out[k] = Fact(*k, survey_respondents=row["n"])
    answers = Answer.objects.filter(
        response__in=responses, question__content=Content.SATISFACTION, value__isnull=False
    )
    prefix = "response__"
    fields = [f"{prefix}agency_id"]
    if period is not None:
        answers = answers.annotate(period=PERIODS[period](f"{prefix}submitted_at"))
        fields.append("period")
    for row in answers.order_by().values(*fields).annotate(
        n=Count("id"), satisfied=Count("id", filter=Q(value__gte=SATISFIED_MIN))
    ):
        k = (row[f"{prefix}agency_id"], _period_value(row))
        fact = out.setdefault(k, Fact(*k))
        fact.survey_answers, fact.survey_satisfied = row["n"], row["satisfied"]
    return out


def satisfaction_facts(*, start=None, end=None, by="agency", period=None, agency_ids=None):
    """Return the merged facts of all three sources, sorted by key and period."""
    merged = {}
    sources = [counter_facts, evaluation_facts] + ([survey_facts] if by == "agency" else [])
    for source in sources:
        kwargs = {"start": start, "end": end, "period": period, "agency_ids": agency_ids}
        if source is not survey_facts:
            kwargs["by"] = by
        for k, fact in source(**kwargs).items():
            merged[k] = _merge(merged.get(k), fact)
    return sorted(merged.values(), key=lambda f: (f.key or 0, str(f.period or "")))


def _merge(a, b):
    if a is None:
        return b
    for name, value in vars(b).items():
        if name in ("key", "period"):
            continue
        if name == "evaluation_points":
            a.evaluation_points = {**a.evaluation_points, **value}
        elif value:
            setattr(a, name, value)
    return a
