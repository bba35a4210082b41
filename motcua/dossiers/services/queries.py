"""Read-side questions the staff console asks (written by the dossiers-UI engineer).

Nothing here changes state: the staff inbox ordered by urgency, event labels, which actions a staff member may
be offered on a dossier now (the actions themselves re-check everything), a citizen's own dossiers. What the
public sees about a dossier is `dossiers.tracking.tracking_of`.
"""

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy

from motcua.units import policy
from motcua.units.access import agency_ids_of

from .. import deadlines
from ..access import dossiers_visible_to
from ..events import label_of
from ..models import StepState
from ..workflow import OPEN_STATUSES, Status, can_move

# Urgency buckets of the staff inbox, most urgent first.
URGENCY = {0: "overdue", 1: "due_soon", 2: "waiting", 3: "on_track", 4: "citizen"}
URGENCY_LABEL = {
    "overdue": gettext_lazy("Quá hạn"),
    "due_soon": gettext_lazy("Đến hạn trong 1 ngày làm việc"),
    "waiting": gettext_lazy("Chờ tiếp nhận"),
    "on_track": gettext_lazy("Trong hạn"),
    "citizen": gettext_lazy("Chờ công dân"),
}
INBOX_STATUSES = {*OPEN_STATUSES, Status.SUBMITTED, Status.DONE, Status.SUPPLEMENT_REQUESTED}


def inbox(user, *, now, q="", personal=False, limit=200):
    """Return the dossiers `user` should work on, most urgent first, each with `urgency` set.

    Without a search: open dossiers held by one of the user's agencies. With a search (code, registration
    reference, name and, with `personal`, the whole phone or ID number, matched exactly through their keyed
    hashes): every dossier the user may see, finished ones included.
    """
    mine = agency_ids_of(user)
    qs = dossiers_visible_to(user).select_related("version", "holder_agency", "holder")
    q = (q or "").strip()
    if q:
        found = Q(code__icontains=q) | Q(reference__iexact=q) | Q(applicant_name__icontains=q)
        if personal:
            found |= Q(applicant_phone_hash__matches=q) | Q(applicant_id_number_hash__matches=q)
        qs = qs.filter(found)
    else:
        qs = qs.filter(status__in=INBOX_STATUSES, holder_agency_id__in=mine)
    soon = deadlines.due_soon_until(now, agency=None)  # one SQL cut-off: the default office hours
    qs = qs.annotate(rank=Case(
        When(status=Status.SUBMITTED, then=Value(2)),
        When(status=Status.SUPPLEMENT_REQUESTED, then=Value(4)),
        When(finished_at__isnull=False, then=Value(3)),
        When(due_at__lt=now, then=Value(0)),
        When(due_at__lte=soon, then=Value(1)),
        default=Value(3), output_field=IntegerField(),
    )).order_by("rank", "due_at", "submitted_at")
    rows = list(qs[:limit])
    for d in rows:
        d.urgency = URGENCY[d.rank]
        d.urgency_label = URGENCY_LABEL[d.urgency]
    return rows


def staff_history(dossier):
    """Return the dossier's events, newest first, each with `label` set (the console's history)."""
    events = list(dossier.events.select_related("actor", "agency").order_by("-seq"))
    for e in events:
        e.label = label_of(e)
    return events


def actions_for(dossier, user):
    """Return the names of the actions `user` may be offered on `dossier` now (the services check again)."""
    mine = agency_ids_of(user)
    at_reception = dossier.agency_id in mine
    holds = (dossier.holder_agency_id or dossier.agency_id) in mine
    active = [s for s in dossier.steps.all() if s.state == StepState.ACTIVE]
    my_steps = [s for s in active if s.agency_id in mine]
    status = dossier.status
    actions = []
    if status == Status.SUBMITTED and at_reception:
        actions += ["accept", "request_supplement", "refuse_intake"]
    if status in (Status.ACCEPTED, Status.PROCESSING):
        if my_steps and policy.may(user, "assign", [s.agency_id for s in my_steps]):
            actions.append("assign")
        if my_steps:
            actions.append("complete_step")
        if holds and not dossier.supplements.filter(at_intake=False).exists():
            actions.append("request_supplement")
        if (holds or at_reception) and not hasattr_apology(dossier):
            actions.append("apologise")
        if not dossier.steps.exclude(state__in=[StepState.DONE, StepState.CANCELLED]).exists() and (
                holds or at_reception):
            actions.append("issue_result")
        if holds:
            actions.append("refuse")
        if holds and dossier.fee_payable > dossier.fee_paid:
            actions.append("request_payment")
    if status == Status.SUPPLEMENT_REQUESTED and at_reception:
        actions.append("supplement")
    if status == Status.PAYMENT_REQUESTED and at_reception:
        actions.append("record_payment")
    if status == Status.DONE and at_reception:
        actions.append("return_result")
    if at_reception and can_move(status, Status.WITHDRAWAL_REQUESTED):
        actions.append("withdraw")
    if at_reception and can_move(status, Status.STOPPED):
        actions.append("stop")
    # Who may take each one (units.policy), at the dossier's agencies the user belongs to.
    involved = mine & ({dossier.agency_id, dossier.holder_agency_id} | {s.agency_id for s in dossier.steps.all()})
    return [a for a in actions if a == "assign" or policy.may(user, a, involved)]


def hasattr_apology(dossier):
    return getattr(dossier, "apology", None) is not None


def dossiers_of_citizen(user):
    """Return the dossiers a signed-in citizen handed in online, newest first ("Hồ sơ của tôi")."""
    from ..models import Dossier

    if not getattr(user, "is_authenticated", False):
        return Dossier.objects.none()
    return Dossier.objects.filter(citizen=user).select_related("version", "holder_agency").order_by("-submitted_at")


def sole_citizen_filing_as(id_number):
    """The one account that filed online under this ID number, or None (none, or several: nothing to link)."""
    from django.contrib.auth import get_user_model

    from ..models import Dossier

    ids = list(Dossier.objects.filter(applicant_id_number_hash__matches=id_number, citizen__isnull=False)
               .values_list("citizen_id", flat=True).distinct()[:2])
    return get_user_model().objects.filter(pk=ids[0]).first() if len(ids) == 1 else None
