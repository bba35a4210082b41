"""Appointments: slots in the agency's office hours on working days of the official calendar (workdays: no
holidays, make-up Saturdays included), a capacity per counter and slot, reminders, cancel and re-book, and the
priority ticket given on arrival.

Capacity is kept in one Slot row per agency and start, incremented with a conditional UPDATE (booked < capacity),
so two bookings racing for the last place cannot both win, in any process.
"""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from motcua.limits import services as limits
from motcua.workdays.services import get_calendar, is_working_day

from . import history, queue
from .errors import OfficeConflict, OfficeError, OfficeNotFound
from .models import Appointment, Counter, PriorityGroup, Slot
from .seed import APPOINTMENT_GROUP

REMIND_BEFORE = timedelta(days=1)


def capacity(agency, procedure):
    """Bookings one slot takes: open counters that serve the procedure × bookings per counter."""
    counters = Counter.objects.filter(agency=agency, is_active=True).filter(
        Q(areas__procedures=procedure) | Q(areas__isnull=True)).distinct().count()
    return counters * queue.office_settings(agency).bookings_per_counter


def check_day(agency, day, *, now):
    """Refuse a day that is not a working day of the calendar or outside the booking window."""
    hours = agency.office_hours
    today = timezone.localdate(now)
    ahead = queue.office_settings(agency).booking_days_ahead
    if day < today:
        raise OfficeError(_("Không đặt lịch cho ngày đã qua."))
    if day > today + timedelta(days=ahead):
        raise OfficeError(_("Chỉ đặt lịch trước tối đa %(n)s ngày.") % {"n": ahead})
    if not is_working_day(day, office_hours=hours):
        note = get_calendar(hours).notes.get(day)
        why = f" ({note.name})" if note else ""
        raise OfficeError(_("Ngày %(d)s không phải ngày làm việc%(why)s. Vui lòng chọn ngày khác.") % {
            "d": date_format(day, "SHORT_DATE_FORMAT"), "why": why})


def slot_starts(agency, day):
    """Start instants of the day's slots within the agency's office hours."""
    hours = get_calendar(agency.office_hours).hours
    step = timedelta(minutes=queue.office_settings(agency).slot_minutes)
    starts = []
    for open_, close in hours.sessions:
        at = timezone.make_aware(datetime.combine(day, open_))
        end = timezone.make_aware(datetime.combine(day, close))
        while at + step <= end:
            starts.append(at)
            at += step
    return starts


def slots(agency, procedure, day, *, now):
    """The day's slots with their capacity and free places ({starts_at, capacity, booked, free})."""
    check_procedure(agency, procedure)
    check_day(agency, day, now=now)
    cap = capacity(agency, procedure)
    starts = [s for s in slot_starts(agency, day) if s > now]
    booked = dict(Slot.objects.filter(agency=agency, starts_at__in=starts).values_list("starts_at", "booked"))
    return [{"starts_at": s, "capacity": cap, "booked": booked.get(s, 0), "free": max(0, cap - booked.get(s, 0))}
            for s in starts]


def check_procedure(agency, procedure):
    if procedure is None or procedure.current_id is None:
        raise OfficeNotFound(_("Không tìm thấy thủ tục."))
    if not procedure.agencies.filter(pk=agency.pk).exists():
        raise OfficeError(_("%(a)s không tiếp nhận thủ tục này.") % {"a": agency.name})


