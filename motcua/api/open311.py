"""Open311 GeoReport v2 over feedback items, mounted at /open311/v2/ (http://wiki.open311.org/GeoReport_v2).

Services are the feedback categories. Requests are feedback items; `service_request_id` is the item's code.
Only JSON is served. Reading is public and lists only published items, with the public text reviewed at
publication (never the sender's own words); filing needs an `api_key` issued in the admin (Khóa API Open311).
Filings through a key are limited per contact and per key (motcua.limits), not per IP: one app files for many;
reads are limited per client address.
Errors follow the specification: a list of {code, description} with the HTTP status as code.
"""

from datetime import timedelta

from django.db.models import Max
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from motcua.feedback import services
from motcua.feedback.models import Category, Channel, Feedback, Open311ApiKey
from motcua.feedback.workflow import CLOSED_FOR_CITIZEN, State
from motcua.lib.errors import DomainError
from motcua.limits import services as limits
from motcua.units.models import Agency

GROUP = "Phản ánh, kiến nghị"
KEYWORDS = {
    Category.PROCEDURE: "thủ tục hành chính, hồ sơ, giấy tờ, thời hạn",
    Category.CONDUCT: "cán bộ, công chức, thái độ, hành vi",
    Category.REGULATION: "quy định, chính sách, văn bản",
}
DESCRIPTIONS = {
    Category.PROCEDURE: "Phản ánh, kiến nghị về thủ tục hành chính và việc giải quyết hồ sơ.",
    Category.CONDUCT: "Phản ánh về hành vi, thái độ của cán bộ, công chức khi giải quyết công việc.",
    Category.REGULATION: "Kiến nghị về quy định hành chính (Nghị định 20/2008/NĐ-CP).",
}
ATTRIBUTES = [
    ("title", "Tiêu đề ngắn của phản ánh (mặc định lấy từ đầu nội dung)."),
    ("procedure_code", "Mã thủ tục hành chính liên quan, ví dụ 1.001193."),
    ("agency_code", "Mã cơ quan xử lý, ví dụ T01-SO-TP (mặc định: Trung tâm Phục vụ hành chính công)."),
]
MAX_RESULTS = 1000
DEFAULT_DAYS = 90


def _error(status, description):
    return JsonResponse([{"code": status, "description": description}], status=status, safe=False)


