"""Public pages of the one-stop office: the ticket kiosk, a ticket's page (QR target, rating), the hall display and
its voice, appointments, programmes, requests for help at home, the waiting-time board.

Thin: parse, call one office service, render. Refusals are shown with their Vietnamese message and status.
"""

import functools
from datetime import date, datetime

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.catalogue.models import Procedure
from motcua.lib.errors import DomainError
from motcua.office import appointments, home_visits, lookup, printing, programmes, queue, speech, waiting
from motcua.office.errors import OfficeError
from motcua.office.links import ticket_url
from motcua.office.models import HomeVisit, PriorityGroup, ServiceArea
from motcua.office.rating import rate_ticket
from motcua.ratings.scale import Score
from motcua.units.models import Agency

T = "portal/office/"


def _refused(request, exc):
    return render(request, T + "refused.html", {"message": exc.message}, status=exc.status)


def _agency_procedures(agency):
    return Procedure.objects.filter(agencies=agency, current__isnull=False).select_related("current").order_by("code")


@require_http_methods(["GET", "POST"])
def kiosk(request, agency_code):
    try:
        agency = lookup.agency(agency_code)
    except DomainError as e:
        return _refused(request, e)
    context = {"agency": agency, "areas": ServiceArea.objects.filter(agency=agency),
               "procedures": _agency_procedures(agency)[:300],
               "groups": PriorityGroup.objects.filter(is_active=True), "error": None}
    if request.method == "POST":
        p = request.POST
        try:
            if p.get("lich_hen", "").strip():
                ticket = appointments.check_in(agency, p["lich_hen"], at=timezone.now())
            else:
                ticket = queue.issue_ticket(agency, at=timezone.now(), area=lookup.area(agency, p.get("khu_vuc")),
                                            procedure=lookup.procedure(p.get("thu_tuc"), required=False),
                                            priority=lookup.priority(p.get("uu_tien")), phone=p.get("dien_thoai", ""),
                                            kiosk=request.META.get("REMOTE_ADDR", ""))
        except DomainError as e:
            context["error"] = e.message
            return render(request, T + "kiosk.html", context, status=e.status)
        return redirect(reverse("portal:office_ticket", args=[ticket.token]) + "?may=1")
    return render(request, T + "kiosk.html", context)


def _ticket_context(ticket):
    ahead = queue.position(ticket)
    return {"t": ticket, "ahead": ahead, "wait": queue.estimated_wait_minutes(ticket, ahead),
            "url": ticket_url(ticket), "scores": list(reversed(Score.choices))}


def _with_ticket(view):
    """Calls `view(request, ticket, ...)` with the ticket of the address's token, or answers the refusal page."""

    @functools.wraps(view)
    def wrapped(request, token, **kwargs):
        try:
            ticket = queue.get_ticket(token)
        except DomainError as e:
            return _refused(request, e)
        return view(request, ticket, **kwargs)

    return wrapped


@require_GET
@_with_ticket
def ticket_page(request, ticket):
    context = _ticket_context(ticket)
    context.update(qr=printing.qr_svg(context["url"]), kiosk=request.GET.get("may") == "1")
    return render(request, T + "ticket.html", context)


@require_GET
def ticket_status(request, token):
    try:
        ticket = queue.get_ticket(token)
    except DomainError as e:
        return JsonResponse({"detail": e.message}, status=e.status)
    c = _ticket_context(ticket)
    return JsonResponse({"number": ticket.number, "status": ticket.status, "status_label": ticket.get_status_display(),
                         "position": c["ahead"], "estimated_wait_minutes": c["wait"],
                         "counter": ticket.counter.number if ticket.counter_id else None,
                         "rated": ticket.rating_id is not None})


