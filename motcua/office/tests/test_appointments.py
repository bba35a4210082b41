from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from motcua.dossiers import sms
from motcua.lib.errors import DomainError
from motcua.office import appointments
from motcua.office.models import AgencyOfficeSettings, Appointment, Slot, Ticket
from motcua.workdays.models import CalendarOverride
from motcua.workdays.services import clear_cache

NOW = timezone.make_aware(datetime(2026, 12, 7, 9, 0))  # a Monday


def at(day, hh, mm=0):
    return timezone.make_aware(datetime.combine(day, time(hh, mm)))


@pytest.fixture
def window(office):
    AgencyOfficeSettings.objects.create(agency=office.base.centre, booking_days_ahead=60, bookings_per_counter=1)
    return office


def test_a_holiday_is_refused_and_a_make_up_saturday_accepted(window):
    centre, procedure = window.base.centre, window.base.procedure
    with pytest.raises(DomainError, match="01/01/2027 không phải ngày làm việc"):
        appointments.slots(centre, procedure, date(2027, 1, 1), now=NOW)
    saturday = date(2026, 12, 12)
    with pytest.raises(DomainError, match="không phải ngày làm việc"):
        appointments.book(centre, procedure, at(saturday, 8), name="Lê Văn A", phone="0912345678", now=NOW)
    CalendarOverride.objects.create(date=saturday, kind=CalendarOverride.Kind.WORKING_DAY, reason="Làm bù (thử)")
    clear_cache()
    slots = appointments.slots(centre, procedure, saturday, now=NOW)
    assert slots[0]["starts_at"] == at(saturday, 8) and slots[0]["capacity"] == 3
    booked = appointments.book(centre, procedure, at(saturday, 8), name="Lê Văn A", phone="0912 345 678", now=NOW)
    assert booked.status == Appointment.Status.BOOKED and booked.phone == "0912345678"


def test_capacity_is_counters_times_places_and_cancel_frees_a_place(window):
    centre, procedure = window.base.centre, window.base.procedure
    day = date(2026, 12, 8)
    made = [appointments.book(centre, procedure, at(day, 9), name=f"Người {i}", phone=f"091234567{i}", now=NOW)
            for i in range(3)]
    with pytest.raises(DomainError, match="đã kín lịch"):
        appointments.book(centre, procedure, at(day, 9), name="Người 4", phone="0912345679", now=NOW)
    appointments.cancel(made[0], now=NOW)
    assert Slot.objects.get(agency=centre, starts_at=at(day, 9)).booked == 2
    moved = appointments.rebook(made[1], at(day, 10), now=NOW)
    assert moved.rebooked_from == made[1] and Appointment.objects.get(pk=made[1].pk).status == "cancelled"
    with pytest.raises(DomainError, match="khung giờ"):
        appointments.book(centre, procedure, at(day, 12, 15), name="Trưa", phone="0912345670", now=NOW)


def test_the_reminder_is_sent_once_and_arrival_gives_a_priority_ticket(window):
    centre, procedure = window.base.centre, window.base.procedure
    now = timezone.now()
    day = timezone.localdate(now)
    a = Appointment.objects.create(agency=centre, procedure=procedure, slot=Slot.objects.create(
        agency=centre, starts_at=now + timedelta(hours=1), booked=1), starts_at=now + timedelta(hours=1),
        name="Trần Thị B", phone="0987654321", created_at=now)
    from motcua.office.tasks import remind_appointment

    remind_appointment.call(a.pk)
    remind_appointment.call(a.pk)
    assert [m.to for m in sms.outbox] == ["0987654321"] and a.code in sms.outbox[0].text
    ticket = appointments.check_in(centre, a.code.lower(), at=now)
    assert ticket.rank == Ticket.Rank.PRIORITY and ticket.priority.code == "dat-lich-hen" and ticket.day == day
    with pytest.raises(DomainError, match="đã được dùng"):
        appointments.check_in(centre, a.code, at=now)


def test_the_booking_window_and_the_phone_are_checked(window):
    centre, procedure = window.base.centre, window.base.procedure
    with pytest.raises(DomainError, match="tối đa 60 ngày"):
        appointments.slots(centre, procedure, date(2027, 3, 1), now=NOW)
    with pytest.raises(DomainError, match="số điện thoại"):
        appointments.book(centre, procedure, at(date(2026, 12, 8), 9), name="A", phone="12", now=NOW)
    assert not Appointment.objects.exists()


def test_one_phone_cannot_take_every_slot(window):
    centre, procedure = window.base.centre, window.base.procedure
    day = date(2026, 12, 8)
    for hour in (8, 9, 10, 11, 13):
        appointments.book(centre, procedure, at(day, hour), name="Người đặt", phone="0912345678", now=NOW)
    with pytest.raises(DomainError, match="quá nhiều lịch hẹn") as refused:
        appointments.book(centre, procedure, at(day, 14), name="Người đặt", phone="0912345678", now=NOW)
    assert refused.value.status == 429 and Appointment.objects.count() == 5


def test_the_appointment_page_keeps_the_phone_out_of_the_address(client, window):
    from django.urls import reverse

    booked = appointments.book(window.base.centre, window.base.procedure, at(date(2026, 12, 8), 8),
                               name="Lê Văn A", phone="0912345678", now=NOW)
    url = reverse("portal:office_appointment", args=[booked.code])
    assert "Lê Văn A" not in client.get(url, {"dt": "0912345678"}).content.decode()  # an address proves nothing
    shown = client.post(url, {"dien_thoai": "0912 345 678"})
    assert shown.status_code == 200 and "Lê Văn A" in shown.content.decode()
    assert "Lê Văn A" in client.get(url).content.decode()  # held in the session since
