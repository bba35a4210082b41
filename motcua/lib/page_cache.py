"""Public pages kept in the shared cache, keyed by exactly what they show.

A page's key is built from the things it depends on (a procedure's version in force, its agency links, the
calendar rows of a year, the date when the page prints it), so a change to any of them makes a new key: nothing
is ever invalidated by hand and nothing stale is served. The same key is the page's ETag, so a browser or a CDN
revalidating gets a 304 without the page being rendered. Entries live in Django's configured cache (Redis when
REDIS_URL is set, the database otherwise), shared by every worker.

Only pages that hold nothing of the visitor go through here: no CSRF token, no user name, no flash messages.

Whole public pages served before the middleware (motcua/ops/public_pages.py) are keyed instead by a version
number per group of data ("catalogue", "calendar", "feedback"): a save or delete of any row of the group bumps
it (signals, connected in ops/apps.py, again when the transaction commits), and so do the bulk writers that send
no signals (`bump(...)` by hand).
"""

import hashlib
import time

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers

MAX_AGE = 300  # seconds a browser or CDN may reuse a public page before revalidating
KEEP = 24 * 3600  # seconds an entry stays in the shared cache; keys change on every edit, so this only frees space


def key_of(*parts) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:40]


def versions(groups) -> list:
    """The current version number of each group; a group without one (first use, or evicted) gets a new one
    from the clock, never a number an older entry may have been stored under."""
    keys = [f"version:{g}" for g in groups]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns())
            found[key] = cache.get(key)
    return [found[k] for k in keys]


def bump(*groups):
    """Give each group a new version now and again when the current transaction commits (a page rendered between
    the write and the commit, from the rows as they were, is then stored under a version nobody asks for)."""
    def new_versions():
        for group in groups:
            try:
                cache.incr(f"version:{group}")
            except ValueError:  # missing: start from the clock
                cache.add(f"version:{group}", time.time_ns())

    new_versions()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(new_versions)


def is_anonymous_reader(request) -> bool:
    """True when a page built on base.html shows this visitor nothing of their own: not signed in, no messages."""
    return not request.user.is_authenticated and len(get_messages(request)) == 0


def cached(name, parts, build):
    """The value kept under `name` and `parts`, built by `build()` and stored when missing."""
    key = f"page:{name}:{key_of(*parts)}"
    value = cache.get(key)
    if value is None:
        value = build()
        if value is not None:
            cache.set(key, value, KEEP)
    return value


def public_response(request, name, parts, build, *, vary_cookie=False):
    """A public response for `parts`: 304 when the client has it, else the cached body (`build()` renders one)."""
    etag = f'"{key_of(name, *parts)}"'
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        def render():
            built = build()
            return None if built.status_code != 200 else (built.content, built["Content-Type"])

        stored = cached(name, parts, render)
        if stored is None:  # not a page to keep (an error): build it again for this request
            return build()
        response = HttpResponse(stored[0], content_type=stored[1])
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    if vary_cookie:  # the page's header differs for a signed-in visitor
        patch_vary_headers(response, ("Cookie",))
    return response
