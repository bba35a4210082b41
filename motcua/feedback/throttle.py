"""Rate limits on anonymous filing and on tracking look-ups, kept in Django's cache.

Fixed windows: a counter per (purpose, key, window number) that expires with the window. With several app
processes the cache must be shared (Redis, database cache); the local-memory default limits per process.
Limits are settings so a city can tune them: MOTCUA_FEEDBACK_LIMITS = {"ip": (5, 3600), ...}.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from motcua.lib.errors import DomainError

DEFAULT_LIMITS = {
    "ip": (5, 3600),  # filings per IP address per hour
    "contact": (3, 86400),  # filings per phone number or e-mail per day
    "lookup": (20, 3600),  # tracking look-ups per IP address per hour (the 4-digit second factor)
}


class TooManyRequests(DomainError):
    status = 429


def _limit(purpose):
    return getattr(settings, "MOTCUA_FEEDBACK_LIMITS", {}).get(purpose, DEFAULT_LIMITS[purpose])


def hit(purpose, key, *, at):
    """Count one request for `key`; raise TooManyRequests when the window's allowance is used up."""
    if not key:
        return
    allowed, window = _limit(purpose)
    slot = int(at.timestamp()) // window
    digest = hashlib.sha256(f"{purpose}:{key}".encode()).hexdigest()[:32]
    cache_key = f"motcua:feedback:{purpose}:{digest}:{slot}"
    # add() is atomic: only the first request of a window creates the counter; incr() is atomic on shared caches.
    if cache.add(cache_key, 1, timeout=window):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add() and incr()
            cache.set(cache_key, 1, timeout=window)
            count = 1
    if count > allowed:
        raise TooManyRequests("Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau.")
