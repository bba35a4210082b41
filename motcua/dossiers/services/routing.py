"""The route through agencies (Decree 61 Art.19.1–7): steps in sequence or in parallel (liên thông), the head of
a unit assigning a handler, each step with its own deadline and on-time mark (control sheet, Mẫu 05/06).

Steps are copied from the procedure's RouteTemplate on acceptance. Without a template the default route is
one step at the receiving agency with the whole legal time limit.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.units.models import Membership

from .. import deadlines
from ..access import check_member
from ..errors import IllegalTransition, InvalidDossier, NotAllowed, RuleViolation
from ..events import EventKind
from ..models import DossierStep, StepState
from ..workflow import Status
from ._core import check_move, lock, record


def build_route(dossier, *, at):
    """Create the dossier's steps from its procedure's route (or the default route) and start the first group."""
    template = getattr(dossier.procedure, "route", None)  # read with the procedure when the caller joined it
    template_steps = list(template.steps.select_related("agency")) if template else []
    if template_steps:
        steps = [DossierStep(dossier=dossier, group=s.group, order=s.order, title=s.title,
                             agency=s.agency or dossier.agency, role=s.role, allotted_value=s.allotted_value,
                             allotted_unit=s.allotted_unit) for s in template_steps]
    else:
        steps = [DossierStep(dossier=dossier, group=1, order=0, title=_("Thẩm định, giải quyết hồ sơ"),
                             agency=dossier.agency, role=Membership.Role.HANDLER)]
    first_group = min(s.group for s in steps)
    _activate(dossier, [s for s in steps if s.group == first_group], at=at)
    DossierStep.objects.bulk_create(steps)


def _start_group(dossier, group, *, at):
    steps = list(dossier.steps.filter(group=group).select_related("agency"))
    _activate(dossier, steps, at=at)
    for step in steps:
        step.save()
    dossier.save(update_fields=["holder_agency", "holder"])
    return steps


def _activate(dossier, steps, *, at):
    """Start `steps` (one group) and hand the dossier to the first one's agency; the caller saves both."""
    for step in steps:
        step.state = StepState.ACTIVE
        step.started_at = at
        step.due_at = _step_due(dossier, step, at)
    dossier.holder_agency = steps[0].agency
    dossier.holder = None


def _step_due(dossier, step, start):
    if step.allotted_value is None:
        return dossier.due_at  # the default route step has the whole legal time limit
    return deadlines.due_for(start, step.allotted_value, step.allotted_unit, agency=step.agency)


def active_steps(dossier):
    return list(dossier.steps.filter(state=StepState.ACTIVE).select_related("agency", "handler"))


def _check_workable(dossier):
    """Steps move only while the dossier is being handled: not while it waits for papers or payment."""
    if dossier.status not in (Status.ACCEPTED, Status.PROCESSING):
        raise IllegalTransition(_("Hồ sơ đang ở trạng thái “%(s)s”; chưa thể chuyển bước xử lý.") % {
            "s": Status(dossier.status).label})


def _step_for(dossier, actor, step):
    """Return the active step the actor works on: the one given, or the only active one of their agencies."""
    steps = active_steps(dossier)
    if step is not None:
        steps = [s for s in steps if s.pk == getattr(step, "pk", step)]
    mine = [s for s in steps if Membership.objects.filter(user=actor, agency=s.agency).exists()] if actor else []
    if not steps:
        raise RuleViolation(_("Hồ sơ không có bước nào đang xử lý."))
    if not mine:
        raise NotAllowed(_("Bước xử lý hiện tại không thuộc cơ quan của cán bộ."))
    return mine[0]


@transaction.atomic
def assign_handler(dossier, *, actor, handler, at, step=None, note=""):
    """The head of the unit holding the current step assigns a handler (Decree 61 Art.19.1)."""
    if handler is None:
        raise InvalidDossier(_("Cần chọn cán bộ xử lý."))
    dossier = lock(dossier)
    _check_workable(dossier)
    step = _step_for(dossier, actor, step)
    check_member(actor, step.agency, "assign")
    check_member(handler, step.agency)
    check_move(dossier, Status.PROCESSING)
    step.handler, step.handed_by = handler, actor
    step.save(update_fields=["handler", "handed_by"])
    dossier.holder, dossier.holder_agency = handler, step.agency
    record(dossier, kind=EventKind.ASSIGNED, to_status=Status.PROCESSING, actor=actor, at=at, agency=step.agency,
           note=note, data={"step": step.pk, "handler": handler.pk, "handler_name": _name(handler)})
    return dossier


@transaction.atomic
def complete_step(dossier, *, actor, at, step=None, note=""):
    """Finish the actor's current step, mark it on time or late, and hand over to the next group of steps."""
    dossier = lock(dossier)
    _check_workable(dossier)
    step = _step_for(dossier, actor, step)
    check_member(actor, step.agency, "complete_step")
    check_move(dossier, Status.PROCESSING)
    step.state, step.finished_at, step.finished_by, step.note = StepState.DONE, at, actor, note
    step.on_time = step.due_at is None or at <= step.due_at
    step.save()
    next_steps = []
    if not dossier.steps.filter(group=step.group, state=StepState.ACTIVE).exists():
        later = dossier.steps.filter(state=StepState.PENDING, group__gt=step.group).order_by("group").first()
        if later is not None:
            next_steps = _start_group(dossier, later.group, at=at)
        else:
            dossier.holder_agency, dossier.holder = dossier.agency, None
    record(dossier, kind=EventKind.STEP_COMPLETED, to_status=Status.PROCESSING, actor=actor, at=at, agency=step.agency,
           note=note, data={"step": step.pk, "title": step.title, "on_time": step.on_time,
                            "next": [s.agency.code for s in next_steps]})
    return dossier


def route_finished(dossier):
    return not dossier.steps.exclude(state__in=[StepState.DONE, StepState.CANCELLED]).exists()


def restart_active_steps(dossier, *, at):
    """Restart the clocks of the steps in progress (after a supplement restarts the legal time limit)."""
    for step in active_steps(dossier):
        step.started_at = at
        step.due_at = _step_due(dossier, step, at)
        step.save(update_fields=["started_at", "due_at"])


def control_sheet(dossier):
    """Return the rows of the control sheet (Mẫu 05): each handover with giver, receiver, times, on time or late."""
    rows = []
    for step in dossier.steps.select_related("agency", "handler", "handed_by", "finished_by"):
        rows.append({
            "step": step, "agency": step.agency, "title": step.title, "handed_by": step.handed_by,
            "handler": step.handler, "started_at": step.started_at, "due_at": step.due_at,
            "finished_at": step.finished_at, "on_time": step.on_time, "state": step.state,
        })
    return rows


def _name(user):
    return user.get_full_name() or user.get_username()
