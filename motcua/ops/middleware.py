"""A clear 503 instead of a bare 500 when the database cannot answer in time (statement or lock timeout) or the
connection dropped in the middle of a request. The broken connection is closed so the next request of this
process opens a new one."""

from django.conf import settings
from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from motcua.lib.resilience import DROPPED

MESSAGE = "Hệ thống đang bận hoặc đang kết nối lại cơ sở dữ liệu. Vui lòng thử lại sau ít phút."
RETRY_AFTER = "30"


class DatabaseUnavailable:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DROPPED):
            return None
        for conn in connections.all(initialized_only=True):
            if conn.in_atomic_block:
                continue  # the surrounding transaction (a test's, or ATOMIC_REQUESTS) ends it
            try:
                conn.close()
            except DROPPED:
                conn.connection = None
        if request.path.startswith(("/api/", "/open311/")):
            response = JsonResponse({"detail": MESSAGE}, status=503, json_dumps_params={"ensure_ascii": False})
        else:
            # Rendered without the request's context processors: they may need the database.
            html = render_to_string("503.html", {"message": MESSAGE, "CITY_NAME": settings.MOTCUA_CITY_NAME,
                                                 "HOTLINE": settings.MOTCUA_HOTLINE})
            response = HttpResponse(html, status=503)
        response["Retry-After"] = RETRY_AFTER
        return response
