"""The one-stop office's figures where the dashboards and the public board show them: waiting and home visits
(last 30 days) and the programmes' compliance. `{% office_summary %}` for the city, `{% office_summary agency %}` for a unit."""


from django import template
from django.core.cache import cache

from motcua.office import home_visits, programmes, waiting
from motcua.office.models import HomeVisit

register = template.Library()

FRESH_SECONDS = 30  # the board is read far more often than tickets are called; figures stay live within this


@register.inclusion_tag("portal/office/_summary.html")
def office_summary(agency=None, staff=False):
    key = f"office:summary:{agency.pk if agency is not None else 'city'}"
    figures = cache.get(key)
    if figures is None:
        figures = _figures(agency)
        cache.set(key, figures, FRESH_SECONDS)
    return {**figures, "agency": agency, "staff": staff}


def _figures(agency):
    since, report = waiting.recent(agencies=[agency] if agency is not None else None)
    rows = []
    for row in programmes.programmes_with_results():
        if agency is None:
            rows.append((row["programme"], row["compliance"]))
        else:
            rows += [(row["programme"], pa) for pa in row["per_agency"] if pa["agency"].pk == agency.pk]
    visits = HomeVisit.objects.filter(requested_at__date__gte=since)
    if agency is not None:
        visits = visits.filter(agency=agency)
    return {"report": report, "total": report["total"], "programmes": rows, "days": waiting.RECENT_DAYS,
            "visits": home_visits.report(visits)}
