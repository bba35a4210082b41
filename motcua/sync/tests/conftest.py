import dataclasses

import pytest

from motcua.connections import registry
from motcua.connections.tests.sandbox import running, set_mode
from motcua.dossiers.tests.base import make_version


@pytest.fixture(scope="session")
def portal_url():
    with running("national_portal", "--state", ":memory:") as url:
        yield url


@pytest.fixture(scope="session")
def pakn_url():
    with running("national_pakn", "--state", ":memory:") as url:
        yield url


def fast(name, url):
    """The registered adapter without waits: no backoff sleeps, a breaker that lets every probe through."""
    system = dataclasses.replace(registry.get(name), retries=1, backoff_base=0, breaker_reset=0)
    return system.adapter(system, url)


@pytest.fixture
def portal(portal_url, db):
    set_mode(portal_url, down=False, fail_rate=0, delay_ms=0, drop_rate=0)
    yield fast("national_portal", portal_url)
    set_mode(portal_url, down=False, fail_rate=0, delay_ms=0, drop_rate=0)


@pytest.fixture
def pakn(pakn_url, db):
    set_mode(pakn_url, down=False, fail_rate=0, delay_ms=0, drop_rate=0)
    return fast("national_pakn", pakn_url)


@pytest.fixture
def version(world):
    # A 0-đồng line beside a paid one: both must reach the national portal.
    return make_version(world.centre, fees=[(0, "hdnd", False), (50_000, "mof", True)])
