"""Every HTML page of the site, discovered from the URLconf, with arguments from a small test city.

`page_urls(city)` lists the URLs the phone-width and accessibility checks visit. Each named route of the
`portal` and `console` namespaces is either given arguments in `ARGUMENTS` (so it is visited) or listed in
`NOT_PAGES` with the reason; a new route that is in neither makes `unlisted_routes()` non-empty and the
width test fails, so a new page cannot escape the check.
"""

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from motcua.assistant.review import REVIEW_PERMISSION
from motcua.catalogue.importer import import_catalogue

SAMPLE_CATALOGUE = Path(__file__).parents[2] / "motcua" / "catalogue" / "tests" / "data" / "dvcqg_sample.jsonl"
NAMESPACES = ("portal", "console")

# Routes that are not pages a person reads: files, POST-only actions, redirects.
NOT_PAGES = {
    "portal:board_export": "CSV/Excel download",
    "portal:survey_qr": "SVG image",
    "portal:office_voice": "WAV sound of the hall's announcement",
    "portal:stored_paper_file": "a stored paper's file",
    "portal:counter_device_submit": "POST endpoint of the counter tablet",
    "portal:counter_device_claim": "redirects to the tablet page",
    "portal:feedback_confirm": "POST action",
    "portal:feedback_reopen": "POST action",
    "portal:feedback_supply": "POST action",
    "portal:track_supply": "POST action",
    "portal:logout": "POST action",
    "portal:identity_start": "redirects to the national identity provider (a sandbox process, not started here)",
    "portal:identity_return": "the identity provider's return address",
    "portal:pay": "POST action, redirects to the payment provider",
    "portal:withdraw": "POST action",
    "console:action": "POST action",
    "console:feedback_act": "POST action",
    "console:assistant_resolve": "POST action (the review queue's answer to one question)",
    "console:form_pdf": "PDF file",
    "console:health_pilot_export": "report download (CSV/Excel)",
    "console:office_counter_act": "POST action",
    "console:office_home_visit_act": "POST action",
    "portal:office_ticket_status": "JSON polled by the ticket page",
    "portal:office_ticket_print": "printable ticket file",
    "portal:office_ticket_rate": "POST action",
    "console:file": "uploaded file",
}

# Who must be signed in to see a page: console pages "staff" (Lan, reception at the centre) unless listed here;
# "head" is Minh, head at Sở Tư pháp (its dashboard, the feedback routed to it, the assistant's review queue,
# whose permission he is given here); "ward" is Thu, reception at Xã
# Hoài Đức (its home visits); "citizen" is Ánh.
SIGNED_IN = {"portal:my_dossiers": "citizen", "portal:data_store": "citizen", "portal:my_dossier": "citizen", "portal:supply": "citizen",
             "portal:sandbox_payment": "citizen", "console:dashboard_unit": "head", "console:feedback_detail": "head",
             "console:office_home_visit": "ward",
             "console:view_records": "head", "console:assistant_queue": "head"}


@dataclass
class City:
    world: object
    dossier: object  # accepted at the counter, held by the centre
    online: object  # submitted online by Ánh, waiting for acceptance
    feedback: object
    survey: object
    device: object
    rating_token: str
    office: object  # motcua/office/tests/world.py
    ticket: object
    appointment: object
    visit: object


def build_city():
    """The office's test world (console world, counters, a ward) plus real catalogue records, a dossier of each
    channel, published feedback, a survey, a queue ticket, an appointment and a home visit."""
    from motcua.dossiers.services import Applicant, ComponentInput, submit_dossier
    from motcua.feedback import services as feedback
    from motcua.feedback.models import Category, Channel
    from motcua.office.tests.world import build_office_world
    from motcua.ratings.models import CounterDevice
    from motcua.ratings.services.evaluations import evaluation_token
    from motcua.ratings.services.surveys import create_survey_from_template

    office = build_office_world()
    world = office.base
    import_catalogue(SAMPLE_CATALOGUE)
    now = timezone.now()
    first = world.version.components.first()
    dossier = submit_dossier(world.version, channel="direct", actor=world.lan, agency=world.centre, at=now,
                             applicant=Applicant(name="Nguyễn Văn Minh Quang", phone="0912345678"),
                             components=[ComponentInput(component=first)])
    scan = SimpleUploadedFile("giay-chung-sinh.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    online = submit_dossier(world.version, channel="online", at=now - timedelta(hours=1), citizen=world.anh,
                            applicant=Applicant(name="Nguyễn Thị Ngọc Ánh", phone="0912345678"),
                            components=[ComponentInput(component=first, files=[scan])])
    item = feedback.file_feedback(
        category=Category.PROCEDURE, title="Chậm trả kết quả đăng ký khai sinh tại Trung tâm Phục vụ hành chính công",
        content="Tôi nộp hồ sơ đã quá hạn hẹn trả mà chưa nhận được kết quả, đề nghị cơ quan trả lời.",
        channel=Channel.WEB, at=now, citizen_name="Nguyễn Văn An", phone="0912345678", agency=world.justice)
    survey = create_survey_from_template("sipas", title="Khảo sát mức độ hài lòng năm 2026", actor=world.lan,
                                         agencies=[world.centre])
    for act in (feedback.accept_feedback, feedback.answer_feedback, feedback.publish_answer):
        extra = {"answer": "Sở Tư pháp đã trả kết quả ngày 25/11/2026 và xin lỗi vì chậm trễ."} if act is feedback.answer_feedback else {}
        item = act(item, actor=world.minh, at=now, **extra)
    lan = world.lan.memberships.first()
    app_label, codename = REVIEW_PERMISSION.split(".")
    world.minh.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    device = CounterDevice.objects.create(agency=world.centre, counter="Quầy số 3", officer=lan)
    return City(world=world, dossier=dossier, online=online, feedback=item, survey=survey, device=device,
                rating_token=evaluation_token(dossier), office=office, **_office_items(office, now))


