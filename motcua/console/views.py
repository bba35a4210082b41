"""Staff console: inbox by urgency, one page per dossier with its allowed actions, counter intake, legal forms.

Views parse, call one service (or one query), render. Access goes through dossiers.access.
"""

from django.conf import settings
from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_http_methods, require_POST

from motcua.catalogue.models import Procedure
from motcua.catalogue.queries import find_procedures
from motcua.dossiers import in_force
from motcua.dossiers.access import get_dossier_for_staff
from motcua.dossiers.actions import ACTIONS, take
from motcua.dossiers.forms import FORMS, render_signed
from motcua.dossiers.forms.adapter import form_data
from motcua.dossiers.models import Channel, DossierFile
from motcua.dossiers.services import (
    Applicant,
    ComponentInput,
    channel_for,
    control_sheet,
    needs_time_limit,
    submit_dossier,
)
from motcua.dossiers.services.queries import actions_for, inbox, staff_history
from motcua.dossiers.tracking import tracking_of
from motcua.guides.applicable import LOOKUP, plan_for
from motcua.lib.errors import DomainError
from motcua.office.intake import after_counter_intake
from motcua.office.programmes import clock as programme_clock
from motcua.units.access import agency_ids_of, staff_only
from motcua.units.models import ViewRecord

from .actions import build_form
from .forms import CounterIntakeForm

Page = ViewRecord.Page


@staff_only
@require_http_methods(["GET", "POST"])
def home(request):
    """The inbox; the search form posts, so a phone or ID number searched for never enters an address or a log.

    A `?q=` link (a dossier code) still searches codes, references and names, never phone or ID numbers.
    """
    posted = request.method == "POST"
    q = (request.POST if posted else request.GET).get("q", "")
    rows = inbox(request.user, now=timezone.now(), q=q, personal=posted)
    return render(request, "console/inbox.html", {"rows": rows, "q": q})


def _detail(request, dossier, *, forms=None, error=None, status=200):
    names = actions_for(dossier, request.user)
    forms = forms or {}
    actions = [{"name": n, "action": ACTIONS[n], "form": forms.get(n) or build_form(n, dossier, request.user)}
               for n in names]
    context = {
        "d": dossier, "t": tracking_of(dossier), "actions": actions, "error": error,
        "components": dossier.components.prefetch_related("files"), "route": control_sheet(dossier),
        "events": staff_history(dossier),
        "fees": dossier.fees.all(), "forms": FORMS.values(), "fresh": request.GET.get("moi") == "1",
        "programme_clock": programme_clock(dossier),
    }
    return render(request, "console/dossier.html", context, status=status)


@staff_only
def dossier_page(request, code):
    return _detail(request, get_dossier_for_staff(request.user, code, page=Page.CONSOLE_DOSSIER))


@staff_only
@require_POST
def dossier_action(request, code, name):
    dossier = get_dossier_for_staff(request.user, code, page=Page.CONSOLE_ACTION, detail=name)
    if name not in ACTIONS:
        raise Http404
    form = build_form(name, dossier, request.user, request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, dossier, forms={name: form}, error="Thông tin chưa hợp lệ, xem lại biểu mẫu.",
                       status=400)
    action = ACTIONS[name]
    try:
        dossier = take(name, dossier, actor=request.user, at=timezone.now(), params=form.cleaned_data)
    except DomainError as e:
        return _detail(request, dossier, forms={name: form}, error=e.message, status=e.status)
    messages.success(request, f"Đã thực hiện: {action.label}.")
    url = reverse("console:dossier", args=[dossier.public_id])
    return redirect(url + (f"?mau={action.form_number}" if action.form_number else ""))


@staff_only
@xframe_options_sameorigin
@csp_override({**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]})
def form_pdf(request, code, number):
    dossier = get_dossier_for_staff(request.user, code, page=Page.CONSOLE_FORM, detail=f"Mẫu {number}")
    if number not in FORMS:
        raise Http404
    pdf = render_signed(number, form_data(dossier), dossier.agency)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="mau-{number}-{dossier.public_id}.pdf"'
    return response


