"""Refuse, before any view runs, requests carrying NUL or other control characters in the path, the query, form
fields or a JSON body: they are never meaningful here, and PostgreSQL cannot store NUL in text."""

import re

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _

from motcua.lib.errors import DomainError

# Control characters except tab, line feed and carriage return (C0 and DEL).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The same inside JSON text, escaped: \u0000 ... \u001f (not \u0009, \u000a, \u000d) and \u007f.
JSON_ESCAPED = re.compile(rb"\\u00(?:0[0-8bcBCeEfF]|1[0-9a-fA-F]|7[fF])")


class BadCharacters(DomainError):
    status = 400


def check_request(request):
    message = _("Dữ liệu gửi lên chứa ký tự điều khiển không hợp lệ (ví dụ ký tự NUL).")
    if CONTROL.search(request.path) or CONTROL.search(request.META.get("QUERY_STRING", "")):
        raise BadCharacters(message)
    for values in request.GET.lists():
        if any(CONTROL.search(v) for v in (values[0], *values[1])):
            raise BadCharacters(message)
    if request.method in ("POST", "PUT", "PATCH"):
        content_type = request.content_type or ""
        if content_type == "application/json":
            body = request.body
            if CONTROL.search(body.decode("utf-8", "replace")) or JSON_ESCAPED.search(body):
                raise BadCharacters(message)
        elif content_type == "application/x-www-form-urlencoded" or _small_multipart(request):
            for key, values in request.POST.lists():
                if any(CONTROL.search(v) for v in (key, *values)):
                    raise BadCharacters(message)


def _small_multipart(request):
    """A multipart body small enough to keep in memory: read it first, so views that read request.body after
    the fields are parsed still can. Larger ones (file uploads) are checked by the views' own parsing."""
    if request.content_type != "multipart/form-data":
        return False
    if int(request.META.get("CONTENT_LENGTH") or 0) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        return False
    request.body  # noqa: B018 (reads and keeps the body)
    return True


class RefuseControlCharacters:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            check_request(request)
        except BadCharacters as exc:
            if request.path.startswith(("/api/", "/open311/")):
                return JsonResponse({"detail": exc.message}, status=400, json_dumps_params={"ensure_ascii": False})
            from django.http import HttpResponseBadRequest

            return HttpResponseBadRequest(exc.message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
