"""Deliver the citizen's notification of one dossier event by email and SMS (NĐ 61 Art.17.2, 19.9; NĐ 224 Art.15.1.g).

`notify.send_citizen_notification` (a django.tasks task) calls `deliver(event)` in the background. Email goes
through Django's mail API, SMS through `sms.send_sms` (backend chosen by MOTCUA_SMS_BACKEND). A message that
fails is logged and reported in the task result; it never undoes the move that caused it.
"""

from django.conf import settings
from django.utils import timezone

from . import sms
from .events import EventKind as K
from .links import tracking_url


def _when(value) -> str:
    if not value:
        return "…"
    return f"{timezone.localtime(value):%H:%M ngày %d/%m/%Y}"


def _supplement_items(dossier) -> str:
    last = dossier.supplements.order_by("-requested_at").first() if dossier.pk else None
    return "; ".join(last.items) if last and last.items else ""


def compose(event) -> tuple[str, str] | None:
    """Return (subject, text) for `event`, or None if its kind is not told to the citizen."""
    d = event.dossier
    code = d.public_id
    name = d.version.name if d.version_id else ""
    link = tracking_url(code)
    note = (event.note or d.reason or "").strip()
    texts = {
        K.ACCEPTED: (
            f"Hồ sơ {code} đã được tiếp nhận",
            f"Hồ sơ {code} ({name}) đã được tiếp nhận lúc {_when(d.accepted_at)}. "
            f"Hẹn trả kết quả: {_when(d.due_at)}.",
        ),
        K.NOT_ACCEPTED: (
            f"Hồ sơ {code} không được tiếp nhận",
            f"Hồ sơ {code} ({name}) không được tiếp nhận. Lý do: {note or '…'}.",
        ),
        K.SUPPLEMENT_REQUESTED: (
            f"Hồ sơ {code} cần bổ sung giấy tờ",
            f"Hồ sơ {code} cần bổ sung, hoàn thiện: {_supplement_items(d) or note or '…'}. "
            "Thời hạn giải quyết được tính lại khi nhận đủ hồ sơ.",
        ),
        K.APOLOGY: (
            f"Xin lỗi và hẹn lại ngày trả kết quả hồ sơ {code}",
            f"{d.agency.name if d.agency_id else 'Cơ quan giải quyết'} xin lỗi vì chưa trả kết quả hồ sơ {code} "
            f"đúng hẹn. Lý do: {note or '…'}. Ngày hẹn trả mới: {_when(d.due_at)}.",
        ),
        K.PAYMENT_REQUESTED: (
            f"Hồ sơ {code}: đề nghị nộp phí, lệ phí",
            f"Hồ sơ {code} cần thực hiện nghĩa vụ tài chính trước khi trả kết quả.",
        ),
        K.REFUSED: (
            f"Hồ sơ {code} bị từ chối giải quyết",
            f"Hồ sơ {code} ({name}) bị từ chối giải quyết. Lý do: {note or '…'}.",
        ),
        K.STOPPED: (f"Hồ sơ {code} đã dừng xử lý", f"Hồ sơ {code} đã dừng xử lý. {note}".strip()),
        K.RESULT_ISSUED: (
            f"Đã có kết quả hồ sơ {code}",
            f"Hồ sơ {code} ({name}) đã có kết quả. Nơi nhận: {d.get_delivery_display()}.",
        ),
        K.RETURNED: (f"Đã trả kết quả hồ sơ {code}", f"Kết quả hồ sơ {code} đã được trả. Cảm ơn Ông/Bà."),
    }
    if event.kind not in texts:
        return None
    subject, body = texts[event.kind]
    return subject, f"{body} Tra cứu: {link}"


def deliver(event) -> dict:
    """Send the email and SMS for `event`; return what was sent (JSON-serialisable, kept as the task result)."""
    composed = compose(event)
    if composed is None:
        return {"email": 0, "sms": 0}
    subject, text = composed
    d = event.dossier
    footer = f"\n\n--\n{settings.MOTCUA_CITY_NAME} · Đường dây nóng {settings.MOTCUA_HOTLINE}"
    return sms.send_email_and_sms(email=d.applicant_email, phone=d.applicant_phone, subject=subject, text=text,
                                  email_text=text + footer, label=f"dossier event {event.pk}")
