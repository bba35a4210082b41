"""The queue: tickets issued at the kiosk, called by counters, shown on the hall display.

All shared state lives in the database. A ticket number comes from one QueueDay row per agency and day,
incremented inside the issuing transaction; calling the next ticket locks the chosen row (SELECT … FOR UPDATE
SKIP LOCKED on PostgreSQL; SQLite serialises writing transactions), so two counters never call the same ticket,
whichever process they reach. Every change is a TicketEvent (who, when, which counter); the display reads the
latest call events of its agency.
"""

from datetime import datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Avg, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.dossiers.sms import send_sms
from motcua.limits import services as limits

from .errors import OfficeConflict, OfficeError, OfficeForbidden, OfficeNotFound
from .models import AgencyOfficeSettings, Counter, QueueDay, ServiceArea, Ticket, TicketEvent

FIRST_NUMBER = 1000  # the first ticket of a day is 1001, as on the city's ticket printers
NEAR_TURN = 3  # text the citizen when this many tickets are ahead
DISPLAY_CALLS = 6


def today(at=None):
    return timezone.localdate(at or timezone.now())


def office_settings(agency):
    found = AgencyOfficeSettings.objects.filter(agency=agency).first()
    return found or AgencyOfficeSettings(agency=agency)


def _press(device, message):
    """Count one press of a hall device (a ticket kiosk, a counter's call buttons; the counter rating tablet in
    ratings): limit "counter_press" of motcua.limits, so a stuck button or a script can neither fill the queue nor
    call it empty."""
    limits.take("counter_press", device, message)


def issue_ticket(agency, *, at, area=None, procedure=None, priority=None, phone="", rank=None, synthetic=False,
                 kiosk=None):
    """Give the next number of the day at `agency` for `area` (or the area of `procedure`); return the ticket.

    `kiosk`: the address of the kiosk (or app) that pressed for it, whose presses are limited; None for tickets
    the system issues (an appointment's check-in is limited by its code, simulated days by nothing)."""
    if not agency.is_active:
        raise OfficeError(_("Cơ quan này không còn tiếp nhận hồ sơ."))
    if area is not None and area.agency_id != agency.pk:
        raise OfficeError(_("Khu vực phục vụ không thuộc cơ quan này."))
    if area is None and procedure is not None:
        area = ServiceArea.objects.filter(agency=agency, procedures=procedure).order_by("order").first()
    phone = "".join(ch for ch in phone or "" if ch.isdigit() or ch == "+")
    if phone and not 9 <= len(phone.lstrip("+")) <= 12:
        raise OfficeError(_("Số điện thoại không hợp lệ (9 đến 12 chữ số)."))
    if kiosk is not None:
        _press(f"kiosk:{agency.pk}:{kiosk}", _("Máy lấy số vừa cấp quá nhiều số trong một phút. Vui lòng chờ giây "
                                               "lát rồi bấm lại."))
    limits.take("ticket_phone", phone, _("Số điện thoại này đã nhận quá nhiều số thứ tự hôm nay."))
    if rank is None:
        rank = Ticket.Rank.PRIORITY if priority is not None else Ticket.Rank.NORMAL
    day = today(at)
    with transaction.atomic():
        number = FIRST_NUMBER + _next_sequence(agency, day)
        ticket = Ticket.objects.create(agency=agency, day=day, number=number, area=area, procedure=procedure,
                                       priority=priority, rank=rank, phone=phone, issued_at=at,
                                       is_synthetic=synthetic)
        _event(ticket, "issued", at=at, note=str(priority or ""))
    return ticket


def _next_sequence(agency, day):
    try:
        with transaction.atomic():
            QueueDay.objects.get_or_create(agency=agency, day=day)
    except IntegrityError:  # another process created the day's row first
        pass
    QueueDay.objects.filter(agency=agency, day=day).update(last_number=F("last_number") + 1)
    return QueueDay.objects.values_list("last_number", flat=True).get(agency=agency, day=day)


def _scope(counter):
    """Tickets `counter` may call: those transferred to it, and the waiting ones of its areas (all if none)."""
    areas = list(counter.areas.values_list("pk", flat=True))
    mine = Q(for_counter__isnull=True)
    if areas:
        mine &= Q(area__in=areas) | Q(area__isnull=True)
    return Q(for_counter=counter) | mine


def waiting_for(counter, *, day):
    return Ticket.objects.filter(_scope(counter), agency_id=counter.agency_id, day=day,
                                 status=Ticket.Status.WAITING).order_by("rank", "number")


