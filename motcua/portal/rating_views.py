"""Public rating pages: the per-dossier evaluation, the counter device, SIPAS surveys.

Thin: parse the request, call one `ratings.services` function, render. Refusals (DomainError) are shown
with their Vietnamese message and HTTP status.
"""

import json
import uuid
from datetime import datetime

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from motcua.dossiers.models import Dossier
from motcua.lib.errors import DomainError
from motcua.ratings import services
from motcua.ratings.models import CRITERIA, Content, DossierEvaluation, Element, Question
from motcua.ratings.scale import Agreement, Score

T = "portal/ratings/"


def _refused(request, exc):
    return render(request, T + "refused.html", {"message": exc.message}, status=exc.status)


# --- per-dossier evaluation (NĐ 61 Art.31) -----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def rate_dossier(request, token):
    now = timezone.now()
    try:
        dossier = services.dossier_for_token(token)
        services.check_can_evaluate(dossier, at=now)
    except DomainError as exc:
        return _refused(request, exc)
    if request.method == "POST":
        try:
            services.submit_evaluation(
                dossier,
                answers={name: request.POST.get(name) for name, _q, _c in CRITERIA},
                comment=request.POST.get("comment", ""),
                unofficial_cost=request.POST.get("unofficial_cost"),
                at=now,
            )
        except DomainError as exc:
            return _evaluation_page(request, dossier, error=exc.message, status=exc.status)
        return redirect(reverse("portal:rate_dossier", args=[token]) + "?da-gui=1")
    return _evaluation_page(request, dossier, saved="da-gui" in request.GET)


def _evaluation_page(request, dossier, *, error=None, saved=False, status=200):
    evaluation = DossierEvaluation.objects.filter(dossier=dossier).first()
    chosen = request.POST if request.method == "POST" else {
        name: str(getattr(evaluation, name)) for name, _q, _c in CRITERIA if evaluation and getattr(evaluation, name) is not None
    }
    criteria = [
        {"name": name, "question": q, "options": [(str(v), label) for v, label in choices.choices],
         "chosen": chosen.get(name), "optional": name == "online"}
        for name, q, choices in CRITERIA
    ]
    return render(request, T + "dossier.html", {
        "dossier": dossier, "evaluation": evaluation, "criteria": criteria, "error": error, "saved": saved,
        "comment": request.POST.get("comment") if request.method == "POST" else (evaluation.comment if evaluation else ""),
        "unofficial_cost": request.POST.get("unofficial_cost") if request.method == "POST" else (
            evaluation.unofficial_cost if evaluation and evaluation.unofficial_cost is not None else ""),
    }, status=status)


# --- counter device -----------------------------------------------------------------------------------
# The device is authenticated by the unguessable token in its URL, not by a cookie, so CSRF protection (which
# stops another site riding a visitor's cookies) has nothing to protect; a tablet left open for days must not
# fail on a stale CSRF token either.


@csrf_exempt
@require_http_methods(["GET", "POST"])
def counter_device(request, token):
    try:
        device = services.get_device(token)
        if request.method == "POST":
            services.record_counter_rating(
                device,
                score=request.POST.get("score"),
                client_id=request.POST.get("client_id"),
                officer_id=request.POST.get("officer"),
                dossier=_dossier(request.POST.get("dossier")),
                at=timezone.now(),
            )
            return redirect(reverse("portal:counter_device", args=[token]) + "?cam-on=1")
    except DomainError as exc:
        return _refused(request, exc)
    return render(request, T + "counter.html", {
        "device": device, "officer": device.officer, "officer_name": _vietnamese_name(device.officer),
        "client_id": uuid.uuid4(),
        "scores": list(reversed(Score.choices)), "dossier_code": request.GET.get("ho-so", "")[:60],
        "thanked": "cam-on" in request.GET,
    })


