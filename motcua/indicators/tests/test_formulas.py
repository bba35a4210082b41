from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from motcua.indicators import formulas as f
from motcua.indicators.index766 import compute_index, default_config

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day, hour=9):
    return datetime(2026, 3, day, hour, tzinfo=TZ)


@pytest.mark.parametrize(
    "num, den, points, threshold, expected",
    [
        (45, 100, 4, 0.5, Decimal("3.60")),  # 45% of a 50% threshold → 90% of 4 points
        (60, 100, 4, 0.5, Decimal("4.00")),  # above the threshold is capped at the maximum
        (1, 3, 20, None, Decimal("6.67")),  # no threshold: rate × points, rounded half up
        (0, 10, 5, 0.8, Decimal("0.00")),  # nothing achieved is zero, not N/A
        (0, 0, 5, 0.8, None),  # zero denominator → N/A
    ],
)
def test_capped_score_follows_the_766_formula(num, den, points, threshold, expected):
    assert f.capped_score(num, den, max_points=points, threshold=threshold) == expected


def test_wilson_interval_is_wide_for_small_samples_and_none_without_any():
    lo, hi = f.wilson_interval(1, 1)
    assert lo == pytest.approx(0.2065, abs=1e-3) and hi == 1.0
    lo, hi = f.wilson_interval(950, 1000)
    assert lo == pytest.approx(0.9346, abs=1e-3) and hi == pytest.approx(0.9626, abs=1e-3)
    assert f.wilson_interval(0, 0) is None


PERIOD_END = at(31, 23)


@pytest.mark.parametrize(
    "clock, on_time",
    [
        # finished a day before the due date
        (f.DossierClock(at(2), due_at=at(9), finished_at=at(8)), True),
        # finished after the due date
        (f.DossierClock(at(2), due_at=at(9), finished_at=at(10)), False),
        # late by 2 days but the citizen took 3 days to supplement: supplement time is excluded
        (f.DossierClock(at(2), due_at=at(9), finished_at=at(11), supplements=((at(3), at(6)),)), True),
        # supplement of 1 day does not cover 2 days of delay
        (f.DossierClock(at(2), due_at=at(9), finished_at=at(11), supplements=((at(3), at(4)),)), False),
        # more than one supplement request counts as overdue even when early
        (f.DossierClock(at(2), due_at=at(20), finished_at=at(8), supplements=((at(3), at(4)), (at(5), at(6)))), False),
        # open at the period end and already past due
        (f.DossierClock(at(2), due_at=at(20)), False),
        # open at the period end, due later
        (f.DossierClock(at(20), due_at=datetime(2026, 4, 3, 17, tzinfo=TZ)), True),
        # open, still waiting for the citizen's supplement since before the due date: the clock is paused
        (f.DossierClock(at(2), due_at=at(20), supplements=((at(10), None),)), True),
        # finished after the period end: judged as open at the period end
        (f.DossierClock(at(2), due_at=datetime(2026, 4, 30, tzinfo=TZ), finished_at=datetime(2026, 5, 2, tzinfo=TZ)), True),
        # no due date recorded
        (f.DossierClock(at(2), due_at=None), True),
    ],
)
def test_on_time_rules_of_indicator_2_1(clock, on_time):
    assert f.is_on_time(clock, PERIOD_END) is on_time


def test_pakn_satisfaction_counts_reopened_items_as_repeated():
    # 10 items, 1 disliked, 1 overdue, 2 reopened → 6/10
    assert f.pakn_satisfaction(10, 1, 1, 2) == pytest.approx(0.6)
    assert f.pakn_satisfaction(0, 0, 0, 0) is None
    assert f.pakn_satisfaction(2, 2, 2, 2) == 0


def test_tthc_satisfaction_subtracts_overdue_and_complaints():
    assert f.tthc_satisfaction(100, 3, 2) == pytest.approx(0.95)
    assert f.tthc_satisfaction(0, 0, 0) is None


def test_rank_units_leaves_small_units_unranked_and_shares_ties():
    rows = [("A", 0.99, 120, 119), ("B", 1.0, 1, 1), ("C", 0.95, 400, 380), ("D", 0.99, 80, 79), ("E", None, 0)]
    ranked = f.rank_units(rows, min_n=30)
    assert [(r.key, r.rank) for r in ranked] == [("A", 1), ("D", 1), ("C", 3), ("B", None), ("E", None)]
    b = next(r for r in ranked if r.key == "B")
    assert "30" in b.reason and b.interval[0] < 0.25  # one perfect dossier: wide interval, not first place