def counter_of(user, counter_id, agency_ids):
    """Return the counter if it belongs to one of the officer's agencies (`agency_ids`), else refuse."""
    counter = Counter.objects.select_related("agency").filter(pk=counter_id).first()
    if counter is None:
        raise OfficeNotFound(_("Không tìm thấy quầy."))
    if counter.agency_id not in agency_ids:
        raise OfficeForbidden(_("Ông/Bà không phải cán bộ của cơ quan có quầy này."))
    return counter


def ticket_at(counter, ticket_id):
    ticket = Ticket.objects.filter(pk=ticket_id, agency_id=counter.agency_id).first()
    if ticket is None:
        raise OfficeNotFound(_("Không tìm thấy số thứ tự."))
    return ticket


def call_next(counter, *, actor, at):
    """Call the next ticket to `counter` (finishing the one it was serving); return it, or None if none waits."""
    _counter_press(counter)
    day = today(at)
    with transaction.atomic():
        current = Ticket.objects.select_for_update().filter(counter=counter, status=Ticket.Status.CALLED, day=day)
        for ticket in current:
            _finish(ticket, actor=actor, at=at)
        ticket = waiting_for(counter, day=day).select_for_update(skip_locked=True).first()
        if ticket is None:
            return None
        ticket.status, ticket.counter, ticket.officer, ticket.for_counter = Ticket.Status.CALLED, counter, actor, None
        ticket.first_called_at = ticket.first_called_at or at
        ticket.called_at, ticket.call_count = at, ticket.call_count + 1
        ticket.save(update_fields=["status", "counter", "officer", "for_counter", "first_called_at", "called_at",
                                   "call_count"])
        _event(ticket, "called", at=at, actor=actor, counter=counter)
        _text_the_one_near(counter, day)
    return ticket


def _text_the_one_near(counter, day):
    """Text the ticket that now has NEAR_TURN tickets ahead at this counter, once, after the commit."""
    near = list(waiting_for(counter, day=day)[NEAR_TURN:NEAR_TURN + 1])
    if not near or not near[0].phone or near[0].near_sms_sent:
        return
    ticket = near[0]
    if not Ticket.objects.filter(pk=ticket.pk, near_sms_sent=False).update(near_sms_sent=True):
        return
    text = _("Số %(n)s tại %(a)s: còn %(k)s người trước Ông/Bà. Mời Ông/Bà đến gần khu vực quầy.") % {
        "n": ticket.number, "a": counter.agency.name, "k": NEAR_TURN}
    transaction.on_commit(lambda: send_sms(ticket.phone, text, fail_silently=True))


def _counter_press(counter):
    _press(f"counter:{counter.pk}", _("Quầy vừa bấm gọi số quá nhiều lần trong một phút. Vui lòng chờ giây lát rồi "
                                     "bấm lại."))


def _called_here(ticket, counter):
    if ticket.status != Ticket.Status.CALLED or ticket.counter_id != counter.pk:
        raise OfficeConflict(_("Số %(n)s không đang được phục vụ tại quầy này.") % {"n": ticket.number})


def recall(ticket, counter, *, actor, at):
    """Call the same ticket again (the display shows and says it once more)."""
    _counter_press(counter)
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
        _called_here(ticket, counter)
        ticket.called_at, ticket.call_count = at, ticket.call_count + 1
        ticket.save(update_fields=["called_at", "call_count"])
        _event(ticket, "recalled", at=at, actor=actor, counter=counter)
    return ticket


def skip(ticket, counter, *, actor, at):
    """The citizen did not come: the ticket is set aside (vắng mặt)."""
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
        _called_here(ticket, counter)
        ticket.status = Ticket.Status.SKIPPED
        ticket.save(update_fields=["status"])
        _event(ticket, "skipped", at=at, actor=actor, counter=counter)
    return ticket


def transfer(ticket, counter, to_counter, *, actor, at):
    """Send the ticket to another counter of the agency, where it is called before the ordinary queue."""
    if to_counter.agency_id != counter.agency_id or to_counter.pk == counter.pk:
        raise OfficeError(_("Chỉ chuyển được sang một quầy khác của cùng cơ quan."))
    if not to_counter.is_active:
        raise OfficeConflict(_("Quầy %(n)s đang đóng.") % {"n": to_counter.number})
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
        _called_here(ticket, counter)
        ticket.status, ticket.rank, ticket.for_counter, ticket.counter = (
            Ticket.Status.WAITING, Ticket.Rank.TRANSFERRED, to_counter, None)
        ticket.save(update_fields=["status", "rank", "for_counter", "counter"])
        _event(ticket, "transferred", at=at, actor=actor, counter=counter,
               note=_("Chuyển sang quầy %(n)s") % {"n": to_counter.number})
    return ticket


