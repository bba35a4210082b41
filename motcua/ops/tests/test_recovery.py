"""Workers and web requests survive database connections terminated under them (pg_terminate_backend), and a
request that waits too long on a lock answers a Vietnamese 503. PostgreSQL only: run in CI's PostgreSQL leg."""

import threading
import time

import pytest
from django.contrib.auth.models import Group
from django.db import OperationalError, close_old_connections, connection, connections, transaction
from django_tasks_db.models import DBTaskResult

ON_POSTGRES = connection.vendor == "postgresql"
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not ON_POSTGRES, reason="terminates PostgreSQL backends")]


def terminate_other_backends():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        return cursor.fetchone()[0]


def wait_for(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_task_worker_reconnects_and_finishes_every_task(database_tasks):
    from motcua.ops.management.commands.db_worker import ResilientWorker
    from motcua.ops.tests.tasks import make_group

    total = 60
    for n in range(total):
        make_group.enqueue(f"g{n}")
    worker = ResilientWorker(queue_names=["*"], interval=0.01, batch=False, backend_name="default",
                             startup_delay=False, max_tasks=None, worker_id="test-worker", excluded_queue_names=[])

    def run():
        try:
            worker.run()
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    terminated = 0
    try:
        for mark in (10, 25, 40):  # three drops while the queue drains
            assert wait_for(lambda m=mark: Group.objects.count() >= m)
            terminated += terminate_other_backends()
        dropped_at = time.monotonic()
        assert wait_for(lambda: Group.objects.count() == total)
        delay = time.monotonic() - dropped_at
    finally:
        worker.running = False
        thread.join(timeout=30)
    assert terminated >= 3
    assert not DBTaskResult.objects.ready().exists() and not DBTaskResult.objects.running().exists()
    print(f"worker: {total} tasks, {terminated} backends terminated, queue drained {delay:.1f} s after the last")
    assert delay < 30  # the last drop delayed the queue by seconds, not until someone restarted the worker


def test_a_task_whose_connection_drops_inside_its_transaction_runs_again(database_tasks):
    """The library records any exception of a task as its failure; a dropped connection is not the task's
    failure, so the task goes back to the queue and runs again (here the second run succeeds)."""
    from motcua.ops.management.commands.db_worker import ResilientWorker
    from motcua.ops.tests import tasks

    tasks.DROPS_LEFT["dropped"] = 1
    result = tasks.make_group_dropping_once.enqueue("dropped")
    worker = ResilientWorker(queue_names=["*"], interval=0.01, batch=True, backend_name="default",
                             startup_delay=False, max_tasks=None, worker_id="test-worker", excluded_queue_names=[])
    worker.run()
    connection.close()
    row = DBTaskResult.objects.get(pk=result.id)
    assert tasks.DROPS_LEFT["dropped"] == 0
    assert row.status == "SUCCESSFUL", row.traceback
    assert row.worker_ids == ["test-worker", "test-worker"]
    assert Group.objects.filter(name="dropped").count() == 1


def test_a_query_that_fails_on_a_live_connection_is_not_a_lost_connection():
    from motcua.lib.resilience import connection_lost

    with pytest.raises(OperationalError) as timed_out, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = '10ms'")
        cursor.execute("SELECT pg_sleep(1)")
    assert not connection_lost(timed_out.value)  # such a task is recorded failed, not run again and again


def test_a_following_loop_goes_on_after_its_connection_is_terminated():
    from motcua.lib.resilience import keep_going

    seen = []
    done = threading.Event()

    def step():
        seen.append(Group.objects.count())
        if len(seen) >= 30:
            done.set()

    def run():
        try:
            keep_going(step, interval=0.01, stop=done.is_set)
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert wait_for(lambda: len(seen) >= 5)
    assert terminate_other_backends() >= 1
    assert done.wait(timeout=60)
    thread.join(timeout=30)


def _second_connection():
    default = connections["default"]
    return type(default)(default.settings_dict, alias="second")


def test_a_web_request_after_a_drop_reconnects(client):
    assert client.get("/thu-tuc/").status_code == 200
    other = _second_connection()
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])
    finally:
        other.close()
    # What Django's handler does at the start of every request (the test client leaves it out): with
    # CONN_HEALTH_CHECKS the dead connection is found and replaced before the view uses it.
    close_old_connections()
    assert client.get("/thu-tuc/").status_code == 200


def test_a_request_waiting_on_a_lock_gets_a_vietnamese_503(client):
    other = _second_connection()
    try:
        other.set_autocommit(False)
        with other.cursor() as cursor:
            cursor.execute("LOCK TABLE limits_counter IN ACCESS EXCLUSIVE MODE")
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '300ms'")
        response = client.post("/tra-cuu/", {"ma": "T01-X-260101-0001", "so": "1234"})
        assert response.status_code == 503 and response["Retry-After"]
        assert "Hệ thống đang bận" in response.content.decode()
        api = client.post("/api/dossiers/tracking", {"code": "T01-X-260101-0001", "last4": "1234"},
                          content_type="application/json")
        assert api.status_code == 503 and "thử lại" in api.json()["detail"]
    finally:
        other.rollback()
        other.close()
