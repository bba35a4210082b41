"""The project's URLs plus `/bench-minimal/`, the smallest Django view, measured beside each endpoint."""

from django.http import HttpResponse
from django.urls import include, path


def minimal(request):
    return HttpResponse("ok")


urlpatterns = [path("bench-minimal/", minimal), path("", include("motcua.urls"))]
