"""Properties of the deadline arithmetic over random starts and amounts in 2025–2026 (hypothesis)."""

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.workdays.core import VN_TZ, naive_add_working_hours
from motcua.workdays.official import official_calendar
from motcua.workdays.seed import OVERRIDES

CAL = official_calendar([2025, 2026, 2027], OVERRIDES)  # starts in 2025–2026, deadlines may run into 2028

starts = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 12, 31, 23, 59)).map(
    lambda d: d.replace(tzinfo=VN_TZ)
)
minutes = st.integers(min_value=0, max_value=90 * 8 * 60)
rules = st.sampled_from([
    ("working_hours", "hourly"), ("working_days", "hourly"), ("working_days", "end_of_day"),
    ("calendar_days", "hourly"), ("months", "hourly"), ("same_day", "hourly"),
])
whole = st.integers(min_value=0, max_value=90)


def due(start, amount, rule):
    unit, policy = rule
    if unit == "months":
        amount = min(amount, 12)
    return CAL.due(start, amount, unit, policy=policy)


@given(starts, whole, rules)
def test_due_instant_is_inside_office_hours(start, amount, rule):
    result = due(start, amount, rule)
    assert CAL.is_office_instant(result)
    assert result >= start


@given(starts, minutes)
def test_working_hours_due_is_inside_office_hours(start, m):
    assert CAL.is_office_instant(CAL.add_working_time(start, timedelta(minutes=m)))


@given(starts, starts, whole, rules)
def test_due_never_decreases_when_the_start_grows(a, b, amount, rule):
    a, b = min(a, b), max(a, b)
    assert due(a, amount, rule) <= due(b, amount, rule)


@given(starts, whole, whole, rules)
def test_due_never_decreases_when_the_amount_grows(start, m, n, rule):
    m, n = min(m, n), max(m, n)
    assert due(start, m, rule) <= due(start, n, rule)


@given(starts, minutes, minutes)
def test_a_then_b_hours_equals_a_plus_b(start, a, b):
    first = CAL.add_working_time(start, timedelta(minutes=a))
    then = CAL.add_working_time(first, timedelta(minutes=b))
    if b:
        assert then == CAL.add_working_time(start, timedelta(minutes=a + b))
    else:  # no time to run: the clock only starts, so a first leg ending at a close moves to the next opening
        assert then == CAL.clock_start(first)


@settings(max_examples=200)
@given(starts, minutes)
def test_precomputed_equals_the_naive_day_by_day_walk(start, m):
    start = start.replace(second=0, microsecond=0)
    assert CAL.add_working_time(start, timedelta(minutes=m)) == naive_add_working_hours(CAL, start, m / 60)


@given(starts, minutes)
def test_working_time_between_inverts_adding(start, m):
    end = CAL.add_working_time(start, timedelta(minutes=m))
    assert CAL.working_time_between(start, end) == timedelta(minutes=m)
