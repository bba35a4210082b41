"""The public board of indicators (bảng chỉ số công khai): thin views over `indicators.services`."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from motcua.catalogue.models import Field
from motcua.indicators import charts, exports
from motcua.indicators import services as ind
from motcua.indicators.cache import get_or_refresh
from motcua.indicators.config import config_for
from motcua.units.models import Agency

KIND_FILTERS = {"xa": [Agency.Kind.COMMUNE_PC], "so": [Agency.Kind.DEPARTMENT], "": None}
BOARD_CACHE_SECONDS = 60


def _params(request):
    now = timezone.now()
    period = ind.Period.parse(request.GET.get("ky"), timezone.localdate(now))
    kind = request.GET.get("loai", "")
    return now, period, kind if kind in KIND_FILTERS else ""


def _board(period, kind):
    """Rows and city figures, recomputed at most once a minute in the background (indicators.cache): facts are
    current to the event, the ranking of 137 units need not be recomputed per hit."""
    def compute():
        now = timezone.now()
        config = config_for(period, now=now)
        rows, city = ind.board_and_city(period, now=now, kinds=KIND_FILTERS[kind])
        return {"rows": rows, "city": city, "city_index": ind.index_for(city, config, **ind.city_sources(period)),
                "months": ind.trend(period, months=12), "waived": ind.waived_total(period),
                "synthetic": ind.has_synthetic_data(), "min_n": config["min_dossiers_for_rank"]}

    return get_or_refresh(f"indicators:board:{period.slug}:{kind}", compute, fresh=BOARD_CACHE_SECONDS)


def _drill(period, kind, **ids):
    query = "&".join([f"ky={period.slug}", f"chi-tieu={kind}"] + [f"{k}={v}" for k, v in ids.items() if v])
    return f"{reverse('portal:board_dossiers')}?{query}"


@require_GET
def board(request):
    _, period, kind = _params(request)
    sort = request.GET.get("sap-xep", "diem")
    data = _board(period, kind)
    rows = ind.sort_rows(data["rows"], sort)
    city, months = data["city"], data["months"]
    top = sorted([r for r in rows if r.on_time is not None], key=lambda r: -r.n)[:15]
    population = sum(r.agency.population or 0 for r in rows)
    context = {
        **data,
        "period": period,
        "periods": [period, *period.previous(11)],
        "kinds": [("", "Tất cả"), ("xa", "Xã, phường"), ("so", "Sở, ngành")],
        "kind": kind,
        "sort": sort,
        "rows": rows,
        "population": population,
        "online_per_1000": city.counts["online"] / population * 1000 if population else None,
        "city_drill_late": _drill(period, "late"),
        "city_drill_online": _drill(period, "online"),
        "waived_drill": _drill(period, "waived"),
        "trend_svg": charts.line_chart(
            [m["period"].start.strftime("%m/%y") for m in months],
            {"Đã giải quyết đúng hạn": [m["on_time"] for m in months], "Nộp trực tuyến": [m["online"] for m in months]},
            title="Xu hướng 12 tháng của toàn thành phố",
        ),
        "bars_svg": charts.bar_chart(
            [(r.agency.name, r.on_time, _drill(period, "late", co_quan=r.agency.id)) for r in top],
            title="Tỷ lệ đúng hạn của 15 đơn vị nhiều hồ sơ nhất",
        ),
    }
    base = reverse("portal:board_dossiers")
    for r in rows:
        q = f"{base}?ky={period.slug}&co_quan={r.agency.id}&chi-tieu="
        r.drill_all, r.drill_late, r.drill_online = q + "received", q + "late", q + "online"
        pop = r.agency.population
        r.online_per_1000 = r.figures.counts["online"] / pop * 1000 if pop else None
    return render(request, "portal/board/board.html", context)


@require_GET
def board_export(request, fmt):
    _, period, kind = _params(request)
    rows = exports.board_table(_board(period, kind)["rows"])
    name = f"bang-chi-so-{period.kind}-{period.start:%Y-%m}"
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(exports.HEADERS, rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.to_xlsx(exports.HEADERS, rows, title=period.label),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_GET
def board_dossiers(request):
    """The dossiers behind a figure (drill-down). No personal data: code, procedure, dates and status only."""
    now, period, _ = _params(request)
    kind = request.GET.get("chi-tieu", "received")
    if kind not in ind.DRILL_KINDS:
        kind = "received"
    agency_id, field_id = _int(request.GET.get("co_quan")), _int(request.GET.get("linh_vuc"))
    commune_id, procedure_id = _int(request.GET.get("xa")), _int(request.GET.get("thu_tuc"))
    facts = ind.drilldown(period, kind, agency_id=agency_id, field_id=field_id, commune_id=commune_id,
                          procedure_id=procedure_id, now=now)
    page = Paginator(facts, 50).get_page(request.GET.get("trang"))
    for f in page:
        f.late_now = f.is_open and f.due_adjusted is not None and f.due_adjusted < now
    context = {
        "period": period,
        "kind": kind,
        "kind_label": ind.DRILL_KINDS[kind],
        "agency": Agency.objects.filter(pk=agency_id).first() if agency_id else None,
        "field": Field.objects.filter(pk=field_id).first() if field_id else None,
        "page": page,
        "total": page.paginator.count,
        "query": request.GET.copy(),
        "kinds": [(k, v, _drill(period, k, co_quan=agency_id, linh_vuc=field_id)) for k, v in ind.DRILL_KINDS.items()],
    }
    context["query"].pop("trang", None)
    return render(request, "portal/board/dossiers.html", context)
