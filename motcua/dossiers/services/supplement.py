"""Requests to complete a dossier (Mẫu 02) and the citizen's answer.

At intake the officer asks once for everything missing (Decree 61 Art.15, 17.2). During appraisal the handler
may ask at most once, within 3 working days of receipt (Art.19.4); once the dossier is complete the time limit
restarts from zero, or resumes if the procedure says so (ProcedureVersion.supplement_restarts_clock).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from .. import deadlines, written
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
    written.add(dossier, "supplements", [request])
    record(dossier, kind=EventKind.SUPPLEMENT_REQUESTED, to_status=Status.SUPPLEMENT_REQUESTED, actor=actor, at=at,
           note=request.reason, data={"supplement": request.pk, "items": list(items), "at_intake": at_intake})
    return dossier


def _check_window(dossier, at):
    limit = deadlines.add_days(dossier.accepted_at, SUPPLEMENT_WINDOW_DAYS, agency=dossier.agency)
    if at > limit:
        raise RuleViolation(_("Đã quá 03 ngày làm việc kể từ ngày tiếp nhận; không được yêu cầu bổ sung nữa."))


def supplement_dossier(dossier, *, actor, at, components, note=""):
    """Record the papers the applicant supplied and resume the dossier (restarting the time limit if due)."""
    return _supply(dossier, actor=actor, at=at, components=components, note=note, check=_check_supplier)


def supplement_by_tracking(code, secret, *, client, at, files):
    """The applicant without an account hands in the requested papers from the tracking page, once.

    `code` and `secret` (the last four digits, NĐ 61 Art.17.4) are checked as for tracking; `files` holds one
    file per item of the open request, in its order (one file when the request names no item). The event is
    recorded without an actor and marked as coming through tracking.
    """
    from ..access import get_dossier_for_tracking
    from .intake import ComponentInput

    dossier = get_dossier_for_tracking(code, secret, client=client)
    request = dossier.open_supplement_request() if dossier.status == Status.SUPPLEMENT_REQUESTED else None
    if request is None:
        raise RuleViolation(_("Hồ sơ không ở trạng thái chờ bổ sung."))
    names = supplement_items(request)
    if len(files) != len(names) or not all(files):
        raise InvalidDossier(_("Cần tải lên đúng và đủ các giấy tờ được yêu cầu bổ sung, mỗi giấy tờ một tệp."))

    def same_request(locked, _actor):  # answered meanwhile (a second tab): the lock makes it once only
        if getattr(locked.open_supplement_request(), "pk", None) != request.pk:
            raise RuleViolation(_("Yêu cầu bổ sung này đã được trả lời."))

    components = [ComponentInput(name=name, files=[f]) for name, f in zip(names, files, strict=True)]
    return _supply(dossier, actor=None, at=at, components=components, check=same_request, via="tracking",
                   note=_("Nộp bổ sung qua trang tra cứu (không có tài khoản)."))


def supplement_items(request):
    """The papers asked in a supplement request; the request's reason stands for one paper when it names none."""
    return list(request.items) or [request.reason]


def _supply(dossier, *, actor, at, components, note, check, via=None):
    kinds = [validate_upload(f) for c in components for f in c.files]
    with StoredFiles() as stored, transaction.atomic():
        dossier = lock(dossier)
        check(dossier, actor)
        request = dossier.open_supplement_request()
        if dossier.status != Status.SUPPLEMENT_REQUESTED or request is None:
            raise RuleViolation(_("Hồ sơ không ở trạng thái chờ bổ sung."))
        add_components(dossier, components, kinds, stored, supplement=request)
        target = Status.SUBMITTED if request.at_intake else Status.PROCESSING
        if not request.at_intake:
            _reset_clock(dossier, request, at)
        request.completed_at, request.due_after = at, dossier.due_at
        request.save(update_fields=["completed_at", "due_after"])
        data = {"supplement": request.pk, "due_before": _iso(request.due_before), "due_after": _iso(dossier.due_at)}
        record(dossier, kind=EventKind.SUPPLEMENTED, to_status=target, actor=actor, at=at, note=note,
               data={**data, "via": via} if via else data)
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
