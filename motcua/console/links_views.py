"""Administrators' pages over the national links: the outside systems, the sync outboxes, the health-record
pilot report and its export. Thin views: the figures come from connections.status, sync.status and
health_pilot.report."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from motcua.connections import status as connection_status
from motcua.health_pilot import report
from motcua.indicators.exports import to_csv, to_xlsx
from motcua.sync import status as sync_status


def administrators_only(view):
    @login_required
    @require_GET
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_superuser:
            return render(request, "console/dashboards/error.html",
                          {"message": "Chỉ quản trị hệ thống được xem trang này."}, status=403)
        return view(request, *args, **kwargs)

    return wrapped


@administrators_only
def connections(request):
    rows = connection_status.overview(check_health=request.GET.get("kiem-tra") == "1")
    return render(request, "console/links/connections.html", {"rows": rows})


@administrators_only
def sync(request):
    return render(request, "console/links/sync.html", {"targets": sync_status.overview()})


@administrators_only
def health_pilot(request, fmt=None):
    table = report.rows()
    if fmt == "csv":
        response = HttpResponse(to_csv(report.HEADERS, report.as_table(table)), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(to_xlsx(report.HEADERS, report.as_table(table), title="Thí điểm hồ sơ sức khỏe"),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        return render(request, "console/links/health_pilot.html", {
            "rows": table, "total": report.totals(table), "synthetic": any(r.synthetic for r in table)})
    response["Content-Disposition"] = f'attachment; filename="thi-diem-ho-so-suc-khoe.{fmt}"'
    return response
