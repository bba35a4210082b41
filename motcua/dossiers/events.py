"""What can happen to a dossier: one table of event kinds, with who hears about each.

The label is the wording staff and the public read in a dossier's history. Three properties say where an event
goes beyond the staff console:

- `is_public`: the public tracking history shows it (internal handovers are summarised by the holder instead);
- `tells_citizen`: the applicant is sent an email / SMS (Decree 61 Art.17.2, 19.4, 19.9; Decree 224
  Art.15.1.g), worded by `notifications.compose`;
- `note_is_public`: the event's note is a reason addressed to the citizen (refusal, supplement, apology), so
  public tracking shows it; other notes are internal.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Nộp hồ sơ")
    ACCEPTED = "accepted", _("Tiếp nhận hồ sơ")
    NOT_ACCEPTED = "not_accepted", _("Từ chối tiếp nhận")
    ASSIGNED = "assigned", _("Phân công cán bộ xử lý")
    STEP_COMPLETED = "step_completed", _("Hoàn thành bước")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung hồ sơ")
    SUPPLEMENTED = "supplemented", _("Nộp bổ sung hồ sơ")
    APOLOGY = "apology", _("Xin lỗi và hẹn lại ngày trả kết quả")
    PAYMENT_REQUESTED = "payment_requested", _("Yêu cầu nộp phí, lệ phí")
    PAID = "paid", _("Thanh toán trực tuyến")
    PAYMENT_RECORDED = "payment_recorded", _("Ghi nhận nộp phí, lệ phí")
    REFUSED = "refused", _("Từ chối giải quyết")
    WITHDRAWAL_REQUESTED = "withdrawal_requested", _("Yêu cầu rút hồ sơ")
    STOPPED = "stopped", _("Dừng xử lý")
    RESULT_ISSUED = "result_issued", _("Có kết quả giải quyết")
    RETURNED = "returned", _("Trả kết quả")

    @property
    def is_public(self) -> bool:
        return self in PUBLIC

    @property
    def tells_citizen(self) -> bool:
        return self in TELLS_CITIZEN

    @property
    def note_is_public(self) -> bool:
        return self in NOTE_IS_PUBLIC


K = EventKind
# Everything but a payment recorded without a change of status (a part payment: the citizen holds the receipt).
PUBLIC = frozenset(K) - {K.PAYMENT_RECORDED}
TELLS_CITIZEN = frozenset({K.ACCEPTED, K.NOT_ACCEPTED, K.SUPPLEMENT_REQUESTED, K.APOLOGY, K.PAYMENT_REQUESTED,
                           K.REFUSED, K.STOPPED, K.RESULT_ISSUED, K.RETURNED})
NOTE_IS_PUBLIC = frozenset({K.NOT_ACCEPTED, K.SUPPLEMENT_REQUESTED, K.APOLOGY, K.REFUSED, K.STOPPED})


def wording(kind: str) -> str:
    """The label of `kind` ("Trả kết quả"); an unknown kind is shown as stored."""
    return str(K(kind).label) if kind in K.values else kind


def label_of(event) -> str:
    """What happened, for staff: the wording, with the step's title ("Hoàn thành bước: Thẩm định hồ sơ")."""
    title = (event.data or {}).get("title")
    return f"{wording(event.kind)}: {title}" if event.kind == K.STEP_COMPLETED and title else wording(event.kind)
