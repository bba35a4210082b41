"""Schemathesis over every operation of the OpenAPI, anonymous and as a staff member: no answer is a 500, and
every answer matches the schema (status documented, body and content type as described). Bounded: a few
examples per operation (MOTCUA_FUZZ_EXAMPLES, 8 by default), so the whole run stays well under 3 minutes."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis import checks

from motcua.dossiers.tests.base import make_version, submit_online
from tests.world import build_world

EXAMPLES = int(os.environ.get("MOTCUA_FUZZ_EXAMPLES", "8"))
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_schema_conformance]


@pytest.fixture
def api_schema(db):
    from django.core import signals
    from django.db import close_old_connections

    from motcua.wsgi import application

    world = build_world()
    version = make_version(world.centre)
    submit_online(version, world)
    # As Django's test client does: the test's transaction must outlive each request (on PostgreSQL the
    # handler would otherwise close the connection it runs in).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _staff_headers():
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="lan"))
    csrf = "f" * 32
    return {"Cookie": f"sessionid={client.cookies['sessionid'].value}; csrftoken={csrf}", "X-CSRFToken": csrf}


def _fuzz(schema, headers):
    """Run every operation; return (requests sent, failures as text). Schemathesis' pytest plugin is not used:
    it does not run under this pytest version."""
    sent, failures = [0], []
    for result in schema.get_all_operations():
        operation = result.ok()

        @hypothesis_settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.generate],
                             suppress_health_check=list(HealthCheck), derandomize=True, database=None)
        @given(case=operation.as_strategy())
        def check(case):
            sent[0] += 1
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            check()
        except Exception as exc:  # collected: one report for every operation that failed
            failures.append(f"{operation.label}: {str(exc)[:600]}")
    return sent[0], failures


def test_every_operation_anonymous(api_schema):
    sent, failures = _fuzz(api_schema, {})
    print(f"schemathesis anonymous: {sent} requests, {len(failures)} failing operations")
    assert sent >= len(list(api_schema.get_all_operations())) and failures == [], "\n\n".join(failures)


def test_every_operation_as_staff(api_schema):
    sent, failures = _fuzz(api_schema, _staff_headers())
    print(f"schemathesis staff: {sent} requests, {len(failures)} failing operations")
    assert sent >= len(list(api_schema.get_all_operations())) and failures == [], "\n\n".join(failures)