@require_GET
@_with_ticket
def ticket_print(request, ticket, fmt):
    c = _ticket_context(ticket)
    if fmt not in ("pdf", "escpos"):
        return _refused(request, OfficeError("Định dạng phiếu không hợp lệ.", status=404))
    if fmt == "pdf":
        body = printing.ticket_pdf(ticket, c["url"], position=c["ahead"], wait_minutes=c["wait"])
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="so-{ticket.number}.pdf"'
        return response
    body = printing.ticket_escpos(ticket, c["url"], position=c["ahead"], wait_minutes=c["wait"])
    response = HttpResponse(body, content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="so-{ticket.number}.escpos"'
    return response


@require_POST
def ticket_rate(request, token):
    try:
        ticket = queue.get_ticket(token)
        rate_ticket(ticket, request.POST.get("score"), at=timezone.now())
    except DomainError as e:
        return _refused(request, e)
    return redirect("portal:office_ticket", token=token)


@require_GET
def hall_display(request, agency_code):
    try:
        agency = lookup.agency(agency_code)
    except DomainError as e:
        return _refused(request, e)
    return render(request, T + "display.html", {"agency": agency, "state": queue.display(agency)})


@require_GET
def voice(request):
    try:
        number, counter = int(request.GET.get("so", "")), int(request.GET.get("quay", ""))
    except ValueError:
        return HttpResponse("Thiếu số thứ tự hoặc số quầy.", status=400, content_type="text/plain; charset=utf-8")
    try:
        data = speech.wav(queue.announcement(number, counter))
    except DomainError as e:
        return HttpResponse(e.message, status=e.status, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type="audio/wav")
    response["Cache-Control"] = "public, max-age=86400"
    return response


# -- appointments ---------------------------------------------------------------------------------------------


def _parse_day(text):
    try:
        return datetime.strptime(text, "%d/%m/%Y").date() if "/" in text else date.fromisoformat(text)
    except ValueError:
        return None


@require_http_methods(["GET", "POST"])
def book(request):
    g = request.POST if request.method == "POST" else request.GET
    context = {"agencies": Agency.objects.filter(kind__in=[Agency.Kind.COMMUNE_PC, Agency.Kind.CENTRE,
                                                           Agency.Kind.BRANCH], is_active=True)
               .filter(counters__isnull=False).distinct(), "q": g, "slots": None, "error": None}
    status = 200
    try:
        if g.get("co_quan"):
            agency = lookup.agency(g["co_quan"])
            context.update(agency=agency, procedures=_agency_procedures(agency))
            if g.get("thu_tuc") and g.get("ngay"):
                procedure = lookup.procedure(g["thu_tuc"])
                day = _parse_day(g["ngay"])
                if day is None:
                    raise OfficeError("Ngày không hợp lệ (dd/mm/yyyy).")
                context.update(procedure=procedure, day=day)
                if request.method == "POST":
                    starts_at = timezone.make_aware(datetime.combine(day, datetime.strptime(g.get("gio", ""), "%H:%M")
                                                                     .time())) if g.get("gio") else None
                    if starts_at is None:
                        raise OfficeError("Chọn một khung giờ.")
                    a = appointments.book(agency, procedure, starts_at, name=g.get("ho_ten", ""),
                                          phone=g.get("dien_thoai", ""), email=g.get("email", ""),
                                          citizen=request.user, now=timezone.now())
                    request.session[_appointment_key(a.code)] = a.phone  # the second factor, kept out of the URL
                    return redirect(reverse("portal:office_appointment", args=[a.code]))
                context["slots"] = appointments.slots(agency, procedure, day, now=timezone.now())
    except (DomainError, ValueError) as e:
        context["error"] = getattr(e, "message", "Giờ hẹn không hợp lệ.")
        status = getattr(e, "status", 400)
    return render(request, T + "book.html", context, status=status)


def _appointment_key(code):
    return f"lich-hen:{code.strip().upper()}"


@require_http_methods(["GET", "POST"])
def appointment_page(request, code):
    """The phone number proves the booking: posted in the form, or held in the session since booking; never in
    the address, where it would reach histories and access logs."""
    phone = request.POST.get("dien_thoai") or request.session.get(_appointment_key(code), "")
    try:
        a = appointments.get_appointment(code, phone)
        request.session[_appointment_key(code)] = a.phone
        if request.method == "POST" and request.POST.get("huy"):
            a = appointments.cancel(a, now=timezone.now(), actor=request.user)
    except DomainError as e:
        return render(request, T + "appointment.html", {"code": code, "error": e.message}, status=e.status)
    return render(request, T + "appointment.html", {"a": a, "code": code, "phone": phone})


# -- programmes, waiting, help at home -------------------------------------------------------------------------


@require_GET
def programme_list(request):
    return render(request, T + "programmes.html", {"rows": programmes.programmes_with_results()})


@require_GET
def waiting_board(request):
    _, report = waiting.recent()
    return render(request, T + "waiting.html", {"report": report, "days": waiting.RECENT_DAYS})


@require_http_methods(["GET", "POST"])
def home_visit_request(request):
    communes = Agency.objects.filter(kind=Agency.Kind.COMMUNE_PC, is_active=True, home_teams__isnull=False).distinct()
    context = {"communes": communes, "reasons": HomeVisit.Reason.choices, "q": request.POST, "error": None}
    if request.method == "POST":
        p = request.POST
        try:
            visit = home_visits.request_visit(
                lookup.agency(p.get("co_quan")), requester=p.get("nguoi_de_nghi", "citizen"),
                requester_name=p.get("ho_ten_nguoi_de_nghi", ""), requester_phone=p.get("dien_thoai_nguoi_de_nghi", ""),
                person_name=p.get("ho_ten", ""), person_phone=p.get("dien_thoai", ""), address=p.get("dia_chi", ""),
                procedure=lookup.procedure(p.get("thu_tuc"), required=False), procedure_text=p.get("viec_can_lam", ""),
                reason=p.get("ly_do", ""), reason_note=p.get("mo_ta", ""), at=timezone.now(), created_by=request.user,
                client=request.META.get("REMOTE_ADDR", ""))
        except DomainError as e:
            context["error"] = e.message
            return render(request, T + "home_visit.html", context, status=e.status)
        return render(request, T + "home_visit_done.html", {"visit": visit})
    return render(request, T + "home_visit.html", context)
