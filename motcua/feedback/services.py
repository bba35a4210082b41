"""Acts on feedback items (phản ánh, kiến nghị). Keep it small: everything portal, console and Open311 do.

Each act locks the item, checks the move against workflow.TRANSITIONS, records an append-only FeedbackEvent
and updates the item's state and deadlines in one transaction. Staff acts take `actor=`; the sender's acts
(supply information, confirm, reopen) are made through the code and the contact's last 4 digits.
"""

import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.catalogue.models import Procedure
from motcua.lib.errors import Conflict, DomainError, Forbidden, NotFound
from motcua.lib.text import fold
from motcua.limits import services as limits
from motcua.units import policy
from motcua.units.models import Agency

from . import deadlines
from .access import check_staff_access
from .masking import mask_personal_data
from .models import ANSWER_MAX, CONTENT_MAX, NOTE_MAX, TITLE_MAX, Category, Channel, Feedback, FeedbackEvent
from .notify import notify_sender
from .workflow import Action, State, allowed, target

__all__ = [
    "file_feedback",
    "accept_feedback",
    "refuse_feedback",
    "transfer_feedback",
    "request_information",
    "supply_information",
    "answer_feedback",
    "publish_answer",
    "confirm_resolved",
    "reopen_feedback",
    "find_for_sender",
    "published_feedback",
    "default_agency",
]

SENDER = "Người gửi"
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_PHONE = re.compile(r"^\+?[0-9]{9,12}$")


class FeedbackError(DomainError):
    pass


# --- input checks -----------------------------------------------------------------------------------------


def _text(value, label, limit, *, required=True):
    value = (value or "").replace("\x00", "").strip()
    if required and not value:
        raise FeedbackError(f"Vui lòng nhập {label}.")
    if len(value) > limit:
        raise FeedbackError(f"{label.capitalize()} dài quá {limit} ký tự.")
    return value


def _phone(value):
    value = re.sub(r"[\s.\-()]", "", value or "")
    if value and not _PHONE.match(value):
        raise FeedbackError("Số điện thoại không hợp lệ.")
    return value


def _email(value):
    value = (value or "").strip().lower()
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise FeedbackError("Địa chỉ thư điện tử không hợp lệ.") from None
    return value


def _procedure(code):
    code = (code or "").strip()
    if not code:
        return None
    procedure = Procedure.objects.filter(code=code).first()
    if procedure is None:
        raise FeedbackError(f"Không có thủ tục mã {code} trong danh mục.")
    return procedure


def _coordinate(value, low, high, label):
    if value in (None, ""):
        return None
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise FeedbackError(f"{label} không hợp lệ.") from None
    if not low <= value <= high:
        raise FeedbackError(f"{label} không hợp lệ.")
    return value


# --- routing ------------------------------------------------------------------------------------------------


def default_agency():
    """Return the city's public administration service centre, which receives unrouted items."""
    return Agency.objects.filter(
        kind=Agency.Kind.CENTRE, province__code=settings.MOTCUA_CITY_PROVINCE_CODE, is_active=True
    ).first()


def _route(procedure, agency):
    if agency is not None:
        return agency
    if procedure is not None:
        agencies = list(procedure.agencies.filter(is_active=True)[:2])
        if len(agencies) == 1:
            return agencies[0]
    return default_agency()


# --- recording ----------------------------------------------------------------------------------------------


def _new_code(at):
    day = timezone.localtime(at).strftime("%y%m%d")
    return f"PA{day}-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(6))


def _start_clock(feedback, at):
    feedback.clock_started_at = at
    for field, due in deadlines.stage_deadlines(at, feedback.agency).items():
        setattr(feedback, field, due)
    feedback.due_at = feedback.answer_due_at


def _actor_label(actor):
    if actor is None:
        return SENDER
    return actor.get_full_name() or actor.get_username()


def _lock(feedback, action):
    # of=self: PostgreSQL refuses FOR UPDATE on the nullable side of the outer join to the agency.
    locked = Feedback.objects.select_for_update(of=("self",)).select_related("agency").get(pk=feedback.pk)
    if not allowed(action, locked.state):
        raise Conflict(
            f"Không thể “{Action(action).label.lower()}” khi phản ánh đang ở trạng thái "
            f"“{State(locked.state).label.lower()}”."
        )
    return locked


def _lock_for_staff(feedback, action, actor):
    check_staff_access(actor, feedback)
    locked = _lock(feedback, action)
    check_staff_access(actor, locked)  # the agency may have changed while we waited for the lock
    power = "feedback_publish" if action == Action.PUBLISH else "feedback_handle"
    if not policy.may(actor, power, [locked.agency_id]):
        raise Forbidden(policy.refusal(power))
    return locked


