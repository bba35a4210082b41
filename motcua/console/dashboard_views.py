"""Staff dashboards over the indicators: city leaders, unit heads, officers' scorecards. Thin views."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from motcua.indicators import access, charts, scorecards
from motcua.indicators import services as ind
from motcua.indicators.cache import get_or_refresh
from motcua.indicators.config import config_for
from motcua.lib.errors import DomainError, Forbidden


def dashboard_page(view):
    @login_required
    @require_GET
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DomainError as e:
            return render(request, "console/dashboards/error.html", {"message": e.message}, status=e.status)

    wrapped.__name__ = view.__name__
    return wrapped


def _period(request):
    now = timezone.now()
    return now, ind.Period.parse(request.GET.get("ky"), timezone.localdate(now))


@dashboard_page
def overview(request):
    """City leaders: every unit, trends, worst procedures and steps, dossiers due now."""
    if not access.is_leader(request.user):
        headed = access.headed_agencies(request.user).first()
        if headed:
            return redirect("console:dashboard_unit", agency_id=headed.id)
        return redirect("console:scorecard", user_id=request.user.id)
    now, period = _period(request)
    rows, city = ind.board_and_city(period, now=now)
    rows = ind.sort_rows(rows, request.GET.get("sap-xep", "diem"))
    months = ind.trend(period)
    return render(request, "console/dashboards/overview.html", {
        "period": period, "periods": [period, *period.previous(11)], "rows": rows, "city": city,
        "city_index": ind.index_for(city, config_for(period, now=now), **ind.city_sources(period)),
        "worst_procedures": ind.worst_procedures(period), "worst_steps": ind.worst_steps(period),
        "due": ind.due_now(now=now), "now": now, "synthetic": ind.has_synthetic_data(),
        "trend_svg": charts.line_chart([m["period"].start.strftime("%m/%y") for m in months],
                                       {"Đúng hạn": [m["on_time"] for m in months],
                                        "Trực tuyến": [m["online"] for m in months]},
                                       title="Xu hướng toàn thành phố"),
    })


@dashboard_page
def unit(request, agency_id):
    """A unit head: the unit against the city, indicator by indicator, with its case mix and officers."""
    agency = access.get_agency_for_head(request.user, agency_id)
    _, period = _period(request)
    data = get_or_refresh(f"indicators:unit:{agency.id}:{period.slug}", lambda: ind.unit_report(agency, period),
                          fresh=60)
    months_unit, months_city = data.pop("months_unit"), data.pop("months_city")
    return render(request, "console/dashboards/unit.html", {
        **data, "agency": agency, "period": period, "periods": [period, *period.previous(11)],
        "officers": scorecards.officers_of(agency), "synthetic": ind.has_synthetic_data(), "now": timezone.now(),
        "trend_svg": charts.line_chart([m["period"].start.strftime("%m/%y") for m in months_unit],
                                       {"Đơn vị: đúng hạn": [m["on_time"] for m in months_unit],
                                        "Thành phố: đúng hạn": [m["on_time"] for m in months_city]},
                                       title=f"{agency.name} so với toàn thành phố"),
    })


@dashboard_page
def scorecard(request, user_id):
    """An officer's scorecard (thi đua): the officer and their head only."""
    officer = get_object_or_404(get_user_model(), pk=user_id)
    if not scorecards.can_view(request.user, officer):
        raise Forbidden("Chỉ cán bộ và lãnh đạo đơn vị của cán bộ được xem thẻ điểm này.")
    _, period = _period(request)
    card = scorecards.scorecard(officer, period)
    return render(request, "console/dashboards/scorecard.html", {
        "officer": officer, "card": card, "period": period, "periods": [period, *period.previous(11)],
        "parts": [(scorecards.PART_LABELS[k], v, card.weights.get(k)) for k, v in card.parts.items()],
    })
