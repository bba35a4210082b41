from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from motcua.catalogue.models import Field, Procedure
from motcua.catalogue.queries import find_procedures, get_procedure, procedures_by_code
from motcua.dossiers.fees import online_waivers, price_item
from motcua.lib.errors import NotFound
from motcua.lib.page_cache import cached, public_response
from motcua.units.models import Agency

LEVELS = ["Cấp xã", "Cấp tỉnh", "Cấp bộ"]
# Procedures citizens of a commune ask for most (civil status and certification), shown on the home page.
COMMON_CODES = ["1.001193", "1.000894", "1.000656", "2.000635", "2.000815", "2.000908"]


def home(request):
    waivers, bases = online_waivers(province_code=settings.MOTCUA_CITY_PROVINCE_CODE, on=timezone.localdate())
    return render(request, "portal/home.html", {"common": procedures_by_code(COMMON_CODES),
                                                "online_waivers": waivers, "waiver_bases": bases})


def catalogue(request):
    q = request.GET.get("q", "").strip()[:200]
    field_id = _int(request.GET.get("field"))
    level = request.GET.get("level") if request.GET.get("level") in LEVELS else None
    agency_id = _int(request.GET.get("agency"))
    procedures = find_procedures(q, field_id=field_id, level=level, agency_id=agency_id)
    page = Paginator(procedures, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "portal/catalogue.html", {
        "q": q, "page": page, "query": query.urlencode(), "fields": Field.objects.all(), "levels": LEVELS,
        "agencies": Agency.objects.filter(province__code=settings.MOTCUA_CITY_PROVINCE_CODE).exclude(kind=Agency.Kind.COMMUNE_PC),
        "selected": {"field": field_id, "level": level, "agency": agency_id},
    })


def procedure(request, code):
    """The procedure page: its parts come from the shared cache; the assistant widget (CSRF form) is per request."""
    proc, parts = _procedure_key(request, code)
    kept = cached("procedure", parts, lambda: _procedure_parts(request, code))
    page = {"title": kept["title"], "main": mark_safe(kept["main"]), "qr": mark_safe(kept["qr"])}  # our own HTML
    return render(request, "portal/procedure.html", {"procedure": proc, "parts": page})


def procedure_print(request, code):
    """The A4 print view holds nothing of the visitor: public, cached whole, with an ETag."""
    _, parts = _procedure_key(request, code)
    return public_response(request, "procedure_print", parts, lambda: render(
        request, "portal/procedure_print.html", _procedure_context(request, code)))


def _procedure_key(request, code):
    """What the procedure page shows depends on: the version in force, the city's agency links (with what is shown
    of each agency), today (fee waivers have effective dates; the print view prints the date) and the page's URL."""
    proc = Procedure.objects.filter(code=code).only("id", "code", "current_id").first()
    if proc is None or proc.current_id is None:
        raise Http404(f"Không tìm thấy thủ tục có mã {code}.")
    agencies = list(proc.agencies.order_by("id").values_list("id", "name", "address", "kind", "province__code"))
    page_url = request.build_absolute_uri(f"/thu-tuc/{code}/")
    return proc, (code, proc.current_id, agencies, timezone.localdate().isoformat(), page_url)


def _procedure_context(request, code):
    try:
        proc, version = get_procedure(code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    today = timezone.localdate()
    channels = list(version.channels.all())
    for channel in channels:  # what a citizen of this city pays on this channel today, waivers applied
        channel.quotes = [
            price_item(f, province_code=settings.MOTCUA_CITY_PROVINCE_CODE, channel=channel.kind, on=today)
            for f in channel.fees.all()
        ]
    # The implementing agencies are the city's own (units configured for MOTCUA_CITY_PROVINCE_CODE), not the
    # national text, which names a kind of agency ("Ủy ban nhân dân cấp xã") or nothing.
    city_agencies = list(proc.agencies.filter(province__code=settings.MOTCUA_CITY_PROVINCE_CODE).order_by("name"))
    return {"procedure": proc, "v": version, "channels": channels, "city_agencies": city_agencies,
            "page_url": request.build_absolute_uri(f"/thu-tuc/{code}/")}


def _procedure_parts(request, code):
    context = _procedure_context(request, code)
    return {
        "title": context["v"].name,
        "main": render_to_string("portal/_procedure_main.html", context, request=request),
        "qr": render_to_string("portal/_procedure_qr.html", context, request=request),
    }


def _int(value):
    return int(value) if value and value.isdigit() else None