def _record(feedback, action, *, actor, at, note="", due=None, from_agency=None, to_agency=None):
    """Append the event for `action`, move the item to its next state and save it."""
    from_state = feedback.state
    feedback.state = target(action, from_state)
    on_time = deadlines.met(due, at)
    if on_time is False:
        feedback.finished_late = True
    feedback.save()
    event = FeedbackEvent.objects.create(
        feedback=feedback,
        action=action,
        from_state=from_state,
        to_state=feedback.state,
        actor=actor,
        actor_label=_actor_label(actor),
        agency=from_agency or feedback.agency,
        to_agency=to_agency,
        at=at,
        note=note,
        due_at=due,
        on_time=on_time,
    )
    notify_sender(event)
    return feedback


# --- acts ---------------------------------------------------------------------------------------------------


def file_feedback(*, category, title, content, channel, at, actor=None, ip=None, citizen_name="", phone="",
                  email="", address="", latitude=None, longitude=None, procedure_code="", agency=None):
    """File a feedback item. Anonymous filings (actor None) are rate-limited per IP and per contact."""
    if category not in Category.values:
        raise FeedbackError("Vui lòng chọn loại phản ánh, kiến nghị.")
    if actor is None and channel not in (Channel.WEB, Channel.OPEN311):
        raise FeedbackError("Chỉ cán bộ mới nhập được phản ánh nhận qua điện thoại hoặc văn bản.")
    if actor is not None and channel not in (Channel.PHONE, Channel.LETTER):
        raise FeedbackError("Cán bộ chỉ nhập thay phản ánh nhận qua điện thoại hoặc văn bản.")
    fields = {
        "category": category,
        "channel": channel,
        "title": _text(title, "tiêu đề", TITLE_MAX),
        "content": _text(content, "nội dung", CONTENT_MAX),
        "citizen_name": _text(citizen_name, "họ tên", 100, required=False),
        "phone": _phone(phone),
        "email": _email(email),
        "address": _text(address, "địa chỉ", 255, required=False),
        "latitude": _coordinate(latitude, -90, 90, "Vĩ độ"),
        "longitude": _coordinate(longitude, -180, 180, "Kinh độ"),
        "procedure": _procedure(procedure_code),
    }
    if not (fields["phone"] or fields["email"]):
        raise FeedbackError("Vui lòng để lại số điện thoại hoặc thư điện tử để nhận trả lời và tra cứu.")
    if actor is None:
        limits.take("feedback_address", ip)
        limits.take("feedback_contact", fields["phone"] or fields["email"])
    return _create(fields, agency=_route(fields["procedure"], agency), actor=actor, at=at)


def _create(fields, *, agency, actor, at):
    for _attempt in range(5):
        try:
            with transaction.atomic():
                feedback = Feedback(**fields, agency=agency, filed_by=actor, received_at=at, code=_new_code(at))
                _start_clock(feedback, at)
                feedback.save()
                FeedbackEvent.objects.create(
                    feedback=feedback, action=Action.FILE, from_state="", to_state=feedback.state, actor=actor,
                    actor_label=_actor_label(actor), agency=agency, at=at,
                )
                return feedback
        except IntegrityError:  # the random code collided; draw another
            continue
    raise FeedbackError("Không tạo được mã phản ánh, vui lòng thử lại.")


@transaction.atomic
def accept_feedback(feedback, *, actor, at):
    feedback = _lock_for_staff(feedback, Action.ACCEPT, actor)
    return _record(feedback, Action.ACCEPT, actor=actor, at=at)


@transaction.atomic
def refuse_feedback(feedback, *, actor, at, reason):
    """Refuse the item with a reason (due within 2 working days of the clock start)."""
    feedback = _lock_for_staff(feedback, Action.REFUSE, actor)
    feedback.refusal_reason = _text(reason, "lý do từ chối", NOTE_MAX)
    feedback.refused_at = at
    feedback.due_at = None
    return _record(feedback, Action.REFUSE, actor=actor, at=at, note=feedback.refusal_reason,
                   due=feedback.refuse_due_at)


@transaction.atomic
def transfer_feedback(feedback, *, actor, at, to_agency, note=""):
    """Hand the item to the competent agency; its clock starts afresh there."""
    feedback = _lock_for_staff(feedback, Action.TRANSFER, actor)
    if to_agency is None or to_agency.pk == feedback.agency_id:
        raise FeedbackError("Vui lòng chọn cơ quan khác để chuyển.")
    note = _text(note, "ghi chú", NOTE_MAX, required=False)
    from_agency = feedback.agency
    feedback.agency = to_agency
    _start_clock(feedback, at)
    return _record(
        feedback, Action.TRANSFER, actor=actor, at=at, note=note, from_agency=from_agency, to_agency=to_agency
    )


