"""The one-stop office over JSON: kiosks take tickets, displays read the calls, counters call, citizens book
appointments and ask for help at home; programmes and their results. Errors are {"detail": "<Vietnamese>"}."""

from datetime import date, datetime

from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.security import django_auth

from motcua.office import appointments, home_visits, lookup, programmes, queue
from motcua.office.errors import OfficeError
from motcua.office.links import ticket_url
from motcua.office.models import HomeVisit
from motcua.units.access import agency_ids_of

router = Router()


class Error(Schema):
    detail: str


ERRORS = {400: Error, 403: Error, 404: Error, 409: Error, 429: Error}


class TicketIn(Schema):
    agency: str
    area_id: int | None = None
    procedure: str | None = None
    priority: str | None = None  # a PriorityGroup code, e.g. "nguoi-cao-tuoi"
    phone: str = ""
    appointment_code: str | None = None  # arriving with a booking: a priority ticket


class TicketOut(Schema):
    number: int
    agency: str
    position: int
    estimated_wait_minutes: int
    priority: str | None
    status: str
    counter: int | None
    token: str
    follow_url: str


def ticket_out(ticket):
    ahead = queue.position(ticket)
    return {"number": ticket.number, "agency": ticket.agency.code, "position": ahead,
            "estimated_wait_minutes": queue.estimated_wait_minutes(ticket, ahead),
            "priority": ticket.priority.name if ticket.priority_id else None, "status": ticket.status,
            "counter": ticket.counter.number if ticket.counter_id else None, "token": ticket.token,
            "follow_url": ticket_url(ticket)}


@router.post("/queue/tickets", response={201: TicketOut, **ERRORS}, tags=["Xếp hàng"], summary="Lấy số thứ tự")
def take_ticket(request, payload: TicketIn):
    agency = lookup.agency(payload.agency)
    now = timezone.now()
    if payload.appointment_code:
        ticket = appointments.check_in(agency, payload.appointment_code, at=now)
    else:
        ticket = queue.issue_ticket(agency, at=now, area=lookup.area(agency, payload.area_id),
                                    procedure=lookup.procedure(payload.procedure, required=False),
                                    priority=lookup.priority(payload.priority), phone=payload.phone,
                                    kiosk=request.META.get("REMOTE_ADDR", ""))
    return Status(201, ticket_out(ticket))


@router.get("/queue/tickets/{token}", response={200: TicketOut, 404: Error}, tags=["Xếp hàng"],
            summary="Theo dõi lượt của một số thứ tự")
def follow_ticket(request, token: str):
    return ticket_out(queue.get_ticket(token))


class CallOut(Schema):
    id: int
    number: int
    counter: int
    text: str
    at: datetime


class DisplayOut(Schema):
    agency: str
    agency_name: str
    last_call_id: int
    calls: list[CallOut]
    waiting: int


@router.get("/queue/{agency_code}/display", response={200: DisplayOut, 404: Error}, tags=["Xếp hàng"],
            summary="Màn hình gọi số: các lượt mời gần nhất")
def display(request, agency_code: str):
    return queue.display(lookup.agency(agency_code))


class CounterActionIn(Schema):
    ticket_id: int | None = None  # recall, skip, transfer, done: the ticket being served
    to_counter: int | None = None  # transfer: the id of the other counter


class CounterActionOut(Schema):
    ticket: int | None
    number: int | None
    status: str | None


COUNTER_ACTIONS = {"recall": queue.recall, "skip": queue.skip, "done": queue.finish}


@router.post("/queue/counters/{counter_id}/{action}", response={200: CounterActionOut, **ERRORS}, auth=django_auth,
             tags=["Xếp hàng"], summary="Quầy: gọi số tiếp theo (call), gọi lại, bỏ qua, chuyển quầy, hoàn thành")
def counter_action(request, counter_id: int, action: str, payload: CounterActionIn):
    counter = queue.counter_of(request.user, counter_id, agency_ids_of(request.user))
    now = timezone.now()
    if action == "call":
        ticket = queue.call_next(counter, actor=request.user, at=now)
    elif action == "transfer":
        to = queue.counter_of(request.user, payload.to_counter, {counter.agency_id})
        ticket = queue.transfer(queue.ticket_at(counter, payload.ticket_id), counter, to, actor=request.user, at=now)
    elif action in COUNTER_ACTIONS:
        ticket = COUNTER_ACTIONS[action](queue.ticket_at(counter, payload.ticket_id), counter, actor=request.user,
                                         at=now)
    else:
        raise OfficeError("Thao tác không hợp lệ: chọn call, recall, skip, transfer hoặc done.", status=404)
    if ticket is None:
        return {"ticket": None, "number": None, "status": None}
    return {"ticket": ticket.pk, "number": ticket.number, "status": ticket.status}


