"""A task for the worker tests: one group per call (cheap, unique name, so a task that ran twice shows)."""

from django.contrib.auth.models import Group
from django.tasks import task


@task()
def make_group(name):
    Group.objects.get_or_create(name=name)
    return name
