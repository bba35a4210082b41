"""The authorisation matrix: every URL of the URLconf × every role, discovered, not listed by hand.

For each route the path parameters are filled with real values of a small city (conftest.py: a dossier of the
citizen Ánh received by the service centre, a feedback item, the agencies and staff). Each role asks for each URL (GET,
then an empty POST). Nothing may answer 500, and no role outside the dossier's circle (anonymous, another
citizen, staff of an unrelated ward) may see its applicant's ID number, phone or e-mail, or reach a staff page.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db
SECRETS = ("001190012345", "0912345678", "0912 345 678", "anh.secret@example.vn")


def routes(patterns=None, prefix=""):
    """Every route of the URLconf as (route text with <params>, name), admin's model pages left out."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        text = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if text.startswith("quan-tri/"):
                yield "quan-tri/", "admin"
                continue
            yield from routes(entry.url_patterns, text)
        elif isinstance(entry, URLPattern):
            yield text, entry.name


def fill(route, values):
    import re

    route = route.lstrip("^").rstrip("$").replace("\\Z", "")

    def value(match):
        name = match.group(2)
        return str(values(route, name))

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


def _values(w, dossier, item):
    def value(route, name):
        if name in ("code", "public_id") and route.startswith("phan-anh") or "feedback" in route:
            return item.code
        return {"code": dossier.public_id, "reference": dossier.reference, "public_id": dossier.public_id,
                "agency_id": w.centre.pk, "user_id": w.lan.pk, "agency_code": w.centre.code,
                "procedure_code": w.procedure.code}.get(name, dossier.public_id if "code" in name else 1)
    return value


def test_every_url_for_every_role(city, client):
    w, dossier, item, other = city
    roles = {"anonymous": None, "owner": w.anh, "other_citizen": other, "reception": w.lan, "head": w.minh,
             "handler": w.binh, "other_unit": w.hung}
    outsiders = {"anonymous", "other_citizen", "other_unit"}
    urls = sorted({fill(route, _values(w, dossier, item)) for route, _name in routes()
                   if not route.startswith(("static/", "media/"))})
    client.raise_request_exception = False  # a 500 is collected and reported, not raised
    tried, errors, leaks, staff_pages_reached = 0, [], [], []
    for role, user in roles.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in urls:
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                tried += 1
                if response.status_code >= 500 and response.status_code != 503:  # 503: an outside system is down
                    errors.append(f"{role} {method.upper()} {url}: {response.status_code}")
                    continue
                body = response.content.decode("utf-8", "replace") if not response.streaming else ""
                if role in outsiders and response.status_code == 200 and any(s in body for s in SECRETS):
                    leaks.append(f"{role} {method.upper()} {url}")
                if (role in ("anonymous", "owner", "other_citizen") and url.startswith("/can-bo/")
                        and response.status_code == 200):
                    staff_pages_reached.append(f"{role} {method.upper()} {url}")
    print(f"authorisation matrix: {len(urls)} URLs × {len(roles)} roles × 2 methods = {tried} requests, "
          f"{len(errors)} errors, {len(leaks)} leaks")
    assert errors == [] and leaks == [] and staff_pages_reached == [], (errors, leaks, staff_pages_reached)
    assert len(urls) > 40
