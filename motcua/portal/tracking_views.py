"""Public tracking: the dossier code plus the last four digits of the phone or ID number (NĐ 61 Art.17.4).

The receipt's QR code opens this page with the code filled in; the citizen types the four digits. Failed
attempts are counted per client address (dossiers.access) so the four digits cannot be guessed.
"""

from django.contrib import messages
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.dossiers.access import get_dossier_for_citizen, get_dossier_for_tracking
from motcua.dossiers.events import wording
from motcua.dossiers.services import supplement_by_tracking, supplement_items
from motcua.dossiers.tracking import tracking_of
from motcua.dossiers.workflow import ALLOWED_TRANSITIONS, Status
from motcua.lib.errors import DomainError
from motcua.ratings.services import evaluation_url
from motcua.units import view_records


def tracking_context(dossier):
    t = tracking_of(dossier)
    history = [{"line": h, "label": wording(h.kind)} for h in t.history]
    # Once the result is returned the citizen is asked to rate the service (Decree 61 Art. 31).
    rate_url = evaluation_url(dossier, absolute=False) if dossier.status == Status.RETURNED else None
    return {"t": t, "history": history, "evaluation_url": rate_url}


def track(request):
    """GET shows the form (the receipt's QR code fills in `ma`); POST looks the dossier up, so the four digits
    never appear in addresses, browser history or server logs."""
    data = request.POST if request.method == "POST" else request.GET
    code = data.get("ma", "").strip()
    secret = request.POST.get("so", "").strip()
    context = {"code": code, "secret": secret}
    if request.method != "POST":
        return render(request, "portal/tracking.html", context)
    if not (code and secret):
        context["error"] = _("Cần nhập mã hồ sơ và 4 số cuối số điện thoại hoặc số giấy tờ.")
        return render(request, "portal/tracking.html", context, status=400)
    try:
        dossier = get_dossier_for_tracking(code, secret, client=request.META.get("REMOTE_ADDR", ""))
    except DomainError as e:
        context["error"] = e.message
        return render(request, "portal/tracking.html", context, status=e.status)
    return render(request, "portal/tracking.html", context | tracking_context(dossier) | _supply_context(dossier))


def _supply_context(dossier):
    """The papers an applicant without an account can hand in from this page (an open supplement request)."""
    request = dossier.open_supplement_request() if dossier.status == Status.SUPPLEMENT_REQUESTED else None
    return {"supplement_items": supplement_items(request) if request else []}


@require_POST
def track_supply(request):
    """Hand in the requested papers with the code and the four digits (no account), once."""
    code, secret = request.POST.get("ma", "").strip(), request.POST.get("so", "").strip()
    wanted = len([k for k in request.FILES if k.startswith("tep_")])
    files = [request.FILES.get(f"tep_{i}") for i in range(1, wanted + 1)]
    context = {"code": code, "secret": secret}
    try:
        dossier = supplement_by_tracking(code, secret, client=request.META.get("REMOTE_ADDR", ""),
                                         at=timezone.now(), files=files)
    except DomainError as e:
        context["error"] = e.message
        try:
            found = get_dossier_for_tracking(code, secret, client=request.META.get("REMOTE_ADDR", ""))
        except DomainError:
            return render(request, "portal/tracking.html", context, status=e.status)
        context |= tracking_context(found) | _supply_context(found)
        return render(request, "portal/tracking.html", context, status=e.status)
    messages.success(request, _("Đã nộp bổ sung. Hồ sơ được xử lý tiếp."))
    return render(request, "portal/tracking.html", context | tracking_context(dossier) | _supply_context(dossier))


def my_dossier(request, code):
    """A signed-in citizen's own dossier: the same page as public tracking, without the four digits."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    try:
        dossier = get_dossier_for_citizen(request.user, code)
    except DomainError as e:
        return render(request, "portal/tracking.html", {"code": code, "error": e.message}, status=e.status)
    withdrawable = [s for s, targets in ALLOWED_TRANSITIONS.items() if Status.WITHDRAWAL_REQUESTED in targets]
    context = {"code": code, "own": True, "withdrawable": withdrawable,
               "viewers": view_records.viewers_of_dossier(dossier)}
    return render(request, "portal/tracking.html", context | tracking_context(dossier))