@pytest.mark.parametrize(
    "fn, args, kwargs, expected",
    [
        (f.nd61_one_stop_decided, (1.0,), {"commune_level": True}, 2),
        (f.nd61_one_stop_decided, (0.25,), {"commune_level": False}, 2),
        (f.nd61_one_stop_decided, (0.05,), {"commune_level": False}, 0),
        (f.nd61_publicity, (), {"posted": True, "electronic": True}, 2),
        (f.nd61_publicity, (), {"posted": False, "electronic": True}, 1),
        (f.nd61_complaints_on_time, (10, 10), {}, 2),
        (f.nd61_complaints_on_time, (9, 10), {}, 1),
        (f.nd61_complaints_on_time, (8, 10), {}, 0),
        (f.nd61_complaints_on_time, (10, 10), {"lingering": 1}, 0),
        (f.nd61_complaints_on_time, (0, 0), {}, None),
        (f.nd61_online, (0.5, 0.4), {"online_late": 0}, 2),
        (f.nd61_online, (0.5, 0.2), {"online_late": 0}, 1),
        (f.nd61_online, (0.5, 0.4), {"online_late": 1}, 0),
        (f.nd61_online, (0.5, 0.1), {"online_late": 0}, 0),
    ],
)
def test_decree_61_indicators_score_2_1_0(fn, args, kwargs, expected):
    assert fn(*args, **kwargs) == expected


def test_weighted_score_rescales_when_a_part_is_unknown():
    assert f.weighted_score({"a": 1.0, "b": None}, {"a": 40, "b": 60}) == Decimal("100.00")
    assert f.weighted_score({"a": 0.5, "b": 1.0}, {"a": 50, "b": 50}) == Decimal("75.00")
    assert f.weighted_score({"a": None}, {"a": 50}) is None


def test_group_weights_sum_to_100_and_indicator_points_fill_each_group():
    cfg = default_config()
    assert [g["points"] for g in cfg["groups"].values()] == [18, 20, 12, 10, 22, 18]
    for group, spec in cfg["groups"].items():
        assert sum(i["points"] for i in cfg["indicators"].values() if i["group"] == group) == spec["points"]


def test_index_of_a_perfect_unit_is_100_and_na_groups_are_left_out():
    counts = {k: (10, 10) for k in default_config()["indicators"]}
    assert compute_index(counts).total == Decimal("100.00")
    # Only timeliness known, 9 of 10 on time: 18/20 → 90 on the covered 20 points.
    result = compute_index({"2.1": (9, 10)})
    assert result.groups["TDGQ"]["score"] == Decimal("18.00")
    assert result.groups["CKMB"]["score"] is None
    assert result.covered_points == 20
    assert result.total == Decimal("90.00")
    assert compute_index({}).total is None


def test_index_caps_each_rate_at_its_threshold():
    # Online share 30% against a 50% threshold → 0.6 × 4 = 2.40 points; the CLGQ group only has 3.3 known.
    result = compute_index({"3.3": (30, 100)})
    ind = next(i for i in result.indicators if i.id == "3.3")
    assert ind.score == Decimal("2.40")
    assert result.groups["CLGQ"]["score"] == Decimal("7.20")  # 2.40 / 4 × 12


@pytest.mark.django_db
def test_open_overdue_and_its_sql_form_agree():
    from datetime import timedelta

    from motcua.indicators.formulas import open_overdue
    from motcua.indicators.models import DossierFact
    from motcua.indicators.services import overdue_q

    from .factories import Story, at, make_agency, make_procedure

    story = Story(make_agency(), make_procedure()).move("submitted", at(3, 2, 8)).accept(at(3, 2, 9), due=at(3, 6, 17))
    fact = DossierFact.objects.get()
    cutoff = at(3, 10)
    for count in (0, 1, 2):
        for due in (None, cutoff - timedelta(hours=1), cutoff + timedelta(hours=1)):
            for started in (None, at(3, 5), at(3, 12)):
                DossierFact.objects.filter(pk=fact.pk).update(supplement_count=count, due_adjusted=due,
                                                              supplement_started_at=started)
                sql = DossierFact.objects.filter(overdue_q(cutoff)).exists()
                assert sql == open_overdue(supplement_count=count, supplement_started_at=started, due_adjusted=due,
                                           cutoff=cutoff), (count, due, started)
    assert story.dossier.pk == fact.pk
