"""`Cache-Control: private, no-store` over every URL of the URLconf (the authorisation matrix's routes and city).

Each URL is either personal (motcua.ops.private_pages.PERSONAL: it answers no-store to everyone, whatever its
status) or named public below; a new route that is neither fails here until someone decides which it is.
Signed in, every answer is personal.
"""

import pytest

from motcua.ops.private_pages import is_personal

from .test_authorisation_matrix import _values, fill, routes

pytestmark = pytest.mark.django_db

# Pages anyone may keep: the catalogue, published feedback, the calendar, the public board, surveys, the hall's
# kiosk, display and voice, programmes and waiting times, Open311 (published items only), the API's public reads.
PUBLIC = ("/thu-tuc/", "/phan-anh/cong-khai/", "/lich-lam-viec/", "/bang-chi-so/", "/khao-sat/", "/mot-cua/",
          "/chuong-trinh/", "/thoi-gian-cho/", "/open311/", "/api/openapi.json", "/api/docs", "/api/procedures",
          "/api/queue/", "/api/programmes")
PUBLIC_EXACT = ("/", "/phan-anh/", "/api/")


def _private(response):
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def test_every_personal_url_answers_no_store_and_every_url_is_classified(city, client):
    w, dossier, item, _other = city
    urls = sorted({fill(route, _values(w, dossier, item)) for route, _name in routes()
                   if not route.lstrip("^").startswith(("static/", "media/"))} | {"/media/tep.pdf"})
    unclassified = [u for u in urls if not is_personal(u) and u not in PUBLIC_EXACT and not u.startswith(PUBLIC)]
    assert unclassified == []
    client.raise_request_exception = False
    cached = []
    for who in (None, w.anh, w.minh):
        client.logout()
        if who is not None:
            client.force_login(who)
        for url in urls:
            for method in ("get", "post"):
                if who is None and not is_personal(url) or who is not None and url == "/tai-khoan/dang-xuat/":
                    continue  # anonymous on public pages; signing out would leave the rest anonymous
                response = getattr(client, method)(url)
                if not _private(response):
                    cached.append(f"{who or 'anonymous'} {method.upper()} {url}: {response.status_code} "
                                  f"{response.get('Cache-Control')!r}")
    personal = sum(map(is_personal, urls))
    print(f"private pages: {len(urls)} URLs, {personal} personal, {len(urls) - personal} public")
    assert cached == [], "\n".join(cached)
    assert personal > 40


def test_public_pages_stay_cacheable_for_anonymous_visitors(client):
    for url in ("/thu-tuc/", "/lich-lam-viec/", "/phan-anh/"):
        assert "no-store" not in client.get(url).get("Cache-Control", ""), url
