"""Rate limits shared by every app process, exact across workers and restarts.

A limit allows `allowed` hits of one key in a window of `window` seconds that opens with the key's first hit
and closes `window` seconds later, whatever happens in between: refused hits never extend it. Counters live in
Redis when REDIS_URL is set (one atomic script per hit) and otherwise in the
database (`Counter`, one row per open window, incremented by UPDATE ... count + 1 under the row lock).

Keys are hashed with a secret before they are stored (HMAC keyed by SECRET_KEY), so addresses, phone numbers and
dossier codes are not kept in clear and cannot be found again by hashing a guessed number.
The figures are settings a city may tune: MOTCUA_LIMITS = {"tracking_code": (20, 900), ...}.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.lib.errors import DomainError

from .models import Counter

DEFAULTS = {
    # Public tracking: wrong four-digit answers per dossier code, and per client address (see dossiers.access).
    "tracking_code": (20, 15 * 60),
    "tracking_address": (20, 15 * 60),
    "tracking_pair": (1, 15 * 60),  # marks a (client address, code) pair that got a wrong answer
    # Feedback filing (PAKN) without an account: per client address per hour, per phone or e-mail per day.
    "feedback_address": (5, 3600),
    "feedback_contact": (3, 86400),
    # Feedback progress look-ups (code + four digits) per client address per hour.
    "feedback_lookup": (20, 3600),
    # Devices of the office hall: presses per device per minute. The counter rating tablet (a citizen presses
    # once; a stuck button or a script does not fill the officer's record), a ticket kiosk (per agency and
    # address: a script does not fill the queue), a counter's call and recall buttons (a stuck button does not
    # call the queue empty).
    "counter_press": (30, 60),
    # The office: tickets and bookings that text a phone number, per number; help-at-home requests per address.
    # (No limit per address on tickets: a kiosk issues every ticket of its hall from one address.)
    "ticket_phone": (10, 86400),
    "booking_phone": (5, 86400),
    "home_visit_address": (10, 3600),
    # Open311: filings per API key per hour (one app files for many), reads per client address per hour.
    "open311_key": (300, 3600),
    "open311_read": (600, 3600),
    # Draft uploads of the online application: bytes per draft (one session's application) and per client
    # address per hour.
    "draft_session": (60 * 1024 * 1024, 3600),
    "draft_address": (300 * 1024 * 1024, 3600),
}


class TooManyRequests(DomainError):
    status = 429


@dataclass(frozen=True)
class Limit:
    name: str
    allowed: int
    window: int


def limit(name):
    allowed, window = getattr(settings, "MOTCUA_LIMITS", {}).get(name, DEFAULTS[name])
    return Limit(name, allowed, window)


def _key(name, key):
    digest = hmac.new(settings.SECRET_KEY.encode(), str(key).encode(), hashlib.sha256).hexdigest()[:40]
    return f"motcua:limit:{name}:{digest}"


def hit(name, key, amount=1):
    """Add `amount` to `key`'s counter under limit `name` and return the new count (the window opens now if
    none is open)."""
    rule = limit(name)
    return _store().add(_key(name, key), amount, rule.window)


def count(name, key):
    """The count of `key` in the open window (0 if none)."""
    return _store().get(_key(name, key))


def refund(name, key, amount=1):
    """Take back `amount` hits (a reservation that turned out not to count); never below zero."""
    _store().add(_key(name, key), -amount, limit(name).window)


def take(name, key, message=None, *, amount=1):
    """Count `amount` (one request, or the bytes of an upload) for `key`; raise TooManyRequests once the
    window's allowance is used up.

    The hit is counted before it is judged, so concurrent requests in several processes never pass more than
    `allowed` between them. A refused amount larger than one is given back (a smaller file may still fit).
    """
    if key in (None, ""):
        return
    if hit(name, key, amount) > limit(name).allowed:
        if amount > 1:
            refund(name, key, amount)
        raise TooManyRequests(message or _("Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử "
                                           "lại sau."))


def reset(name, key):
    _store().delete(_key(name, key))


class DatabaseStore:
    def add(self, key, amount, window):
        now = timezone.now()
        for _attempt in range(3):
            with transaction.atomic():
                if Counter.objects.filter(key=key, expires_at__gt=now).update(count=Greatest(F("count") + amount, 0)):
                    return Counter.objects.filter(key=key).values_list("count", flat=True).get()
                if amount < 0:
                    return 0
                Counter.objects.filter(key=key, expires_at__lte=now).delete()
                try:
                    with transaction.atomic():
                        Counter.objects.create(key=key, count=max(amount, 0), expires_at=now + timedelta(seconds=window))
                    return max(amount, 0)
                except IntegrityError:  # another process opened the window first: count on it
                    continue
        raise RuntimeError(f"rate-limit counter {key} could not be updated")

    def get(self, key):
        row = Counter.objects.filter(key=key, expires_at__gt=timezone.now()).values_list("count", flat=True)
        return next(iter(row), 0)

    def delete(self, key):
        Counter.objects.filter(key=key).delete()


class RedisStore:
    """Redis (REDIS_URL): one Lua script increments and, when the key has no expiry yet, opens the window, so a
    window can never lose its expiry between two commands."""

    SCRIPT = """
    local v = redis.call('INCRBY', KEYS[1], ARGV[1])
    if v < 0 then v = 0; redis.call('SET', KEYS[1], 0, 'KEEPTTL') end
    if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
    return v
    """

    def __init__(self, url):
        import redis

        self.client = redis.Redis.from_url(url)
        self.script = self.client.register_script(self.SCRIPT)

    def add(self, key, amount, window):
        return max(int(self.script(keys=[key], args=[amount, window])), 0)

    def get(self, key):
        value = self.client.get(key)
        return int(value) if value else 0

    def delete(self, key):
        self.client.delete(key)


_redis = {}


def _store():
    url = getattr(settings, "REDIS_URL", "")
    if not url:
        return DatabaseStore()
    if url not in _redis:
        _redis[url] = RedisStore(url)
    return _redis[url]


def purge_expired(*, now=None):
    """Delete the database windows that have closed (the worker calls this with purge_drafts)."""
    return Counter.objects.filter(expires_at__lte=now or timezone.now()).delete()[0]
