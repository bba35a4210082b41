"""Public pages for visitors who are not signed in, served whole from the shared cache before the middleware.

A citizen reading a procedure, the catalogue, a search, the calendar or the published feedback sends no session
cookie and sees what every other such visitor sees. For those requests the response stored by the first one is
answered at once, without sessions, CSRF, authentication, messages or the view. The key is made of the URL
(scheme, host, path, query string), today's date (pages print it and fees have effective dates) and the version
of each group of data the page shows (motcua/lib/page_cache.py: bumped by every save or delete of a row of the
group), so an edit in the admin is seen by the next request. The board, recomputed at most once a minute anyway
(portal/board_views.py), is kept for 30 seconds instead.

Every such answer carries an ETag (its key), Last-Modified (when it was built) and `Cache-Control: public`, so a
browser or a CDN revalidates with a 304; `Vary: Cookie` keeps a signed-in visitor's page out of shared caches.
Requests with a session, flash messages or an Authorization header, and responses that set a cookie or are
private, never go through here.
"""

import hashlib
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from motcua.lib.page_cache import bump, versions
from motcua.lib.replica import on_primary

# Which apps' rows each group of public pages shows; rows of other apps that belong to a group (a procedure's route:
# intake reads it with the procedure from the shared cache, dossiers.in_force); rows of those apps that no page
# shows (who viewed which dossier: written on every staff view, they would otherwise renew every public page).
GROUP_APPS = {"catalogue": {"catalogue", "units", "guides"}, "calendar": {"workdays"}, "feedback": {"feedback"}}
GROUP_MODELS = {"catalogue": {"dossiers.routetemplate"}}
NOT_SHOWN = {"units.viewrecord"}
DAY = 24 * 3600  # keys change on every edit; the time an entry is kept only frees space
SEARCH_KEEP = 120  # a searched page (`q=`) is kept two minutes: the popular queries stay, the rare ones go
MAX_QUERY = 200  # longer query strings are answered by the view and not kept
NO_FAST_PATH_COOKIES = (settings.SESSION_COOKIE_NAME, "messages", settings.LANGUAGE_COOKIE_NAME)


@dataclass(frozen=True)
class Route:
    pattern: re.Pattern
    groups: tuple
    keep: int = DAY  # seconds in the shared cache
    max_age: int = 300  # seconds a browser or CDN may reuse it before revalidating
    by_clock: bool = False  # no version to follow: the key changes every `keep` seconds


ROUTES = [
    Route(re.compile(r"/"), ("catalogue",)),  # home: common procedures, online fee waivers
    Route(re.compile(r"/thu-tuc/"), ("catalogue",)),  # catalogue and its searches
    Route(re.compile(r"/thu-tuc/[^/]+/"), ("catalogue",)),  # procedure page
    Route(re.compile(r"/thu-tuc/[^/]+/in/"), ("catalogue",)),  # its print view
    Route(re.compile(r"/api/procedures"), ("catalogue",)),  # API search
    Route(re.compile(r"/api/procedures/[^/]+"), ("catalogue",)),  # API detail
    Route(re.compile(r"/lich-lam-viec/"), ("calendar",)),
    Route(re.compile(r"/phan-anh/"), ("feedback",)),  # published feedback
    Route(re.compile(r"/phan-anh/cong-khai/\d+/"), ("feedback",)),
    Route(re.compile(r"/bang-chi-so/"), (), keep=30, max_age=30, by_clock=True),
]


def route_of(request):
    """The route of a request that may be answered from the shared cache, or None."""
    if request.method != "GET" or "authorization" in request.headers:
        return None
    if any(name in request.COOKIES for name in NO_FAST_PATH_COOKIES):
        return None
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY:
        return None
    return next((r for r in ROUTES if r.pattern.fullmatch(request.path_info)), None)


class PublicPages:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        route = route_of(request)
        if route is None:
            return self.get_response(request)
        query = request.META.get("QUERY_STRING", "")
        searched = "q=" in query and not route.by_clock
        keep = SEARCH_KEEP if searched else route.keep
        max_age = min(route.max_age, SEARCH_KEEP // 2) if searched else route.max_age
        clock = int(time.time() // keep) if route.by_clock else None
        parts = (request.scheme, request.get_host(), request.path, query, timezone.localdate().isoformat(), clock,
                 versions(route.groups))
        key = hashlib.sha256(repr(parts).encode()).hexdigest()[:40]
        etag = f'"{key}"'
        if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
            return _public(HttpResponseNotModified(), etag, None, max_age)
        stored = cache.get(f"public:{key}")
        if stored is not None:
            headers, content, built = stored
            since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
            if since is not None and since >= built and "If-None-Match" not in request.headers:
                return _public(HttpResponseNotModified(), etag, built, max_age)
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return _public(response, etag, built, max_age)
        with on_primary():  # a lagging replica could build the page as it was and store it under the new version
            response = self.get_response(request)
        if _keepable(response):
            built = int(time.time())
            headers = [(k, v) for k, v in response.items() if k not in ("ETag", "Cache-Control", "Last-Modified")]
            cache.set(f"public:{key}", (headers, response.content, built), keep)
            _public(response, etag, built, max_age)
        return response


def _keepable(response):
    control = response.get("Cache-Control", "")
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and "private" not in control and "no-store" not in control)


def _public(response, etag, built, max_age):
    response["ETag"] = etag
    if built is not None:
        response["Last-Modified"] = http_date(built)
    if "Cache-Control" in response:
        del response["Cache-Control"]
    patch_cache_control(response, public=True, max_age=max_age)
    patch_vary_headers(response, ("Cookie",))
    return response


def data_changed(sender, **kwargs):
    """post_save / post_delete / m2m_changed: a row of a group's app changed, so its pages get a new version."""
    if sender.__module__ == "__fake__":  # a migration's historical model: no page was served from that database yet
        return
    if kwargs.get("action", "post_").startswith("post_") and sender._meta.label_lower not in NOT_SHOWN:
        app, label = sender._meta.app_label, sender._meta.label_lower
        changed = [group for group, apps in GROUP_APPS.items() if app in apps or label in GROUP_MODELS.get(group, ())]
        if changed:
            bump(*changed)


def catalogue_changed(sender, **kwargs):
    """versions_created: the importer wrote versions in bulk (no row signals) and names what it changed."""
    bump("catalogue")
