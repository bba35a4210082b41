from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from motcua.catalogue.models import Field
from motcua.catalogue.queries import find_procedures, get_procedure, procedures_by_code
from motcua.dossiers.fees import online_waivers, price_item
from motcua.lib.errors import NotFound
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


def procedure(request, code, template="portal/procedure.html"):
    try:
        proc, version = get_procedure(code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    page_url = request.build_absolute_uri(request.path.replace("/in/", "/"))
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
    return render(request, template, {"procedure": proc, "v": version, "channels": channels, "page_url": page_url,
                                      "city_agencies": city_agencies})


def procedure_print(request, code):
    return procedure(request, code, template="portal/procedure_print.html")


def _int(value):
    return int(value) if value and value.isdigit() else None