@staff_only
def dossier_file(request, code, file_id):
    dossier = get_dossier_for_staff(request.user, code, page=Page.CONSOLE_FILE, detail=str(file_id))
    stored = get_object_or_404(DossierFile, pk=file_id, component__dossier=dossier)
    return FileResponse(default_storage.open(stored.file.name, "rb"), content_type=stored.content_type,
                        filename=stored.original_name)


def _procedure_choices(user):
    mine = agency_ids_of(user)
    qs = Procedure.objects.filter(current__isnull=False).select_related("current")
    local = qs.filter(agencies__in=mine).distinct()
    return (local if local.exists() else qs).order_by("code")[:500]


def _intake_input(form):
    c = form.cleaned_data
    applicant = Applicant(name=c["applicant_name"], kind=c["applicant_kind"], id_number=c["applicant_id_number"],
                          phone=c["applicant_phone"], email=c["applicant_email"], address=c["applicant_address"])
    papers = [ComponentInput(component=p.component, name=p.label, originals=c[f"{p.key}_originals"],
                             copies=c[f"{p.key}_copies"], from_data_store=p.kind == LOOKUP,
                             files=[c[f"{p.key}_file"]] if c[f"{p.key}_file"] else [])
              for p in form.papers if c[f"{p.key}_got"]]
    return applicant, papers


SITUATION_PARAM = "th_"  # ?th_<question key>=<answer key> picks the applicant's situation on the intake page


def _situation(request):
    return {k.removeprefix(SITUATION_PARAM): v for k, v in request.GET.items() if k.startswith(SITUATION_PARAM)}


def _typed_procedure(user, typed):
    """The procedure an officer typed: its code (as the list offers it), else the matches of a search by name."""
    version = in_force.for_intake(typed.split(" ")[0])[0]  # the shared cache's, as the API's intake reads it
    if version is not None:
        return version.procedure, []
    mine = agency_ids_of(user)
    matches = [p for p in find_procedures(typed)[:40]]
    local = [p for p in matches if set(p.agencies.values_list("pk", flat=True)) & mine]
    matches = (local or matches)[:20]
    return (matches[0], []) if len(matches) == 1 else (None, matches)


@staff_only
def counter_intake(request):
    from .office_views import intake_ticket

    typed = request.GET.get("thu_tuc", "").strip()
    ticket = intake_ticket(request)
    if not typed:
        return render(request, "console/intake_pick.html", {"procedures": _procedure_choices(request.user),
                                                            "ticket": ticket})
    procedure, matches = _typed_procedure(request.user, typed)
    if procedure is None:
        return render(request, "console/intake_pick.html", {
            "procedures": _procedure_choices(request.user), "ticket": ticket, "typed": typed, "matches": matches},
            status=200 if matches else 404)
    version = procedure.current
    plan = plan_for(version, _situation(request), channel=Channel.DIRECT)
    form = CounterIntakeForm(request.POST or None, request.FILES or None, user=request.user, papers=plan.papers,
                             needs_time_limit=needs_time_limit(channel_for(version, Channel.DIRECT)))
    error, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            applicant, papers = _intake_input(form)
            c = form.cleaned_data
            try:
                dossier = submit_dossier(version, channel=Channel.DIRECT, applicant=applicant, components=papers,
                                         at=timezone.now(), actor=request.user, agency=c["agency"],
                                         delivery=c["delivery"], delivery_address=c["delivery_address"],
                                         notes=c["notes"], idempotency_key=c["idempotency_key"],
                                         time_limit_days=c.get("time_limit_days"), situation=plan.answers)
            except DomainError as e:
                error, status = e.message, e.status
            else:
                after_counter_intake(dossier, ticket=ticket, actor=request.user, at=dossier.accepted_at or timezone.now())
                messages.success(request, "Đã tiếp nhận hồ sơ. In giấy tiếp nhận và hẹn trả kết quả cho công dân.")
                return redirect(reverse("console:dossier", args=[dossier.public_id]) + "?mau=01")
        else:
            error, status = "Thông tin chưa hợp lệ, xem lại các ô đánh dấu đỏ.", 400
    return render(request, "console/intake.html",
                  {"form": form, "version": version, "procedure": procedure, "error": error, "ticket": ticket,
                   "plan": plan, "situation_param": SITUATION_PARAM,
                   "situation": [(q, [(a, plan.answers.get(q.key) == a.key) for a in q.answers.all()])
                                 for q in plan.questions]},
                  status=status)
