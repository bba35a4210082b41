"""The per-dossier indicators of TT 01/2018/TT-VPCP Art.13 (1–4 and 7), scored 2 / 1 / 0 from the events.

Indicators 5, 6, 8 and 9 are per unit and belong to `indicators`. Readings taken here, where the Circular
leaves room:
- Times: finished on a calendar day (Asia/Ho_Chi_Minh) before the due day 2; on the due day and not after the due
  moment 1; after the due moment 0 — the same "late" as the dossiers app's on-time mark (`at <= due_at`), so a
  step finished at 16:00 when due at 09:00 the same day is late, not "equal". The due moment is the one in force
  when processing ended (after a supplement restart or an apology).
- Indicator 2 scores each unit on its own steps (worst step); the dossier gets its worst unit.
- Indicator 3 counts supplement requests (at intake and during appraisal) except those whose event data says
  `applicant_at_fault`; the dossiers app records none such yet, so today every request counts.
- Indicator 4: submitted online or by post and the result received online or by post → no agency contacted
  (2); otherwise the one-stop only (1), unless events flagged `citizen_contact` show another agency (0).
- Indicator 7: any complaint 0; otherwise early 2, on time 1, late 0. A complaint is the citizen's evaluation reporting improper conduct or an
  unofficial payment, plus any complaints the caller counts elsewhere (feedback items about the dossier).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from motcua.dossiers.events import EventKind
from motcua.dossiers.models import DossierStep
from motcua.dossiers.workflow import Status

from .models import DossierEvaluation

REMOTE_CHANNELS = {"online", "postal"}
REMOTE_DELIVERIES = {"online", "post"}


@dataclass(frozen=True)
class DossierScores:
    total_time: int | None  # 1
    unit_times: dict = field(default_factory=dict)  # 2, per agency id
    contacts: int | None = None  # 3
    agencies_contacted: int | None = None  # 4
    attitude: int | None = None  # 7

    @property
    def unit_time(self):
        return min(self.unit_times.values()) if self.unit_times else None


def compare_days(actual, limit):
    """2 if `actual` falls on an earlier local day than `limit`, 1 later that day up to `limit`, 0 after it."""
    if actual > limit:
        return 0
    return 2 if timezone.localdate(actual) < timezone.localdate(limit) else 1


def score_events(events, *, step_due=None, receiving_agency_id=None, complaints=0):
    """Score one dossier from its events (oldest first) — pure: no queries.

    `events` are objects with kind, at, agency_id, to_status and data (DossierEvent rows fit);
    `step_due` maps step id to that step's due datetime (DossierStep.due_at).
    """
    events = list(events)
    finished = next((e for e in events if e.to_status == Status.DONE), None)
    total = _total_time(finished)
    return DossierScores(
        total_time=total,
        unit_times=_unit_times(events, step_due or {}),
        contacts=_contacts(events) if finished else None,
        agencies_contacted=_agencies(events, receiving_agency_id) if _returned(events) else None,
        attitude=_attitude(total, complaints),
    )


def _total_time(finished):
    if finished is None:
        return None
    due = _dt((finished.data.get("snapshot") or {}).get("due_at"))
    return compare_days(finished.at, due) if due else None


def _unit_times(events, step_due):
    scores = {}
    for e in events:
        if e.kind != EventKind.STEP_COMPLETED:
            continue
        due = step_due.get(e.data.get("step"))
        if due is None:
            continue
        score = compare_days(e.at, due)
        scores[e.agency_id] = min(score, scores.get(e.agency_id, 2))
    return scores


def _contacts(events):
    n = sum(1 for e in events if e.kind == EventKind.SUPPLEMENT_REQUESTED and not e.data.get("applicant_at_fault"))
    return 2 if n == 0 else 1 if n == 1 else 0


def _returned(events):
    return next((e for e in events if e.to_status == Status.RETURNED), None)


def _agencies(events, receiving_agency_id):
    contacted = {e.agency_id for e in events if e.data.get("citizen_contact")} - {receiving_agency_id, None}
    if contacted:
        return 0
    channel = (events[0].data.get("snapshot") or {}).get("channel") if events else None
    delivery = _returned(events).data.get("delivery")
    return 2 if channel in REMOTE_CHANNELS and delivery in REMOTE_DELIVERIES else 1


def _attitude(total_time, complaints):
    if complaints:
        return 0
    if total_time is None:
        return None
    return total_time


def _dt(value):
    if not value:
        return None
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def dossier_scores(dossier, *, complaints=0):
    """Load the dossier's events and steps (three queries) and score them.

    `complaints` counts complaints recorded outside ratings (feedback about this dossier); the citizen's own
    evaluation is added here.
    """
    events = list(dossier.events.order_by("seq"))
    step_due = dict(DossierStep.objects.filter(dossier=dossier).values_list("pk", "due_at"))
    evaluation = DossierEvaluation.objects.filter(dossier=dossier).first()
    complaints += int(bool(evaluation and evaluation.signals_complaint))
    return score_events(events, step_due=step_due, receiving_agency_id=dossier.agency_id, complaints=complaints)
