"""Tasks for the worker tests: one group per call (cheap, unique name, so a task that ran twice shows)."""

from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.tasks import task


@task()
def make_group(name):
    Group.objects.get_or_create(name=name)
    return name


DROPS_LEFT = {}  # name -> how many more runs lose their connection (the worker runs in a thread of the test)


@task()
def make_group_dropping_once(name):
    """Like make_group, but the first run loses its connection inside a transaction, the way a task's
    transaction meets a database restart (Django then closes the connection, so the next query reconnects)."""
    with transaction.atomic():
        Group.objects.get_or_create(name=name)
        if DROPS_LEFT.get(name):
            DROPS_LEFT[name] -= 1
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
    return name
