from django.contrib.auth.views import LoginView
from django.shortcuts import render
from django.urls import include, path

from sandboxes.identity_provider import PASSWORD
from sandboxes.people import adults


def home(request):
    return render(request, "idp/home.html", {"examples": adults(8), "password": PASSWORD})


urlpatterns = [
    path("", home),
    path("dang-nhap/", LoginView.as_view(template_name="idp/login.html",
                                         extra_context={"password": PASSWORD, "examples": adults(8)})),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