class SlotOut(Schema):
    starts_at: datetime
    capacity: int
    booked: int
    free: int


@router.get("/appointments/slots", response={200: list[SlotOut], **ERRORS}, tags=["Đặt lịch hẹn"],
            summary="Khung giờ còn nhận đặt lịch")
def slots(request, agency: str, procedure: str, date: date):
    return appointments.slots(lookup.agency(agency), lookup.procedure(procedure), date, now=timezone.now())


class AppointmentIn(Schema):
    agency: str
    procedure: str
    starts_at: datetime
    name: str
    phone: str
    email: str = ""


class AppointmentOut(Schema):
    code: str
    agency: str
    procedure: str
    starts_at: datetime
    status: str


def appointment_out(a):
    return {"code": a.code, "agency": a.agency.code, "procedure": a.procedure.code, "starts_at": a.starts_at,
            "status": a.status}


@router.post("/appointments", response={201: AppointmentOut, **ERRORS}, tags=["Đặt lịch hẹn"], summary="Đặt lịch hẹn")
def book(request, payload: AppointmentIn):
    starts_at = payload.starts_at if timezone.is_aware(payload.starts_at) else timezone.make_aware(payload.starts_at)
    appointment = appointments.book(lookup.agency(payload.agency), lookup.procedure(payload.procedure), starts_at,
                                    name=payload.name, phone=payload.phone, email=payload.email,
                                    citizen=request.user, now=timezone.now())
    return Status(201, appointment_out(appointment))


class CancelIn(Schema):
    phone: str


@router.post("/appointments/{code}/cancel", response={200: AppointmentOut, **ERRORS}, tags=["Đặt lịch hẹn"],
             summary="Hủy lịch hẹn (cần số điện thoại đã đặt)")
def cancel(request, code: str, payload: CancelIn):
    appointment = appointments.get_appointment(code, payload.phone)
    return appointment_out(appointments.cancel(appointment, now=timezone.now()))


class ComplianceOut(Schema):
    dossiers: int
    returned: int
    within: int
    share: float | None
    median_minutes: float | None


class ProgrammeOut(Schema):
    name: str
    agencies: list[str]
    procedures: list[str]
    target_minutes: int | None
    while_you_wait: bool
    days: list[int]  # 0 = Monday … 6 = Sunday
    starts_on: date | None
    ends_on: date | None
    deciding_document: str
    source_note: str
    compliance: ComplianceOut | None


@router.get("/programmes", response=list[ProgrammeOut], tags=["Chương trình"],
            summary="Các chương trình rút ngắn thời gian và kết quả thực hiện")
def list_programmes(request):
    return [{"name": r["programme"].name, "agencies": [a.code for a in r["programme"].agencies.all()],
             "procedures": [p.code for p in r["programme"].procedures.all()],
             "target_minutes": r["programme"].target_minutes, "while_you_wait": r["programme"].while_you_wait,
             "days": r["programme"].weekday_list, "starts_on": r["programme"].starts_on,
             "ends_on": r["programme"].ends_on, "deciding_document": r["programme"].deciding_document,
             "source_note": r["programme"].source_note, "compliance": r["compliance"]}
            for r in programmes.programmes_with_results()]


class HomeVisitIn(Schema):
    agency: str  # the UBND xã/phường, e.g. "T01-X09832"
    requester: str = "citizen"  # citizen | relative | hotline (an officer of the commune, signed in)
    requester_name: str
    requester_phone: str
    person_name: str
    person_phone: str = ""
    address: str
    procedure: str | None = None
    procedure_text: str = ""
    reason: str  # age | disability | illness | other
    reason_note: str = ""


class HomeVisitOut(Schema):
    code: str
    agency: str
    status: str
    status_label: str


@router.post("/home-visits", response={201: HomeVisitOut, **ERRORS}, tags=["Hỗ trợ tại nhà"],
             summary="Đề nghị tổ cơ động đến hỗ trợ tại nhà")
def request_home_visit(request, payload: HomeVisitIn):
    data = payload.dict()
    agency = lookup.agency(data.pop("agency"))
    procedure = lookup.procedure(data.pop("procedure"), required=False)
    visit = home_visits.request_visit(agency, procedure=procedure, at=timezone.now(), created_by=request.user,
                                      client=request.META.get("REMOTE_ADDR", ""), **data)
    return Status(201, {"code": visit.code, "agency": agency.code, "status": visit.status,
                        "status_label": str(HomeVisit.Status(visit.status).label)})
