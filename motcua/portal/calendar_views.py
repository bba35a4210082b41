"""The public working calendar: every day off and make-up working day of a year, with its legal basis.

It changes a few times a year, so for visitors who are not signed in the page is served from the shared page
cache, keyed by the year and the calendar rows it is built from (with an ETag and public Cache-Control).
"""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from motcua.lib.page_cache import is_anonymous_reader, public_response
from motcua.workdays import services as workdays
from motcua.workdays.models import CalendarOverride, CalendarYear, OfficeHours


def year_calendar(request):
    default = timezone.localdate().year
    raw = request.GET.get("nam", "")
    try:
        year = int(raw) if raw else default
    except ValueError:
        raise Http404("Năm không hợp lệ.") from None
    if not is_anonymous_reader(request):
        return _page(request, year)
    return public_response(request, "calendar", (year, _calendar_rows()), lambda: _page(request, year, fresh=True),
                           vary_cookie=True)


def _calendar_rows():
    """Every row the calendar is built from: published years, overrides, office hours (small tables)."""
    return (
        list(CalendarYear.objects.order_by("year").values_list("year", "legal_document", "note")),
        list(CalendarOverride.objects.order_by("date").values_list("date", "kind", "reason", "legal_document",
                                                                    "legal_url")),
        list(OfficeHours.objects.order_by("id").values_list()),
    )


def _page(request, year, *, fresh=False):
    if fresh:  # another process may have edited the rows: this process's built calendar may be older than the key
        workdays.clear_cache()
    try:
        overview = workdays.year_overview(year)
    except ValueError:
        raise Http404("Năm không hợp lệ.") from None
    except workdays.CalendarNotCovered as exc:
        raise Http404(exc.message) from None
    years = range(overview["first_year"], overview["last_year"] + 1)
    return render(request, "portal/calendar.html", {**overview, "years": years})
