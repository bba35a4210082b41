"""Staff pages of the one-stop office: the counter (call next, recall, skip, transfer, done, help given), the
appointments of the day, programmes and their compliance, home visits, measured waiting. Thin views."""

from datetime import datetime, timedelta

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from motcua.dossiers.services import Applicant, ComponentInput
from motcua.lib.errors import DomainError
from motcua.office import extras, home_visits, programmes, queue, waiting
from motcua.office.errors import OfficeError, OfficeNotFound
from motcua.office.models import Appointment, Counter, ExtraService, ExtraServiceGiven, HomeTeam, HomeVisit, Ticket
from motcua.units.access import agency_ids_of, is_leader, staff_only
from motcua.units.models import Agency

T = "console/office/"


def _visible_agencies(user):
    """Leaders see every agency; other staff their own."""
    if is_leader(user):
        return Agency.objects.all()
    return Agency.objects.filter(pk__in=agency_ids_of(user))


@staff_only
def counters(request):
    rows = Counter.objects.filter(agency_id__in=agency_ids_of(request.user)).select_related("agency", "officer")
    return render(request, T + "counters.html", {"counters": rows})


def _counter_context(request, counter):
    day = queue.today()
    serving = counter.tickets.filter(status="called", day=day).select_related("priority", "procedure__current",
                                                                                "dossier").first()
    return {"counter": counter, "serving": serving, "waiting": queue.waiting_for(counter, day=day)
            .select_related("priority", "area")[:15], "others": Counter.objects.filter(agency=counter.agency,
                                                                                       is_active=True)
            .exclude(pk=counter.pk), "services": extras.services(),
            "given": serving.extras.select_related("service") if serving else []}


@staff_only
def counter_page(request, counter_id):
    counter = queue.counter_of(request.user, counter_id, agency_ids_of(request.user))
    return render(request, T + "counter.html", _counter_context(request, counter))


@staff_only
@require_POST
def counter_act(request, counter_id, action):
    counter = queue.counter_of(request.user, counter_id, agency_ids_of(request.user))
    now, p = timezone.now(), request.POST
    try:
        if action == "goi-tiep":
            if counter.officer_id != request.user.pk:
                Counter.objects.filter(pk=counter.pk).update(officer=request.user)
            ticket = queue.call_next(counter, actor=request.user, at=now)
            if ticket is None:
                messages.info(request, "Không còn ai đang chờ.")
        else:
            ticket = queue.ticket_at(counter, p.get("ve"))
            if action == "goi-lai":
                queue.recall(ticket, counter, actor=request.user, at=now)
            elif action == "vang-mat":
                queue.skip(ticket, counter, actor=request.user, at=now)
            elif action == "chuyen-quay":
                to = queue.counter_of(request.user, p.get("quay_moi"), {counter.agency_id})
                queue.transfer(ticket, counter, to, actor=request.user, at=now)
            elif action == "xong":
                queue.finish(ticket, counter, actor=request.user, at=now)
            elif action == "tien-ich":
                service = get_object_or_404(ExtraService, pk=p.get("dich_vu"))
                extras.record(ticket, service, quantity=p.get("so_luong", 1), officer=request.user, at=now)
            else:
                raise OfficeNotFound("Thao tác không hợp lệ.")
    except DomainError as e:
        context = _counter_context(request, counter)
        context["error"] = e.message
        return render(request, T + "counter.html", context, status=e.status)
    return redirect("console:office_counter", counter_id=counter.pk)


@staff_only
def appointment_list(request):
    today = timezone.localdate()
    start = timezone.make_aware(datetime.combine(today, datetime.min.time()))
    rows = (Appointment.objects.filter(agency_id__in=agency_ids_of(request.user), starts_at__gte=start,
                                       starts_at__lt=start + timedelta(days=8))
            .select_related("agency", "procedure__current", "ticket").order_by("starts_at"))
    return render(request, T + "appointments.html", {"rows": rows})


