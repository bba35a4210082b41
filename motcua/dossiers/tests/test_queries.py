"""Query counts on the hot paths: public tracking and online intake."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.dossiers.access import get_dossier_for_tracking
from motcua.dossiers.tracking import tracking_of

from .base import accepted_dossier, submit_online


def test_tracking_reads_one_row(world, version, django_assert_num_queries):
    dossier = accepted_dossier(version, world)
    with django_assert_num_queries(1):
        view = tracking_of(get_dossier_for_tracking(dossier.code, "5678"))
    assert [h.kind for h in view.history] == ["submitted", "accepted"]


def test_online_intake_query_budget(world, version):
    with CaptureQueriesContext(connection) as queries:
        submit_online(version, world)
    # 17: one for the procedure's reviewed layer (guides), which decides the papers required of this applicant.
    assert len(queries) <= 17, "\n".join(q["sql"][:120] for q in queries.captured_queries)
