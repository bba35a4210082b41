"""Shared limits: exact counts, windows that open with the first hit and are never extended, both stores."""

import hashlib
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from motcua.limits import services as limits
from motcua.limits.models import Counter

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["database", "redis"])
def store(request, settings):
    if request.param == "redis":
        redis = pytest.importorskip("redis")
        url = "redis://127.0.0.1:6379/6"
        try:
            redis.Redis.from_url(url).ping()
        except redis.exceptions.ConnectionError:
            pytest.skip("no Redis on 127.0.0.1:6379")
        redis.Redis.from_url(url).flushdb()
        settings.REDIS_URL = url
    else:
        settings.REDIS_URL = ""
    settings.MOTCUA_LIMITS = {"feedback_address": (3, 60)}
    return request.param


def test_take_allows_exactly_the_budget(store):
    for _ in range(3):
        limits.take("feedback_address", "198.51.100.1")
    with pytest.raises(limits.TooManyRequests) as refused:
        limits.take("feedback_address", "198.51.100.1")
    assert refused.value.status == 429 and "quá nhiều" in refused.value.message
    limits.take("feedback_address", "198.51.100.2")  # another key has its own budget


def test_refused_requests_do_not_extend_the_window(store):
    if store == "redis":
        pytest.skip("Redis keeps its own clock; the expiry is set once by the script (checked by its TTL)")
    start = timezone.now()
    for _ in range(3):
        limits.take("feedback_address", "k")
    with time_machine.travel(start + timedelta(seconds=59)):
        with pytest.raises(limits.TooManyRequests):
            limits.take("feedback_address", "k")  # a retry near the end of the window
    with time_machine.travel(start + timedelta(seconds=61)):
        limits.take("feedback_address", "k")  # the window closed when it was due, not a minute after the retry


def test_redis_window_keeps_its_first_expiry(store, settings):
    if store != "redis":
        pytest.skip("Redis only")
    for _ in range(5):
        limits.hit("feedback_address", "k")
    store_ = limits._store()
    ttl = store_.client.ttl(limits._key("feedback_address", "k"))
    assert 0 < ttl <= 60 and limits.count("feedback_address", "k") == 5


def test_refund_gives_a_place_back_and_never_goes_below_zero(store):
    limits.hit("feedback_address", "k")
    limits.refund("feedback_address", "k")
    limits.refund("feedback_address", "k")
    assert limits.count("feedback_address", "k") == 0


def test_keys_are_not_stored_in_clear(store, settings):
    limits.hit("feedback_address", "0912345678")
    stored = limits._key("feedback_address", "0912345678")
    assert hashlib.sha256(b"0912345678").hexdigest()[:40] not in stored  # anyone could hash a guessed number
    settings.SECRET_KEY = "another-" + settings.SECRET_KEY
    assert limits._key("feedback_address", "0912345678") != stored  # the hash is keyed
    if store == "database":
        assert "0912345678" not in Counter.objects.get().key


def test_purge_removes_closed_windows():
    limits.hit("feedback_address", "a")
    assert limits.purge_expired(now=timezone.now() + timedelta(days=2)) == 1