def _office_items(office, now):
    from motcua.lib.errors import DomainError
    from motcua.office import appointments, home_visits, queue
    from motcua.office.models import AgencyOfficeSettings

    centre, procedure = office.base.centre, office.base.procedure
    ticket = queue.issue_ticket(centre, at=now, area=office.area, phone="0912345678")
    AgencyOfficeSettings.objects.create(agency=centre, booking_days_ahead=60, bookings_per_counter=2)
    appointment = None
    for days in range(1, 15):  # the first working day ahead with a free morning slot
        start = timezone.localtime(now + timedelta(days=days)).replace(hour=9, minute=0, second=0, microsecond=0)
        try:
            # The reminder is a deferred task, which the test settings' immediate backend refuses: queue it in the
            # database as production does (nothing runs it during the test).
            with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
                appointment = appointments.book(centre, procedure, start, name="Lê Văn Bình", phone="0912345678",
                                                now=now)
            break
        except DomainError:
            continue
    visit = home_visits.request_visit(
        office.hoai_duc, requester="relative", requester_name="Nguyễn Văn Con", requester_phone="0912 000 111",
        person_name="Nguyễn Thị Mẹ", address="Thôn 3, xã Hoài Đức, thành phố Hà Nội", procedure=procedure,
        reason="age", at=now)
    return {"ticket": ticket, "appointment": appointment, "visit": visit}


def arguments(city):
    """URL name → keyword arguments for the pages that take some."""
    w, code = city.world, city.world.procedure.code
    return {
        "portal:procedure": {"code": code},
        "portal:procedure_print": {"code": code},
        "portal:apply_start": {"code": code},
        "portal:apply_step": {"code": code, "step": "kiem-tra"},
        "portal:apply_done": {"reference": city.online.reference},
        "portal:my_dossier": {"code": city.online.reference},
        "portal:supply": {"code": city.online.reference},
        "portal:sandbox_payment": {"code": city.online.reference},
        "portal:feedback_status": {"code": city.feedback.code},
        "portal:feedback_public": {"pk": city.feedback.pk},
        "portal:rate_dossier": {"token": city.rating_token},
        "portal:counter_device": {"token": city.device.token},
        "portal:survey": {"slug": city.survey.slug},
        "portal:survey_results": {"slug": city.survey.slug},
        "console:dossier": {"code": city.dossier.code},
        "console:feedback_detail": {"code": city.feedback.code},
        "console:dashboard_unit": {"agency_id": w.justice.pk},
        "console:scorecard": {"user_id": w.lan.pk},
        "console:office_counter": {"counter_id": city.office.counters[0].pk},
        "console:office_home_visit": {"code": city.visit.code},
        "portal:office_kiosk": {"agency_code": w.centre.code},
        "portal:office_display": {"agency_code": w.centre.code},
        "portal:office_ticket": {"token": city.ticket.token},
        "portal:office_appointment": {"code": city.appointment.code},
    }


# Query strings some pages need to show their content rather than a form.
QUERIES = {}


def _routes(patterns, prefix):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            yield from _routes(p.url_patterns, f"{ns}:" if ns else prefix)
        elif p.name:
            yield f"{prefix}{p.name}", p.pattern.converters


def routes():
    """Named routes of the portal and console namespaces → whether they take arguments."""
    return {name: bool(conv) for name, conv in _routes(get_resolver().url_patterns, "")
            if name.split(":")[0] in NAMESPACES}


def unlisted_routes(city):
    args = arguments(city)
    return sorted(n for n, takes in routes().items() if n not in NOT_PAGES and takes and n not in args)


def page_urls(city):
    """[(url, who)] for every page, who being None (anonymous) or a key of SIGNED_IN's values."""
    args = arguments(city)
    out = []
    for name, takes in sorted(routes().items()):
        if name in NOT_PAGES or (takes and name not in args):
            continue
        who = SIGNED_IN.get(name, "staff" if name.startswith("console:") else None)
        out.append((reverse(name, kwargs=args.get(name)) + QUERIES.get(name, ""), who))
    return out


def prove_feedback_sender(page, city):
    """Open the feedback's tracking as its sender does (code and the phone's last 4 digits), so its page shows."""
    page.goto(reverse("portal:feedback_track"))
    page.get_by_label("Mã phản ánh").fill(city.feedback.code)
    page.get_by_label("4 số cuối điện thoại").fill("5678")
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_load_state()
