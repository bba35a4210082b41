"""The read-replica router: public reads go to the replica, writes and own pages to the primary, a client that
just wrote reads from the primary, and a failed or lagging replica is left aside for every process.

The "replica" alias mirrors the test database (settings: TEST MIRROR), over a connection of its own, so the
tests commit (transaction=True) for the replica connection to see the rows.
"""

import time

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connections
from django.test.utils import CaptureQueriesContext

from motcua.catalogue.models import Procedure
from motcua.lib import replica
from motcua.ops.replica_reads import COOKIE
from motcua.units.models import Agency, Delegation, Membership

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture(autouse=True)
def _past_the_public_cache(client):
    """A session cookie (of nobody signed in) takes requests past the public pages' cache (ops/public_pages.py),
    to the views whose reads these tests follow."""
    client.cookies["sessionid"] = "no-such-session"


@pytest.fixture
def with_replica(settings):
    settings.MOTCUA_REPLICA = True
    cache.set(replica.STATE_KEY, {"ok": True, "lag": 0.0, "reason": "", "at": time.time()}, 60)
    yield
    cache.delete(replica.STATE_KEY)


def queries_on(alias, client, url, **kwargs):
    with CaptureQueriesContext(connections[alias]) as captured:
        response = client.get(url, **kwargs)
    assert response.status_code == 200, response.content[:300]
    return [q["sql"] for q in captured.captured_queries]


def test_without_a_replica_everything_reads_the_primary(client):
    assert queries_on("replica", client, "/thu-tuc/") == []
    with replica.reads_from_replica():
        assert Procedure.objects.all().db == "default"


def test_router_sends_reads_in_a_replica_block_there_and_writes_to_the_primary(with_replica):
    with replica.reads_from_replica():
        assert Procedure.objects.all().db == "replica"
        assert Session.objects.all().db == "default"  # who is signed in is always read fresh
        assert Membership.objects.all().db == Delegation.objects.all().db == "default"  # and who may see what
        assert Agency.objects.all().db == "replica"
        with replica.on_primary():
            assert Procedure.objects.all().db == "default"
    assert Procedure.objects.all().db == "default"
    assert replica.ReplicaRouter().db_for_write(Procedure) == "default"
    assert replica.ReplicaRouter().allow_migrate("replica", "catalogue") is False


def test_public_pages_read_the_replica_and_own_pages_the_primary(client, with_replica):
    assert any("catalogue_procedure" in q for q in queries_on("replica", client, "/thu-tuc/"))
    assert queries_on("replica", client, "/api/procedures?q=khai+sinh")
    assert queries_on("replica", client, "/tra-cuu/") == []  # tracking is the citizen's own: primary
    assert not replica.reading_from_replica()  # the choice ended with the request
    with replica.on_primary():  # e.g. a page built to be cached under a version key a write just bumped
        assert queries_on("replica", client, "/thu-tuc/") == []


def test_a_client_that_just_wrote_reads_the_primary(client, with_replica):
    response = client.post("/phan-anh/gui/", {})  # any write, even a refused one, may have changed something
    assert COOKIE in response.cookies
    assert response.cookies[COOKIE]["max-age"] == replica.READ_YOUR_WRITES
    assert queries_on("replica", client, "/thu-tuc/") == []
    client.cookies[COOKIE] = "forged"  # a cookie not signed by us changes nothing
    assert queries_on("replica", client, "/thu-tuc/")


def test_a_stopped_replica_is_left_aside_and_the_page_still_served(client, with_replica):
    conn = connections["replica"]
    conn.close()  # PostgreSQL; an in-memory SQLite mirror ignores close(), so its connection is set aside
    open_connection, conn.connection = conn.connection, None
    saved = dict(conn.settings_dict)
    if conn.vendor == "postgresql":
        conn.settings_dict["PORT"] = "1"  # nothing listens there: connection refused, like a stopped server
    else:
        conn.settings_dict["NAME"] = "/nonexistent/replica.sqlite3"
    try:
        response = client.get("/thu-tuc/")
        assert response.status_code == 200
        state = cache.get(replica.STATE_KEY)
        assert state["ok"] is False  # told to every process through the shared cache
        # No second attempt while it is down: the next page reads the primary at once.
        assert any("catalogue_procedure" in q for q in queries_on("default", client, "/thu-tuc/"))
        # A probe finds it still down.
        assert replica.probe()["ok"] is False
    finally:
        conn.settings_dict.clear()
        conn.settings_dict.update(saved)
        conn.connection = open_connection


def test_a_stale_answer_is_probed_again_once_and_a_primary_is_no_standby(client, with_replica):
    cache.set(replica.STATE_KEY, {"ok": True, "lag": 0.0, "reason": "", "at": time.time() - 60}, 60)
    cache.delete(replica.PROBE_LOCK_KEY)
    # The mirror of the test database is no standby (PostgreSQL) or has no replication functions (SQLite):
    # the probe refuses it, and the page is served from the primary.
    assert client.get("/thu-tuc/").status_code == 200
    state = cache.get(replica.STATE_KEY)
    assert state["ok"] is False and time.time() - state["at"] < 5
    assert queries_on("replica", client, "/thu-tuc/") == []


def test_a_lagging_replica_is_left_aside(client, with_replica):
    cache.set(replica.STATE_KEY, {"ok": False, "lag": replica.MAX_LAG + 1, "reason": "", "at": time.time()}, 60)
    assert queries_on("replica", client, "/bang-chi-so/") == []


def test_the_public_cache_is_filled_from_the_primary(with_replica):
    from django.test import Client

    visitor = Client()  # no cookie: the public pages' cache answers, and fills itself from the primary
    assert queries_on("replica", visitor, "/thu-tuc/") == []
    assert any("catalogue_procedure" in q for q in queries_on("default", Client(), "/thu-tuc/?page=1"))
