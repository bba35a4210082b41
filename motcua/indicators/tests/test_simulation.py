from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.catalogue.models import Channel, FeeItem
from motcua.dossiers.models import Dossier
from motcua.indicators import facts
from motcua.indicators.models import DossierFact, SimulationRun
from motcua.indicators.simulation import Params, clear_synthetic, simulate

from .factories import make_agency, make_procedure
from .test_facts import snapshot_tables

pytestmark = pytest.mark.django_db
END = datetime(2026, 3, 20, 18, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def small_city():
    a = make_agency(population=40000)
    b = make_agency("T01-X00008", "UBND phường Ngọc Hà", "00008", population=20000)
    p = make_procedure()
    for kind in ("online", "direct"):
        ch = Channel.objects.create(version=p.current, kind=kind, duration_value=3, duration_unit="working_days")
        FeeItem.objects.create(channel=ch, amount=8000, kind="le_phi", set_by="hdnd")
    p.agencies.add(a, b)
    return a, b


def test_simulate_marks_everything_synthetic_and_its_facts_equal_a_rebuild(small_city):
    a, _ = small_city
    run = simulate(params=Params(days=20, seed=7, per_10k=20, end=END), log=lambda *_: None)
    dossiers = Dossier.objects.all()
    assert run.dossiers == dossiers.count() > 500
    assert not dossiers.filter(is_synthetic=False).exists()
    online = dossiers.filter(channel="online").count() / dossiers.count()
    assert 0.85 < online < 1.0  # Hanoi: >97% online, drawn per agency
    assert dossiers.filter(agency=a).count() > dossiers.exclude(agency=a).count()  # twice the population
    assert dossiers.filter(channel="online", fee_waived=8000).exists()  # NQ 77/2025 waiver stored
    assert DossierFact.objects.count() == dossiers.filter(accepted_at__isnull=False).count()  # facts from acceptance
    in_memory = snapshot_tables()
    facts.rebuild()
    assert snapshot_tables() == in_memory
    clear_synthetic()
    assert not Dossier.objects.exists() and not SimulationRun.objects.exists() and not DossierFact.objects.exists()


def test_simulate_is_reproducible_with_a_seed(small_city):
    first = simulate(params=Params(days=5, seed=3, per_10k=20, end=END), log=lambda *_: None).dossiers
    again = simulate(params=Params(days=5, seed=3, per_10k=20, end=END), log=lambda *_: None).dossiers
    assert first == again


def test_the_bulk_path_writes_what_the_services_write(small_city):
    """The simulation's documented bulk path: every story is a legal run of the workflow, with the services'
    event kinds and snapshot fields, ending in the dossier's status."""
    from motcua.dossiers.events import EventKind
    from motcua.dossiers.services._core import snapshot
    from motcua.dossiers.workflow import can_move

    simulate(params=Params(days=5, seed=3, per_10k=20, end=END), log=lambda *_: None)
    dossier = Dossier.objects.filter(is_synthetic=True).select_related("procedure", "version", "agency").first()
    service_fields = set(snapshot(dossier))
    checked = 0
    for d in Dossier.objects.filter(is_synthetic=True).prefetch_related("events"):
        events = sorted(d.events.all(), key=lambda e: e.seq)
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        for before, after in zip(events, events[1:], strict=False):
            assert after.from_status == before.to_status and can_move(before.to_status, after.to_status)
        for e in events:
            assert e.kind in EventKind.values
            assert set(e.data["snapshot"]) <= service_fields
        if events:
            assert events[-1].to_status == d.status
            checked += 1
    assert checked > 10


def test_published_synthetic_feedback_shows_its_public_text(small_city):
    from motcua.feedback.models import Feedback
    simulate(params=Params(days=20, seed=7, per_10k=20, end=END), log=lambda *_: None)
    published = Feedback.objects.filter(state="published")
    assert published.exists()
    for item in published:
        assert "mô phỏng" in item.public_title and "giả lập" in item.public_answer and item.search_text
    assert not Feedback.objects.exclude(state="published").exclude(public_title="").exists()