@staff_only
def programme_dashboard(request):
    return render(request, T + "programmes.html", {"rows": programmes.programmes_with_results()})


@staff_only
def waiting_dashboard(request):
    agencies = _visible_agencies(request.user)
    since, report = waiting.recent(agencies=agencies)
    given = ExtraServiceGiven.objects.filter(agency__in=agencies, at__date__gte=since)
    return render(request, T + "waiting.html",
                  {"report": report, "days": waiting.RECENT_DAYS, "extras": extras.report(given)})


@staff_only
def home_visit_list(request):
    visits = HomeVisit.objects.filter(agency__in=_visible_agencies(request.user)).select_related(
        "agency", "team", "procedure")
    return render(request, T + "home_visits.html", {"rows": visits[:200], "report": home_visits.report(visits)})


def _visit(request, code):
    return get_object_or_404(HomeVisit.objects.select_related("agency", "team", "procedure__current"),
                             code=code, agency__in=_visible_agencies(request.user))


def _visit_context(visit, error=None):
    version = visit.procedure.current if visit.procedure_id and visit.procedure.current_id else None
    return {"v": visit, "teams": home_visits.teams_of(visit.agency), "error": error,
            "components": version.components.all() if version else [], "dossiers": visit.dossiers.all()}


@staff_only
def home_visit_page(request, code):
    return render(request, T + "home_visit.html", _visit_context(_visit(request, code)))


@staff_only
@require_POST
def home_visit_act(request, code, action):
    visit, p, now = _visit(request, code), request.POST, timezone.now()
    try:
        if action == "phan-cong":
            team = get_object_or_404(HomeTeam, pk=p.get("to"))
            try:
                slot = timezone.make_aware(datetime.strptime(p.get("gio_hen", ""), "%Y-%m-%dT%H:%M"))
            except ValueError:
                slot = None
            home_visits.assign(visit, team, slot, actor=request.user, at=now)
        elif action == "nop-truc-tuyen":
            if not visit.procedure_id:
                raise OfficeError("Đề nghị chưa có mã thủ tục: ghi mã thủ tục trước khi nộp hồ sơ.")
            version = visit.procedure.current
            papers = [ComponentInput(component=c, files=[request.FILES[f"c{c.pk}"]])
                      for c in version.components.all() if request.FILES.get(f"c{c.pk}")]
            applicant = Applicant(name=p.get("ho_ten") or visit.person_name, id_number=p.get("cccd", ""),
                                  phone=p.get("dien_thoai") or visit.person_phone or visit.requester_phone,
                                  address=visit.address)
            dossier = home_visits.file_online(visit, version, applicant=applicant, components=papers,
                                              actor=request.user, at=now, agency=visit.agency)
            messages.success(request, f"Đã nộp hồ sơ trực tuyến {dossier.public_id} cùng người dân.")
        elif action == "ket-thuc":
            rating = int(p["danh_gia"]) if p.get("danh_gia") else None
            home_visits.close_visit(visit, rating=rating, note=p.get("y_kien", ""), actor=request.user, at=now)
        else:
            raise OfficeError("Thao tác không hợp lệ.")
    except DomainError as e:
        return render(request, T + "home_visit.html", _visit_context(visit, e.message), status=e.status)
    return redirect("console:office_home_visit", code=visit.code)


def intake_ticket(request):
    """The ticket a counter intake is for (?ve=<id>), if it belongs to the officer's agencies."""
    ticket_id = request.GET.get("ve") or request.POST.get("ve")
    if not ticket_id or not str(ticket_id).isdigit():
        return None
    return Ticket.objects.filter(pk=ticket_id, agency_id__in=agency_ids_of(request.user)).first()


def intake_url(ticket):
    url = reverse("console:intake")
    if ticket.procedure_id:
        return f"{url}?thu_tuc={ticket.procedure.code}&ve={ticket.pk}"
    return f"{url}?ve={ticket.pk}"