def finish(ticket, counter, *, actor, at):
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
        _called_here(ticket, counter)
        _finish(ticket, actor=actor, at=at)
    return ticket


def _finish(ticket, *, actor, at):
    ticket.status, ticket.done_at = Ticket.Status.DONE, at
    ticket.save(update_fields=["status", "done_at"])
    _event(ticket, "done", at=at, actor=actor, counter=ticket.counter)


def link_dossier(ticket, dossier, *, actor, at):
    """Record the dossier taken at the counter for this ticket (shown on the ticket's page)."""
    if dossier.agency_id != ticket.agency_id:
        raise OfficeError(_("Hồ sơ không thuộc cơ quan đã cấp số thứ tự."))
    Ticket.objects.filter(pk=ticket.pk).update(dossier=dossier)
    ticket.dossier = dossier
    _event(ticket, "dossier", at=at, actor=actor, counter=ticket.counter, note=dossier.public_id)
    return ticket


def _event(ticket, kind, *, at, actor=None, counter=None, note=""):
    TicketEvent.objects.create(ticket=ticket, agency_id=ticket.agency_id, kind=kind, at=at,
                               actor=actor if getattr(actor, "pk", None) else None, counter=counter, note=note[:255])


# -- reading ------------------------------------------------------------------------------------------------


def get_ticket(token):
    ticket = (Ticket.objects.select_related("agency", "area", "procedure__current", "priority", "counter", "dossier")
              .filter(token=token).first())
    if ticket is None:
        raise OfficeNotFound(_("Không tìm thấy số thứ tự này."))
    return ticket


def position(ticket):
    """How many tickets are ahead of `ticket` in its area's queue (0 when it is next or no longer waiting)."""
    if ticket.status != Ticket.Status.WAITING:
        return 0
    ahead = Ticket.objects.filter(agency_id=ticket.agency_id, day=ticket.day, status=Ticket.Status.WAITING).filter(
        Q(rank__lt=ticket.rank) | Q(rank=ticket.rank, number__lt=ticket.number))
    if ticket.for_counter_id:
        return ahead.filter(for_counter_id=ticket.for_counter_id).count()
    if ticket.area_id:
        ahead = ahead.filter(Q(area_id=ticket.area_id) | Q(area__isnull=True))
    return ahead.count()


def estimated_wait_minutes(ticket, ahead=None):
    """Tickets ahead × today's mean service time at the agency (or its setting) ÷ counters open for the area."""
    ahead = position(ticket) if ahead is None else ahead
    if ahead == 0:
        return 0
    mean = (Ticket.objects.filter(agency_id=ticket.agency_id, day=ticket.day, status=Ticket.Status.DONE,
                                  called_at__isnull=False)
            .aggregate(m=Avg(F("done_at") - F("called_at")))["m"])
    minutes = mean / timedelta(minutes=1) if mean else office_settings(ticket.agency).service_minutes
    counters = Counter.objects.filter(agency_id=ticket.agency_id, is_active=True)
    if ticket.area_id:
        counters = counters.filter(Q(areas=ticket.area_id) | Q(areas__isnull=True)).distinct()
    return max(1, round(ahead * minutes / max(1, counters.count())))


def announcement(number, counter_number):
    return _("Mời số %(n)s đến quầy %(c)s") % {"n": number, "c": counter_number}


def display(agency, *, at=None):
    """What the hall display shows: the latest calls (newest first) and how many wait today."""
    day = today(at)
    since = timezone.make_aware(datetime.combine(day, time.min))
    calls = (TicketEvent.objects.filter(agency=agency, kind__in=("called", "recalled"), at__gte=since)
             .order_by("-id").values_list("id", "ticket__number", "counter__number", "at")[:DISPLAY_CALLS])
    waiting = Ticket.objects.filter(agency=agency, day=day, status=Ticket.Status.WAITING).count()
    return {
        "agency": agency.code,
        "agency_name": agency.name,
        "last_call_id": calls[0][0] if calls else 0,
        "calls": [{"id": i, "number": n, "counter": c, "text": announcement(n, c), "at": at_}
                  for i, n, c, at_ in calls],
        "waiting": waiting,
    }