@csrf_exempt
@require_POST
def counter_device_submit(request, token):
    """JSON endpoint the page's script uses, also for ratings queued while offline."""
    try:
        payload = json.loads(request.body or b"{}")
        if not isinstance(payload, dict):
            raise ValueError
    except ValueError:
        return JsonResponse({"detail": "Dữ liệu gửi lên không đúng định dạng."}, status=400)
    try:
        device = services.get_device(token)
        rating = services.record_counter_rating(
            device,
            score=payload.get("score"),
            client_id=payload.get("client_id"),
            officer_id=payload.get("officer"),
            rated_at=_parse_time(payload.get("rated_at")),
            dossier=_dossier(payload.get("dossier")),
            at=timezone.now(),
        )
    except DomainError as exc:
        return JsonResponse({"detail": exc.message}, status=exc.status)
    return JsonResponse({"id": rating.pk, "client_id": str(rating.client_id)}, status=201)


@require_POST
def counter_device_claim(request, token):
    """An officer signed in on the tablet seats themselves at the counter ("Nhận quầy")."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('admin:login')}?next={reverse('portal:counter_device', args=[token])}")
    try:
        device = services.get_device(token)
        if request.POST.get("action") == "release":
            services.release_device(device, actor=request.user)
        else:
            services.claim_device(device, actor=request.user)
    except DomainError as exc:
        return _refused(request, exc)
    return redirect("portal:counter_device", token=token)


def _vietnamese_name(membership):
    """Family name first, as Vietnamese names are written (Nguyễn Thị Lan)."""
    if membership is None:
        return ""
    user = membership.user
    return " ".join(p for p in (user.last_name, user.first_name) if p) or user.get_username()


def _dossier(code):
    code = (code or "").strip()[:60]
    return Dossier.objects.filter(code=code).first() if code else None


def _parse_time(value):
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if timezone.is_aware(parsed) else None


# --- surveys (SIPAS) ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def survey(request, slug):
    now = timezone.now()
    try:
        survey = services.get_open_survey(slug, at=now)
        agency = services.survey_agency(survey, request.GET.get("don-vi"))
    except DomainError as exc:
        return _refused(request, exc)
    if request.method == "POST":
        try:
            services.submit_survey_response(
                survey, answers=_survey_answers(request, survey), agency=agency, at=now,
                source=request.GET.get("nguon", "link"), sender=request.META.get("REMOTE_ADDR", ""),
            )
        except DomainError as exc:
            return _survey_page(request, survey, agency, error=exc.message, status=exc.status)
        return render(request, T + "survey_thanks.html", {"survey": survey})
    return _survey_page(request, survey, agency)


def _survey_answers(request, survey):
    answers = {}
    for q in survey.questions.all():
        key = f"q{q.pk}"
        answers[q.pk] = request.POST.getlist(key) if q.kind == Question.Kind.CHOICE else request.POST.get(key)
    return answers


def _survey_page(request, survey, agency, *, error=None, status=200):
    sections = []
    questions = list(survey.questions.all())
    for element in [*Element, None]:
        key = element.value if element else ""
        items = [q for q in questions if q.element == key]
        if items:
            sections.append({"title": element.label if element else "Mong đợi của Ông/Bà", "questions": items})
    return render(request, T + "survey.html", {
        "survey": survey, "agency": agency, "sections": sections, "error": error, "posted": request.POST,
        "scale": Score.choices, "agreement": Agreement.choices,
        "satisfaction": Content.SATISFACTION,
    }, status=status)


def survey_qr(request, slug):
    url = request.build_absolute_uri(reverse("portal:survey", args=[slug]))
    if request.GET.get("don-vi"):
        url += "?" + f"don-vi={request.GET['don-vi'][:40]}&nguon=qr"
    else:
        url += "?nguon=qr"
    import segno  # 10 MB: imported by the worker that draws a code, not by every web worker

    svg = segno.make(url, error="m").svg_inline(scale=8, title=url)
    return HttpResponse(svg, content_type="image/svg+xml")


def survey_results(request, slug):
    try:
        survey = services.get_survey(slug)
    except DomainError as exc:
        return _refused(request, exc)
    return render(request, T + "survey_results.html", {
        "survey": survey, "results": services.survey_results(survey),
        "link": request.build_absolute_uri(reverse("portal:survey", args=[slug])),
    })
