from datetime import timedelta

from django.utils import timezone

from motcua.catalogue.models import Procedure, ProcedureVersion
from motcua.indicators.publication import publication_counts


def _version(code, *, decided, source):
    procedure = Procedure.objects.create(code=code)
    version = ProcedureVersion.objects.create(procedure=procedure, name="Thủ tục thử", source=source,
                                              raw={"ngay_quyet_dinh": decided.strftime("%d/%m/%Y")} if decided else {})
    procedure.current = version
    procedure.save()
    return version


def test_1_2_needs_both_dates_and_1_1_has_no_effective_date(db):
    today = timezone.localdate()
    _version("9.000001", decided=today, source="editor")                       # public the same day: on time
    _version("9.000002", decided=today - timedelta(days=30), source="editor")  # a month later: late
    _version("9.000003", decided=today, source="dvcqg")                        # imported: no publication date
    counts = publication_counts()
    assert (counts.versions, counts.with_decision_date, counts.with_publication_date) == (3, 3, 2)
    assert counts.counts == {"1.1": (0, 0), "1.2": (1, 2)}
    assert counts.with_effective_date == 0
