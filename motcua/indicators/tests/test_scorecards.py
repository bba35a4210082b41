from datetime import date

import pytest

from motcua.dossiers.models import DossierStep
from motcua.indicators.evaluation import evaluate_unit
from motcua.indicators.scorecards import can_view, scorecard
from motcua.indicators.services import Figures, Period

from .factories import Story, at, make_procedure

pytestmark = pytest.mark.django_db
MARCH = Period.of("month", date(2026, 3, 1))


@pytest.fixture
def people(world):
    """Of the shared city (tests/world.py): Bình, handler at Sở Tư pháp; Minh, its head; Hoa, head of Sở Nội vụ."""
    return world.justice, world.binh, world.minh, world.hoa


def test_a_scorecard_is_seen_by_the_officer_and_their_head_only(people):
    _, binh, minh, hoa = people
    assert can_view(binh, binh) and can_view(minh, binh)
    assert not can_view(hoa, binh) and not can_view(binh, minh)


def test_scorecard_combines_on_time_steps_and_own_online_dossiers(people):
    agency, binh, *_ = people
    procedure = make_procedure()
    d1 = Story(agency, procedure).dossier
    for i, on_time in enumerate([True, True, True, False]):
        DossierStep.objects.create(dossier=d1, order=i, title="Thẩm định", agency=agency, handler=binh,
                                   finished_at=at(3, 5 + i), on_time=on_time, state="done")
    own = Story(agency, procedure, channel="online").dossier
    own.citizen = binh
    own.save()
    card = scorecard(binh, MARCH)
    assert card.parts == {"on_time": 0.75, "satisfaction": None, "no_complaint": None, "online_self": 1.0}
    # 40 × 0.75 + 10 × 1 over the 50 points with data → 80
    assert float(card.score) == 80.0


def test_unit_evaluation_scores_online_service_and_timeliness():
    fig = Figures()
    fig.counts.update(received=10, online=4, finished=4, on_time=3, early=2, late=1, online_late=0)
    catalogue = {"procedures": 4, "online": 2, "complete": 4, "fee": 0, "fee_online": 0}
    ev = evaluate_unit(fig, catalogue=catalogue, feedback={"answered": 10, "answered_on_time": 9, "overdue": 1})
    assert ev.scores[1] == 1.25  # (2×2 + 1×1 + 0×1) / 4
    assert ev.scores[9] == 2  # 50% procedures and 40% dossiers online, none late
    assert ev.scores[8] == 1  # 90% on time
    assert ev.scores[5] is None and ev.scores[6] == 2
