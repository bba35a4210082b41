"""The adapter base against a real loopback receiver: retries, the breaker shared through the database, the
recorded calls behind the status page."""

import dataclasses

import pytest

from motcua.connections import breaker, registry, status
from motcua.connections.errors import Unavailable
from motcua.connections.models import ConnectionCall

from .sandbox import running, set_mode


@pytest.fixture(scope="session")
def portal_url():
    with running("national_portal", "--state", ":memory:") as url:
        yield url


@pytest.fixture
def portal(portal_url, db):
    set_mode(portal_url, down=False, fail_rate=0, delay_ms=0, drop_rate=0)
    system = dataclasses.replace(registry.get("national_portal"), retries=2, backoff_base=0, breaker_threshold=2,
                                 breaker_reset=3600)
    yield system.adapter(system, portal_url)
    set_mode(portal_url, down=False)


def test_every_system_is_registered_with_its_sandbox():
    names = set(registry.systems())
    assert {"national_portal", "national_pakn", "population_registry", "health_records", "payment", "sms"} <= names
    assert registry.get("health_records").sandbox == "health_records"
    assert not registry.get("population_registry").placeholder  # connected by identity/registry.py


def test_health_and_recorded_latency(portal):
    assert portal.health()["ok"]
    [row] = [r for r in status.overview() if r.system.name == "national_portal"]
    assert row.calls == 1 and row.errors == 0 and row.p95_ms is not None and row.last_success_at


def test_outage_is_retried_then_opens_the_breaker(portal, portal_url):
    set_mode(portal_url, down=True)
    with pytest.raises(Unavailable):
        portal.send([{"key": "x"}])
    # One call and its two retries, each recorded.
    assert ConnectionCall.objects.filter(system="national_portal", ok=False).count() == 3
    with pytest.raises(Unavailable):
        portal.send([{"key": "x"}])
    assert breaker.is_open("national_portal", threshold=2, reset_after=3600)
    calls = ConnectionCall.objects.count()
    with pytest.raises(Unavailable):  # open: fails at once, without a call
        portal.send([{"key": "x"}])
    assert ConnectionCall.objects.count() == calls
    [row] = [r for r in status.overview() if r.system.name == "national_portal"]
    assert row.error_rate == 1.0 and row.last_error == "HTTP 503"
