"""Which requests read from the replica (motcua.lib.replica), and read-your-writes.

Public reads and dashboards (the catalogue, the board and the indicators, published feedback, the calendar, the
API's public reads) read from the replica; a citizen's or officer's own pages, tracking, queues and anything that
writes use the primary. A client that has just written (any request with an unsafe method) gets a signed cookie
that sends its reads to the primary for READ_YOUR_WRITES seconds, so the citizen who just submitted, or the
officer who just edited a procedure, never sees the page from before. If the replica fails under a request, the
view is run again on the primary and every process stops using the replica until it is healthy again.
"""

from django.conf import settings
from django.core import signing

from motcua.lib import replica
from motcua.lib.resilience import DROPPED

COOKIE = "motcua_rw"
SAFE = ("GET", "HEAD", "OPTIONS")
# Pages by URL name (namespace:name).
VIEWS = {
    "portal:home", "portal:catalogue", "portal:procedure", "portal:procedure_print", "portal:calendar",
    "portal:feedback_list", "portal:feedback_public", "portal:board", "portal:board_dossiers", "portal:board_export",
    "portal:survey_results", "portal:office_programmes", "portal:office_waiting",
    "console:dashboard", "console:dashboard_unit", "console:scorecard", "console:office_programmes",
    "console:office_waiting",
}
# The API's public reads by path (its operations have no URL names of their own).
PATHS = ("/api/procedures", "/api/programmes", "/api/openapi.json", "/open311/v2/services",
         "/open311/v2/requests")


def wants_replica(request) -> bool:
    if request.method not in SAFE or just_wrote(request):
        return False
    match = request.resolver_match
    return (match is not None and match.view_name in VIEWS) or request.path.startswith(PATHS)


def just_wrote(request) -> bool:
    try:
        request.get_signed_cookie(COOKIE, salt=COOKIE, max_age=replica.READ_YOUR_WRITES)
    except (KeyError, signing.BadSignature):
        return False
    return True


class ReplicaReads:
    """Last in MIDDLEWARE: its process_exception sees a failed view first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with replica.reads_from_replica(False):  # the choice made in process_view ends with this request
            response = self.get_response(request)
        if replica.configured() and request.method not in SAFE:
            response.set_signed_cookie(COOKIE, "1", salt=COOKIE, max_age=replica.READ_YOUR_WRITES,
                                       secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax")
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if replica.configured() and wants_replica(request):
            request.replica_view = (view_func, view_args, view_kwargs)
            replica.use_replica()

    def process_exception(self, request, exception):
        if not (isinstance(exception, DROPPED) and replica.reading_from_replica()):
            return None
        replica.give_up_replica()  # a safe method: running the view again on the primary does no harm
        view_func, view_args, view_kwargs = request.replica_view
        return view_func(request, *view_args, **view_kwargs)
