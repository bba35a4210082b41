"""The apology with a new return date (Mẫu 04, Decree 61 Art.19.9).

Sent no later than one working day before the deadline, at most once per dossier; the due date changes only
through this audited event.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import deadlines
from ..access import check_member
from ..errors import InvalidDossier, RuleViolation
from ..events import EventKind
from ..models import Apology
from ..workflow import OPEN_STATUSES
from ._core import lock, record


@transaction.atomic
def apologise(dossier, *, actor, at, reason, new_due_at):
    """Apologise for a coming delay and set the new return date; return the dossier."""
    dossier = lock(dossier)
    agency = dossier.holder_agency or dossier.agency
    check_member(actor, agency, "apologise")
    if dossier.status not in OPEN_STATUSES:
        raise RuleViolation(_("Chỉ hẹn lại ngày trả với hồ sơ đang giải quyết."))
    if not (reason or "").strip():
        raise InvalidDossier(_("Cần nêu lý do quá hạn."))
    if Apology.objects.filter(dossier=dossier).exists():
        raise RuleViolation(_("Hồ sơ đã được hẹn lại một lần; chỉ được hẹn lại ngày trả kết quả một lần."))
    if new_due_at is None:
        raise InvalidDossier(_("Cần ngày hẹn trả mới."))
    if dossier.due_at is None or deadlines.add_days(at, 1, agency=dossier.agency) > dossier.due_at:
        raise RuleViolation(_("Phải gửi phiếu xin lỗi và hẹn lại chậm nhất 01 ngày làm việc trước hạn trả kết quả."))
    if timezone.is_naive(new_due_at):
        new_due_at = timezone.make_aware(new_due_at)
    if not deadlines.is_working_time(new_due_at, agency=dossier.agency):
        raise InvalidDossier(_("Ngày hẹn trả mới (%(when)s) không rơi vào giờ làm việc của một ngày làm việc theo "
                               "lịch chính thức. Hãy chọn ngày làm việc, trong giờ hành chính.") % {
            "when": timezone.localtime(new_due_at).strftime("%H:%M %d/%m/%Y")})
    if new_due_at <= dossier.due_at:
        raise InvalidDossier(_("Ngày hẹn trả mới phải sau ngày hẹn trả hiện tại."))
    old = dossier.due_at
    try:
        with transaction.atomic():
            Apology.objects.create(dossier=dossier, at=at, actor=actor, agency=agency, reason=reason.strip(),
                                   old_due_at=old, new_due_at=new_due_at)
    except IntegrityError:
        raise RuleViolation(_("Hồ sơ đã được hẹn lại một lần.")) from None
    dossier.due_at = new_due_at
    record(dossier, kind=EventKind.APOLOGY, to_status=dossier.status, actor=actor, at=at, agency=agency, note=reason,
           data={"old_due_at": old.isoformat(), "new_due_at": new_due_at.isoformat()}, check=False)
    return dossier