def _iso(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def _service(category):
    return {
        "service_code": category.value,
        "service_name": str(category.label),
        "description": DESCRIPTIONS[category],
        "metadata": True,
        "type": "realtime",
        "keywords": KEYWORDS[category],
        "group": GROUP,
    }


@require_GET
def service_list(request):
    return JsonResponse([_service(c) for c in Category], safe=False)


@require_GET
def service_definition(request, code):
    if code not in Category.values:
        return _error(404, "Không có loại phản ánh với mã này.")
    attributes = [
        {"variable": True, "code": name, "datatype": "string", "required": False, "datatype_description": text,
         "order": order, "description": text, "values": []}
        for order, (name, text) in enumerate(ATTRIBUTES, start=1)
    ]
    return JsonResponse({"service_code": code, "attributes": attributes})


def _status_notes(item):
    return f"{State(item.state).label}. {item.public_answer}"


def _request(item):
    description = item.public_content
    due = timezone.localtime(item.due_at).strftime("%d/%m/%Y %H:%M") if item.due_at else ""
    return {
        "service_request_id": item.code,
        "status": "closed" if item.state in CLOSED_FOR_CITIZEN else "open",
        "status_notes": _status_notes(item),
        "service_name": str(Category(item.category).label),
        "service_code": item.category,
        "description": description,
        "agency_responsible": item.agency.name if item.agency else "",
        "service_notice": f"Hạn xử lý: {due}" if due else "",
        "requested_datetime": _iso(item.received_at),
        "updated_datetime": _iso(getattr(item, "updated_at", None) or item.received_at),
        "expected_datetime": _iso(item.due_at),
        "address": "",  # the sender's address and position are not part of the reviewed public text
        "address_id": None,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": "",
    }


def _requests():
    """Published items only: their public text was masked and reviewed when the answer was published."""
    return (Feedback.objects.filter(state=State.PUBLISHED, published_at__isnull=False).select_related("agency")
            .annotate(updated_at=Max("events__at")))


def _parse_moment(value, name):
    try:
        moment = parse_datetime(value)
    except ValueError:  # well formed but not a real moment, e.g. 2026-02-30
        moment = None
    if moment is None:
        raise DomainError(f"Tham số {name} phải là thời điểm W3C, ví dụ 2026-05-04T08:00:00+07:00.")
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _filtered(params):
    items = _requests().order_by("-received_at")
    ids = [i.strip().upper() for i in params.get("service_request_id", "").split(",") if i.strip()]
    if ids:
        return items.filter(code__in=ids)
    codes = [c.strip() for c in params.get("service_code", "").split(",") if c.strip()]
    if codes:
        items = items.filter(category__in=codes)
    end = _parse_moment(params["end_date"], "end_date") if params.get("end_date") else timezone.now()
    start = _parse_moment(params["start_date"], "start_date") if params.get("start_date") else None
    items = items.filter(received_at__gte=start or end - timedelta(days=DEFAULT_DAYS), received_at__lte=end)
    statuses = {s.strip() for s in params.get("status", "").split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        raise DomainError("Tham số status chỉ nhận open hoặc closed.")
    if statuses == {"open"}:
        items = items.exclude(state__in=CLOSED_FOR_CITIZEN)
    elif statuses == {"closed"}:
        items = items.filter(state__in=CLOSED_FOR_CITIZEN)
    return items


def _check_api_key(key):
    api_key = Open311ApiKey.objects.filter(key=key or "", is_active=True).first() if key else None
    if api_key is None:
        return None
    Open311ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=timezone.now())
    return api_key


def _agency(code):
    if not code:
        return None
    agency = Agency.objects.filter(code=code, is_active=True).first()
    if agency is None:
        raise DomainError(f"Không có cơ quan mã {code}.")
    return agency


def _file(request):
    data = request.POST
    api_key = _check_api_key(data.get("api_key"))
    if api_key is None:
        return _error(403, "Thiếu hoặc sai api_key.")
    limits.take("open311_key", api_key.pk)
    if data.get("service_code") not in Category.values:
        return _error(404, "Không có loại phản ánh với mã service_code này.")
    description = data.get("description", "")
    name = " ".join(p for p in (data.get("first_name", "").strip(), data.get("last_name", "").strip()) if p)
    item = services.file_feedback(
        category=data["service_code"],
        title=data.get("attribute[title]") or description.strip()[:80],
        content=description,
        channel=Channel.OPEN311,
        at=timezone.now(),
        citizen_name=name,
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        address=data.get("address_string", ""),
        latitude=data.get("lat"),
        longitude=data.get("long"),
        procedure_code=data.get("attribute[procedure_code]", ""),
        agency=_agency(data.get("attribute[agency_code]")),
    )
    notice = f"Mã phản ánh {item.code}. Tra cứu bằng mã và 4 số cuối điện thoại (hoặc 4 ký tự cuối trước @)."
    body = [{"service_request_id": item.code, "service_notice": notice, "account_id": None}]
    return JsonResponse(body, status=201, safe=False)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def request_list(request):
    try:
        if request.method == "POST":
            return _file(request)
        limits.take("open311_read", request.META.get("REMOTE_ADDR", ""))
        items = _filtered(request.GET)[:MAX_RESULTS]
        return JsonResponse([_request(item) for item in items], safe=False)
    except DomainError as exc:
        return _error(exc.status, exc.message)


@require_GET
def request_detail(request, code):
    try:
        limits.take("open311_read", request.META.get("REMOTE_ADDR", ""))
    except DomainError as exc:
        return _error(exc.status, exc.message)
    item = _requests().filter(code=code.upper()).first()
    if item is None:
        return _error(404, "Không tìm thấy phản ánh với mã này.")
    return JsonResponse([_request(item)], safe=False)


urlpatterns = [
    path("services.json", service_list, name="open311-services"),
    path("services/<str:code>.json", service_definition, name="open311-service"),
    path("requests.json", request_list, name="open311-requests"),
    path("requests/<str:code>.json", request_detail, name="open311-request"),
]
