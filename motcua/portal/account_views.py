"""A simple local citizen account: register, sign in (staff too), sign out, "my dossiers".

Sign-in through the national identity (VNeID) comes later in the identity room.
"""

from django import forms
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.urls import reverse

from motcua.dossiers.services.queries import dossiers_of_citizen
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
