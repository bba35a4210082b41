"""The dossier workflow: the national portal's statuses (TrangThaiHoSo 1–10) and the moves allowed between them.

Stored values are readable words; `NATIONAL_CODE` gives the DVCQG code used when syncing. A move not listed in
`ALLOWED_TRANSITIONS` is refused by every action (HTTP 409 in the API). Moves that keep the status (a handover
between steps, an apology with a new date) are recorded as events with from_status == to_status and are listed
here as self-moves where they are legal.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Mới đăng ký")
    ACCEPTED = "accepted", _("Được tiếp nhận")
    NOT_ACCEPTED = "not_accepted", _("Không được tiếp nhận")
    PROCESSING = "processing", _("Đang xử lý")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung giấy tờ")
    PAYMENT_REQUESTED = "payment_requested", _("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWAL_REQUESTED = "withdrawal_requested", _("Công dân yêu cầu rút hồ sơ")
    STOPPED = "stopped", _("Dừng xử lý")
    DONE = "done", _("Đã xử lý xong")
    RETURNED = "returned", _("Đã trả kết quả")


NATIONAL_CODE = {
    Status.SUBMITTED: 1,
    Status.ACCEPTED: 2,
    Status.NOT_ACCEPTED: 3,
    Status.PROCESSING: 4,
    Status.SUPPLEMENT_REQUESTED: 5,
    Status.PAYMENT_REQUESTED: 6,
    Status.WITHDRAWAL_REQUESTED: 7,
    Status.STOPPED: 8,
    Status.DONE: 9,
    Status.RETURNED: 10,
}

S = Status
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    # Online or postal intake: the officer accepts, asks once for what is missing (Mẫu 02) or refuses (Mẫu 03).
    S.SUBMITTED: frozenset({S.ACCEPTED, S.NOT_ACCEPTED, S.SUPPLEMENT_REQUESTED, S.WITHDRAWAL_REQUESTED}),
    S.ACCEPTED: frozenset(
        {S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED, S.WITHDRAWAL_REQUESTED, S.STOPPED, S.DONE}
    ),
    # processing -> processing: handover between route steps, apology with a new date.
    S.PROCESSING: frozenset(
        {S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED, S.WITHDRAWAL_REQUESTED, S.STOPPED, S.DONE}
    ),
    # Supplied: back to intake (if asked at intake) or to processing (if asked during appraisal).
    S.SUPPLEMENT_REQUESTED: frozenset({S.SUBMITTED, S.PROCESSING, S.WITHDRAWAL_REQUESTED, S.STOPPED}),
    S.PAYMENT_REQUESTED: frozenset({S.PROCESSING, S.DONE, S.WITHDRAWAL_REQUESTED, S.STOPPED}),
    S.WITHDRAWAL_REQUESTED: frozenset({S.STOPPED}),
    S.DONE: frozenset({S.DONE, S.RETURNED}),
    S.NOT_ACCEPTED: frozenset(),
    S.STOPPED: frozenset(),
    S.RETURNED: frozenset(),
}

# The clock is running (for urgency and overdue) while the dossier is in one of these.
OPEN_STATUSES = frozenset({S.ACCEPTED, S.PROCESSING, S.PAYMENT_REQUESTED, S.WITHDRAWAL_REQUESTED})
# Processing has ended (NgayKetThucXuLy is set): first of done > returned > stopped/refused.
FINISHED_STATUSES = frozenset({S.DONE, S.RETURNED, S.STOPPED, S.NOT_ACCEPTED})
TERMINAL_STATUSES = frozenset(s for s, targets in ALLOWED_TRANSITIONS.items() if not targets)


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in ALLOWED_TRANSITIONS.get(from_status, ())


def national_code(status: str) -> int:
    return NATIONAL_CODE[Status(status)]
