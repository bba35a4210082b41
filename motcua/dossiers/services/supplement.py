"""Requests to complete a dossier (Mẫu 02) and the citizen's answer.

At intake the officer asks once for everything missing (Decree 61 Art.15, 17.2). During appraisal the handler
may ask at most once, within 3 working days of receipt (Art.19.4); once the dossier is complete the time limit
restarts from zero, or resumes if the procedure says so (ProcedureVersion.supplement_restarts_clock).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from .. import deadlines
from ..access import check_member, check_owner
from ..errors import InvalidDossier, NotAllowed, RuleViolation
from ..events import EventKind
from ..models import SupplementRequest
from ..uploads import StoredFiles, validate_upload
from ..workflow import Status
from ._core import check_move, lock, record
from .intake import add_components
from .routing import restart_active_steps

SUPPLEMENT_WINDOW_DAYS = 3


@transaction.atomic
def request_supplement(dossier, *, actor, at, reason, items=()):
    """Ask the applicant to complete the dossier; stop the clock while waiting."""
    dossier = lock(dossier)
    at_intake = dossier.status == Status.SUBMITTED
    check_member(actor, dossier.agency if at_intake else dossier.holder_agency, "request_supplement")
    if not (reason or "").strip():
        raise InvalidDossier(_("Cần ghi rõ giấy tờ cần bổ sung và hướng dẫn."))
    check_move(dossier, Status.SUPPLEMENT_REQUESTED)
    if dossier.supplements.filter(at_intake=at_intake).exists():
        raise RuleViolation(_("Chỉ được yêu cầu bổ sung hồ sơ một lần, đầy đủ trong một lần."))
    if not at_intake:
        _check_window(dossier, at)
        dossier.supplement_count += 1
    request = SupplementRequest.objects.create(dossier=dossier, at_intake=at_intake, requested_at=at,
                                               requested_by=actor, items=list(items), reason=reason.strip(),
                                               due_before=dossier.due_at)
    record(dossier, kind=EventKind.SUPPLEMENT_REQUESTED, to_status=Status.SUPPLEMENT_REQUESTED, actor=actor, at=at,
           note=request.reason, data={"supplement": request.pk, "items": list(items), "at_intake": at_intake})
    return dossier


def _check_window(dossier, at):
    limit = deadlines.add_days(dossier.accepted_at, SUPPLEMENT_WINDOW_DAYS, agency=dossier.agency)
    if at > limit:
        raise RuleViolation(_("Đã quá 03 ngày làm việc kể từ ngày tiếp nhận; không được yêu cầu bổ sung nữa."))


def supplement_dossier(dossier, *, actor, at, components, note=""):
    """Record the papers the applicant supplied and resume the dossier (restarting the time limit if due)."""
    kinds = [validate_upload(f) for c in components for f in c.files]
    with StoredFiles() as stored, transaction.atomic():
        dossier = lock(dossier)
        _check_supplier(dossier, actor)
        request = dossier.open_supplement_request()
        if dossier.status != Status.SUPPLEMENT_REQUESTED or request is None:
            raise RuleViolation(_("Hồ sơ không ở trạng thái chờ bổ sung."))
        add_components(dossier, components, kinds, stored, supplement=request)
        target = Status.SUBMITTED if request.at_intake else Status.PROCESSING
        if not request.at_intake:
            _reset_clock(dossier, request, at)
        request.completed_at, request.due_after = at, dossier.due_at
        request.save(update_fields=["completed_at", "due_after"])
        record(dossier, kind=EventKind.SUPPLEMENTED, to_status=target, actor=actor, at=at, note=note,
               data={"supplement": request.pk, "due_before": _iso(request.due_before), "due_after": _iso(dossier.due_at)})
    return dossier


def _check_supplier(dossier, actor):
    if dossier.citizen_id and getattr(actor, "pk", None) == dossier.citizen_id:
        return check_owner(actor, dossier)
    try:
        check_member(actor, dossier.agency, "supplement")
    except NotAllowed:
        raise NotAllowed(_("Chỉ chủ hồ sơ hoặc cán bộ tiếp nhận mới được nộp bổ sung.")) from None


def _reset_clock(dossier, request, at):
    restart = dossier.version.supplement_restarts_clock
    stops = [(r.requested_at, r.completed_at or at, restart)
             for r in dossier.supplements.filter(at_intake=False).order_by("requested_at")]
    dossier.due_at = deadlines.due_for(dossier.accepted_at, dossier.duration_value, dossier.duration_unit,
                                       agency=dossier.agency, stops=stops)
    dossier.save(update_fields=["due_at"])
    restart_active_steps(dossier, at=at)


def _iso(value):
    return value.isoformat() if value else None
