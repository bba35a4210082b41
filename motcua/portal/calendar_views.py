"""The public working calendar: every day off and make-up working day of a year, with its legal basis."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from motcua.workdays import services as workdays


def year_calendar(request):
    default = timezone.localdate().year
    raw = request.GET.get("nam", "")
    try:
        year = int(raw) if raw else default
        overview = workdays.year_overview(year)
    except ValueError:
        raise Http404("Năm không hợp lệ.") from None
    except workdays.CalendarNotCovered as exc:
        raise Http404(exc.message) from None
    years = range(overview["first_year"], overview["last_year"] + 1)
    return render(request, "portal/calendar.html", {**overview, "years": years})
