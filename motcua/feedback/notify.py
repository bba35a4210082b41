"""Tell the sender by e-mail and SMS when the agency acts on their item: refused, transferred, asked for more
information, answered. Queued on commit (django.tasks), so nothing is sent for an act that rolled back.

Messages carry the code and the tracking address only: the answer itself is read on the tracking page, behind
the code and the contact's last 4 digits, so a lost phone or a forwarded mail shows no more than the status.
"""

from django.conf import settings
from django.db import transaction
from django.tasks import task

from motcua.dossiers import sms

from .workflow import Action

TELL_SENDER = {
    Action.REFUSE: "đã bị từ chối tiếp nhận. Lý do xem tại trang tra cứu.",
    Action.TRANSFER: "đã được chuyển tới cơ quan có thẩm quyền.",
    Action.REQUEST_INFO: "cần bổ sung thông tin. Vui lòng bổ sung tại trang tra cứu.",
    Action.ANSWER: "đã có trả lời. Vui lòng xem và xác nhận tại trang tra cứu.",
}


def notify_sender(event):
    """Queue the message for `event` after the transaction commits, if the sender should know of it."""
    if event.action in TELL_SENDER:
        transaction.on_commit(lambda: send_sender_notification.enqueue(event.pk))


def compose(event):
    """Return (subject, text) for `event`."""
    code = event.feedback.code
    link = f"{settings.MOTCUA_PUBLIC_BASE_URL.rstrip('/')}/phan-anh/tra-cuu/"
    text = f"Phản ánh, kiến nghị {code} {TELL_SENDER[event.action]} Tra cứu: {link} (mã + 4 số cuối liên hệ)."
    return f"Phản ánh {code}: {Action(event.action).label}", text


@task()
def send_sender_notification(event_id):
    """Send the e-mail and SMS for one event; return what was sent."""
    from .models import FeedbackEvent

    event = FeedbackEvent.objects.select_related("feedback").filter(pk=event_id).first()
    if event is None or event.action not in TELL_SENDER:
        return {"email": 0, "sms": 0}
    subject, text = compose(event)
    item = event.feedback
    return sms.send_email_and_sms(email=item.email, phone=item.phone, subject=subject, text=text,
                                  label=f"feedback event {event.pk}")