def book(agency, procedure, starts_at, *, name, phone, email="", citizen=None, now, rebooked_from=None):
    """Book a place at `starts_at` (one of the day's slots); refuse a full slot or a day off."""
    name, phone = (name or "").strip(), "".join(ch for ch in phone or "" if ch.isdigit())
    if not name:
        raise OfficeError(_("Cần họ và tên người đặt lịch."))
    if not 9 <= len(phone) <= 12:
        raise OfficeError(_("Cần số điện thoại hợp lệ (9 đến 12 chữ số) để nhận tin nhắc lịch."))
    check_procedure(agency, procedure)
    local = timezone.localtime(starts_at)
    check_day(agency, local.date(), now=now)
    if starts_at not in slot_starts(agency, local.date()) or starts_at <= now:
        raise OfficeError(_("Giờ hẹn không nằm trong các khung giờ làm việc còn nhận đặt lịch."))
    cap = capacity(agency, procedure)
    limits.take("booking_phone", phone, _("Số điện thoại này đã đặt quá nhiều lịch hẹn hôm nay."))
    with transaction.atomic():
        slot = _slot(agency, starts_at)
        if not cap or not Slot.objects.filter(pk=slot.pk, booked__lt=cap).update(booked=F("booked") + 1):
            raise OfficeConflict(_("Khung giờ %(t)s đã kín lịch. Vui lòng chọn khung giờ khác.") % {
                "t": date_format(local, "SHORT_DATETIME_FORMAT")})
        appointment = Appointment(agency=agency, procedure=procedure, slot=slot, starts_at=starts_at, name=name,
                                  phone=phone, email=email or "", citizen=citizen if getattr(citizen, "pk", None)
                                  else None, created_at=now, rebooked_from=rebooked_from)
        history.note(appointment, "booked", at=now, actor=citizen)
        appointment.save()
        _schedule_reminder(appointment, now)
    return appointment


def _slot(agency, starts_at):
    try:
        with transaction.atomic():
            return Slot.objects.get_or_create(agency=agency, starts_at=starts_at)[0]
    except IntegrityError:
        return Slot.objects.get(agency=agency, starts_at=starts_at)


def _schedule_reminder(appointment, now):
    from .tasks import remind_appointment

    when = appointment.starts_at - REMIND_BEFORE
    # The database task backend of `make run` and production defers; one that cannot (the tests' immediate
    # backend) would send the reminder now, so nothing is scheduled there (the task is tested by itself).
    if when > now and remind_appointment.get_backend().supports_defer:
        transaction.on_commit(lambda: remind_appointment.using(run_after=when).enqueue(appointment.pk))


def get_appointment(code, phone):
    """The appointment with this code, if `phone` is the one it was booked with (the citizen's second factor)."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    found = Appointment.objects.select_related("agency", "procedure__current").filter(
        code=(code or "").strip().upper()).first()
    if found is None or not digits or found.phone != digits:
        raise OfficeNotFound(_("Không tìm thấy lịch hẹn với mã và số điện thoại đã nhập."))
    return found


def cancel(appointment, *, now, actor=None):
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if appointment.status != Appointment.Status.BOOKED:
            raise OfficeConflict(_("Lịch hẹn này không còn ở trạng thái đã đặt."))
        appointment.status, appointment.cancelled_at = Appointment.Status.CANCELLED, now
        history.note(appointment, "cancelled", at=now, actor=actor)
        appointment.save(update_fields=["status", "cancelled_at", "history"])
        Slot.objects.filter(pk=appointment.slot_id, booked__gt=0).update(booked=F("booked") - 1)
    return appointment


def rebook(appointment, starts_at, *, now, actor=None):
    """Move the appointment to another slot: the new one is booked before the old one is released."""
    with transaction.atomic():
        new = book(appointment.agency, appointment.procedure, starts_at, name=appointment.name,
                   phone=appointment.phone, email=appointment.email, citizen=appointment.citizen, now=now,
                   rebooked_from=appointment)
        cancel(appointment, now=now, actor=actor)
    return new


def check_in(agency, code, *, at):
    """The citizen arrives: the appointment of today becomes a priority ticket."""
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().filter(
            code=(code or "").strip().upper(), agency=agency).first()
        if appointment is None:
            raise OfficeNotFound(_("Không tìm thấy lịch hẹn %(c)s tại cơ quan này.") % {"c": code})
        if appointment.status != Appointment.Status.BOOKED:
            raise OfficeConflict(_("Lịch hẹn này đã được dùng hoặc đã hủy."))
        if timezone.localtime(appointment.starts_at).date() != timezone.localdate(at):
            raise OfficeConflict(_("Lịch hẹn này không phải của hôm nay."))
        group = PriorityGroup.objects.filter(code=APPOINTMENT_GROUP, is_active=True).first()
        ticket = queue.issue_ticket(agency, at=at, procedure=appointment.procedure, priority=group,
                                    phone=appointment.phone, rank=queue.Ticket.Rank.PRIORITY)
        appointment.status, appointment.ticket = Appointment.Status.ARRIVED, ticket
        history.note(appointment, "arrived", at=at, detail=str(ticket.number))
        appointment.save(update_fields=["status", "ticket", "history"])
    return ticket
