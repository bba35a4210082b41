"""Citizen accounts: sign in with the national identity (OpenID Connect) or a local account (staff too),
register a local account, sign out (of the identity provider too), "my dossiers".
"""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.views import LoginView
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from motcua.dossiers.services.queries import dossiers_of_citizen, sole_citizen_filing_as
from motcua.identity import oidc, store
from motcua.identity import services as identity
from motcua.identity.errors import SignInFailed
from motcua.lib.redirects import safe_next
from motcua.units.access import agency_ids_of


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu chưa đúng.",
        "inactive": "Tài khoản này đã bị khóa.",
    }


class SignIn(LoginView):
    template_name = "portal/account/login.html"
    authentication_form = SignInForm
    extra_context = {"identity_sandbox": settings.IDENTITY_PROVIDER["sandbox"]}

    def get_default_redirect_url(self):
        if agency_ids_of(self.request.user):
            return reverse("console:home")
        return reverse("portal:my_dossiers")


class RegisterForm(UserCreationForm):
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    email = forms.EmailField(label="Thư điện tử", required=False)

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "full_name", "email")
        labels = {"username": "Tên đăng nhập (ví dụ số điện thoại)"}

    def save(self, commit=True):
        user = super().save(commit=False)
        user.first_name = self.cleaned_data["full_name"]  # the whole name, family name first
        user.email = self.cleaned_data["email"]
        if commit:
            user.save()
        return user


def register(request):
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(safe_next(request, "portal:my_dossiers"))
    return render(request, "portal/account/register.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def my_dossiers(request):
    return render(request, "portal/account/my_dossiers.html", {"dossiers": dossiers_of_citizen(request.user)})


def identity_start(request):
    """Off to the national identity provider; `next` comes back with the citizen."""
    request.session["identity_next"] = safe_next(request, "portal:my_dossiers")
    try:
        return oidc.start(request, request.build_absolute_uri(reverse("portal:identity_return")))
    except OSError:  # the provider cannot be reached (requests' errors are OSErrors)
        message = "Chưa kết nối được hệ thống định danh điện tử. Vui lòng thử lại sau ít phút."
        return render(request, "portal/account/identity_failed.html", {"message": message}, status=503)


def identity_return(request):
    try:
        claims = oidc.finish(request)
    except SignInFailed as e:
        return render(request, "portal/account/identity_failed.html", {"message": e.message}, status=e.status)
    pid = str(claims.get("pid") or "")
    try:
        user = identity.sign_in(claims, at=timezone.now(), earlier_account=sole_citizen_filing_as(pid))
    except SignInFailed as e:
        return render(request, "portal/account/identity_failed.html", {"message": e.message}, status=e.status)
    next_url = request.session.pop("identity_next", "") or "portal:my_dossiers"
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session["identity_id_token"] = claims["_id_token"]  # kept to end the provider's session at logout
    return redirect(next_url)


@require_POST
def sign_out(request):
    """End the portal session and, after a national sign-in, the identity provider's session too."""
    id_token = request.session.get("identity_id_token")
    logout(request)
    if id_token:
        url = oidc.end_session_url(id_token, request.build_absolute_uri("/"))
        if url:
            return redirect(url)
    return redirect("/")


@login_required
def data_store(request):
    """The citizen's data store: results and digitised papers, with their consent to reuse each."""
    me = identity.identity_of(request.user)
    if me is None:
        return render(request, "portal/account/data_store.html", {"identity": None}, status=403)
    if request.method == "POST":
        store.set_consent(request.POST.get("paper"), pid=me.pid, consent=request.POST.get("consent") == "1",
                          at=timezone.now())
        return redirect("portal:data_store")
    return render(request, "portal/account/data_store.html", {"identity": me, "papers": store.papers_of(me.pid)})


@login_required
def stored_paper_file(request, pk):
    me = identity.identity_of(request.user)
    paper = store.papers_of(me.pid).filter(pk=pk).first() if me else None
    if paper is None:
        raise Http404
    response = FileResponse(paper.file.open("rb"), filename=paper.file.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "private, no-store"
    return response
