"""Feedback facts per agency and period, for the indicators (QĐ 766 indicators 5.1–5.3).

The cohort of a period is the items received in [start, end). For each agency:
- received: items received;
- answered: items with an answer (answered or published; a reopened item counts once it is answered again);
- answered_on_time: answered items whose every stage so far met its deadline;
- overdue: items with a stage finished late, or still open with their current deadline (answer, or publication
  of an answer) before `end` — pass `end` = now for the period in progress;
- reopened: items the sender reopened at least once (they count against the agency);
- refused: items refused;
- published: items whose answer is public;
- confirmed: items whose sender confirmed that the answer resolved the matter.
Every count can be traced to the items behind it with `cohort(...)`. Per officer, `facts_by_officer` counts the
acts (answers, refusals) made in the period and the reopenings of their answers.
"""

from django.db.models import Count, Q

from .models import Feedback, FeedbackEvent
from .workflow import OPEN_STATES, Action, State

ANSWERED = [State.ANSWERED, State.PUBLISHED]


def cohort(*, start, end, agency=None):
    items = Feedback.objects.filter(received_at__gte=start, received_at__lt=end)
    return items if agency is None else items.filter(agency=agency)


def _counts(end):
    overdue = Q(finished_late=True) | Q(state__in=OPEN_STATES, due_at__lt=end)
    return {
        "received": Count("id"),
        "answered": Count("id", filter=Q(state__in=ANSWERED)),
        "answered_on_time": Count("id", filter=Q(state__in=ANSWERED, finished_late=False)),
        "overdue": Count("id", filter=overdue),
        "reopened": Count("id", filter=Q(reopened_count__gt=0)),
        "refused": Count("id", filter=Q(state=State.REFUSED)),
        "published": Count("id", filter=Q(state=State.PUBLISHED)),
        "confirmed": Count("id", filter=Q(resolved_confirmed_at__isnull=False)),
    }


def facts_by_agency(*, start, end):
    """Return {agency_id: {count name: n}} for items received in [start, end)."""
    rows = cohort(start=start, end=end).values("agency_id").annotate(**_counts(end)).order_by("agency_id")
    return {row.pop("agency_id"): row for row in rows}


def facts_for(*, start, end, agency=None):
    """Return the counts for one agency (or all when None) for items received in [start, end)."""
    return cohort(start=start, end=end, agency=agency).aggregate(**_counts(end))


def facts_by_officer(*, start, end, agency=None):
    """Return {user_id: counts} of the acts officers made in [start, end).

    answered / answered_on_time / answered_late: answers given; refused: refusals; reopened: reopenings in the
    period of an answer the officer gave (the last answer before the reopening).
    """
    events = FeedbackEvent.objects.filter(at__gte=start, at__lt=end)
    if agency is not None:
        events = events.filter(agency=agency)
    acts = events.filter(actor__isnull=False, action__in=[Action.ANSWER, Action.REFUSE]).values("actor_id").annotate(
        answered=Count("id", filter=Q(action=Action.ANSWER)),
        answered_on_time=Count("id", filter=Q(action=Action.ANSWER, on_time=True)),
        answered_late=Count("id", filter=Q(action=Action.ANSWER, on_time=False)),
        refused=Count("id", filter=Q(action=Action.REFUSE)),
    )
    result = {row.pop("actor_id"): {**row, "reopened": 0} for row in acts}
    empty = {"answered": 0, "answered_on_time": 0, "answered_late": 0, "refused": 0, "reopened": 0}
    for reopen in events.filter(action=Action.REOPEN):
        answer = FeedbackEvent.objects.filter(
            feedback_id=reopen.feedback_id, action=Action.ANSWER, at__lte=reopen.at, actor__isnull=False
        ).order_by("-at", "-id").first()
        if answer is not None:
            result.setdefault(answer.actor_id, dict(empty))["reopened"] += 1
    return result