@transaction.atomic
def request_information(feedback, *, actor, at, note):
    """Ask the sender for more information (due within 5 working days of the clock start)."""
    feedback = _lock_for_staff(feedback, Action.REQUEST_INFO, actor)
    note = _text(note, "nội dung cần bổ sung", NOTE_MAX)
    feedback.due_at = None  # the sender's turn
    return _record(feedback, Action.REQUEST_INFO, actor=actor, at=at, note=note, due=feedback.info_due_at)


@transaction.atomic
def supply_information(feedback, *, at, note):
    """Record the sender's additional information; the agency's clock restarts."""
    feedback = _lock(feedback, Action.SUPPLY_INFO)
    note = _text(note, "thông tin bổ sung", CONTENT_MAX)
    _start_clock(feedback, at)
    return _record(feedback, Action.SUPPLY_INFO, actor=None, at=at, note=note)


@transaction.atomic
def answer_feedback(feedback, *, actor, at, answer):
    """Answer the item (due within 15 working days); publication is then due within 2."""
    feedback = _lock_for_staff(feedback, Action.ANSWER, actor)
    feedback.answer = _text(answer, "nội dung trả lời", ANSWER_MAX)
    feedback.answered_at = at
    feedback.resolved_confirmed_at = None
    feedback.publish_due_at = deadlines.due_after(at, deadlines.PUBLISH_DAYS, feedback.agency)
    feedback.due_at = feedback.publish_due_at
    return _record(feedback, Action.ANSWER, actor=actor, at=at, note=feedback.answer, due=feedback.answer_due_at)


@transaction.atomic
def publish_answer(feedback, *, actor, at):
    """Publish the question and answer with personal data masked (due within 2 working days of the answer)."""
    feedback = _lock_for_staff(feedback, Action.PUBLISH, actor)
    names = [feedback.citizen_name]
    feedback.public_title = mask_personal_data(feedback.title, names=names)[:TITLE_MAX]
    feedback.public_content = mask_personal_data(feedback.content, names=names)
    feedback.public_answer = mask_personal_data(feedback.answer, names=names)
    feedback.search_text = fold(f"{feedback.public_title} {feedback.public_content} {feedback.public_answer}")
    feedback.published_at = at
    feedback.due_at = None
    return _record(feedback, Action.PUBLISH, actor=actor, at=at, due=feedback.publish_due_at)


@transaction.atomic
def confirm_resolved(feedback, *, at):
    """Record the sender's confirmation that the answer resolves the matter."""
    feedback = _lock(feedback, Action.CONFIRM)
    if feedback.resolved_confirmed_at:
        raise Conflict("Bạn đã xác nhận phản ánh này được giải quyết.")
    feedback.resolved_confirmed_at = at
    return _record(feedback, Action.CONFIRM, actor=None, at=at)


@transaction.atomic
def reopen_feedback(feedback, *, at, reason):
    """Send the item back to the agency: the answer did not resolve the matter. Counts against the agency."""
    feedback = _lock(feedback, Action.REOPEN)
    if feedback.resolved_confirmed_at:
        raise Conflict("Bạn đã xác nhận phản ánh này được giải quyết nên không thể đề nghị xử lý lại.")
    reason = _text(reason, "lý do chưa được giải quyết", CONTENT_MAX)
    feedback.reopened_count += 1
    # A published answer that did not resolve the matter leaves the public list until it is answered again.
    feedback.published_at = None
    feedback.public_title = feedback.public_content = feedback.public_answer = feedback.search_text = ""
    feedback.publish_due_at = None
    _start_clock(feedback, at)
    return _record(feedback, Action.REOPEN, actor=None, at=at, note=reason)


# --- reading ------------------------------------------------------------------------------------------------


def find_for_sender(code, tail, *, ip, at):
    """Return the item with `code` if `tail` matches the last 4 digits of its contact; look-ups are limited."""
    limits.take("feedback_lookup", ip)
    code = (code or "").strip().upper()
    tail = (tail or "").strip().lower()
    feedback = Feedback.objects.select_related("agency", "procedure").filter(code=code).first()
    if feedback is None or len(tail) != 4 or not secrets.compare_digest(feedback.contact_tail, tail):
        raise NotFound("Không tìm thấy phản ánh với mã và 4 số cuối đã nhập.")
    return feedback


def published_feedback(*, query="", category="", agency_code=""):
    """Return published items, newest first, filtered by words (diacritics optional), category and agency."""
    items = Feedback.objects.filter(state=State.PUBLISHED).select_related("agency").order_by("-published_at")
    for word in fold(query).split()[:8]:
        items = items.filter(search_text__contains=word)
    if category:
        items = items.filter(category=category)
    if agency_code:
        items = items.filter(agency__code=agency_code)
    return items
