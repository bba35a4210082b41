"""What a signed-in citizen does on their own dossier: hand in the requested papers, pay online, withdraw.

Each view parses, calls one dossiers service with the citizen as actor (the service checks ownership), renders.
The sandbox payment page stands in for the payment gateway's page (no real gateway is reachable here).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from motcua.dossiers import services
from motcua.dossiers.access import get_dossier_for_citizen
from motcua.lib.errors import DomainError


class SupplyForm(forms.Form):
    name = forms.CharField(label="Giấy tờ nộp bổ sung", max_length=500,
                           error_messages={"required": "Hãy ghi tên giấy tờ."})
    file = forms.FileField(label="Tệp (PDF, JPG hoặc PNG)", error_messages={"required": "Hãy chọn tệp."})


def _back(dossier):
    return redirect("portal:my_dossier", code=dossier.public_id)


def _refused(request, code, error):
    return render(request, "portal/tracking.html", {"code": code, "own": True, "error": error.message},
                  status=error.status)


@login_required
def supply(request, code):
    try:
        dossier = get_dossier_for_citizen(request.user, code)
    except DomainError as e:
        return _refused(request, code, e)
    request_ = dossier.open_supplement_request()
    initial = {"name": "; ".join(request_.items)} if request_ and request_.items else {}
    form = SupplyForm(request.POST or None, request.FILES or None, initial=initial)
    error, status = None, 200
    if request.method == "POST" and form.is_valid():
        paper = services.ComponentInput(name=form.cleaned_data["name"], files=[form.cleaned_data["file"]])
        try:
            services.supplement_dossier(dossier, actor=request.user, at=timezone.now(), components=[paper])
        except DomainError as e:
            error, status = e.message, e.status
        else:
            messages.success(request, "Đã nộp bổ sung. Hồ sơ được xử lý tiếp.")
            return _back(dossier)
    return render(request, "portal/account/supply.html",
                  {"d": dossier, "form": form, "request_": request_, "error": error},
                  status=400 if form.errors else status)


@login_required
@require_POST
def pay(request, code):
    try:
        dossier = get_dossier_for_citizen(request.user, code)
        return_url = request.build_absolute_uri(reverse("portal:sandbox_payment", args=[dossier.public_id]))
        _payment, url = services.start_online_payment(dossier, actor=request.user, at=timezone.now(),
                                                      provider="sandbox", return_url=return_url)
    except DomainError as e:
        return _refused(request, code, e)
    return redirect(url)


@login_required
def sandbox_payment(request, code):
    """The sandbox gateway's page: shows the amount and confirms as the gateway's callback would."""
    try:
        dossier = get_dossier_for_citizen(request.user, code)
        ref = request.GET.get("provider_ref", "")
        payment = dossier.payments.filter(provider="sandbox", provider_ref=ref).first() if ref else None
        if request.method == "POST" and payment is not None:
            services.confirm_online_payment(provider="sandbox", provider_ref=ref, payload={"paid": True},
                                            at=timezone.now())
            messages.success(request, "Đã thanh toán trực tuyến.")
            return _back(dossier)
    except DomainError as e:
        return _refused(request, code, e)
    return render(request, "portal/account/sandbox_payment.html", {"d": dossier, "payment": payment},
                  status=200 if payment else 404)


@login_required
@require_POST
def withdraw(request, code):
    try:
        dossier = get_dossier_for_citizen(request.user, code)
        services.withdraw_dossier(dossier, actor=request.user, at=timezone.now(),
                                  reason=request.POST.get("reason", "").strip())
    except DomainError as e:
        return _refused(request, code, e)
    messages.success(request, "Đã gửi yêu cầu rút hồ sơ. Cơ quan sẽ dừng xử lý và báo lại.")
    return _back(dossier)
