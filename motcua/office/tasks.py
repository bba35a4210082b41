"""Background work of the office (django.tasks): the appointment reminder, scheduled when the booking is made."""

from django.tasks import task
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from motcua.dossiers.sms import send_email_and_sms


@task()
def remind_appointment(appointment_id):
    """Remind the citizen of a booked appointment (sent once; nothing for a cancelled one)."""
    from . import history
    from .models import Appointment

    appointment = Appointment.objects.select_related("agency", "procedure__current").filter(pk=appointment_id).first()
    if appointment is None or appointment.status != Appointment.Status.BOOKED or appointment.reminded_at:
        return None
    when = date_format(timezone.localtime(appointment.starts_at), "SHORT_DATETIME_FORMAT")
    text = _("Nhắc lịch hẹn %(c)s: %(t)s tại %(a)s. Khi đến, nhập mã lịch hẹn tại máy lấy số để được ưu tiên.") % {
        "c": appointment.code, "t": when, "a": appointment.agency.name}
    sent = send_email_and_sms(email=appointment.email, phone=appointment.phone, subject=_("Nhắc lịch hẹn"),
                              text=text, label=f"appointment {appointment.code}")
    now = timezone.now()
    appointment.reminded_at = now
    history.note(appointment, "reminded", at=now)
    appointment.save(update_fields=["reminded_at", "history"])
    return sent
