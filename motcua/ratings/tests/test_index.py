"""The index arithmetic on hand-built numbers."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.ratings.index import Share, overall_index, share_from_counts, share_of, wilson_interval


@pytest.mark.parametrize(
    "k, n, low, high",
    [
        (8, 10, 0.4902, 0.9433),  # values checked by hand from the formula
        (0, 10, 0.0, 0.2775),  # no one satisfied: the interval still has width
        (10, 10, 0.7225, 1.0),  # everyone satisfied: not a certain 100%
        (83, 100, 0.7445, 0.8911),
        (1, 1, 0.2065, 1.0),  # one answer says almost nothing
    ],
)
def test_wilson_interval_matches_published_values(k, n, low, high):
    lo, hi = wilson_interval(k, n)
    assert lo == pytest.approx(low, abs=1e-4)
    assert hi == pytest.approx(high, abs=1e-4)


def test_wilson_interval_is_none_without_answers():
    assert wilson_interval(0, 0) is None


def test_wilson_interval_refuses_impossible_counts():
    with pytest.raises(ValueError):
        wilson_interval(3, 2)


@given(st.integers(min_value=1, max_value=5000), st.data())
def test_wilson_interval_contains_the_share(n, data):
    k = data.draw(st.integers(min_value=0, max_value=n))
    lo, hi = wilson_interval(k, n)
    assert 0 <= lo <= k / n <= hi <= 1


def test_more_answers_narrow_the_interval():
    small, large = wilson_interval(8, 10), wilson_interval(800, 1000)
    assert large[1] - large[0] < small[1] - small[0]


def test_share_counts_4_and_5_and_skips_unanswered():
    share = share_of([5, 4, 3, None, 1, 4])
    assert (share.satisfied, share.n) == (3, 5)
    assert share.value == pytest.approx(0.6)


def test_share_from_a_histogram():
    assert share_from_counts({1: 2, 2: 1, 3: 3, 4: 10, 5: 4}) == Share(14, 20)


def test_share_without_answers_has_no_value():
    assert share_of([]).value is None and share_of([]).interval is None


def test_overall_index_is_the_mean_of_elements_with_answers():
    elements = [Share(8, 10), Share(6, 10), Share(0, 0), Share(9, 10), Share(7, 10)]
    index = overall_index(elements, respondents=10)
    assert index.value == pytest.approx(0.75)  # (0.8 + 0.6 + 0.9 + 0.7) / 4, the empty element left out
    assert index.n == 10
    assert index.percent == 75.0
    # The interval counts world, not answers: Wilson at p = 0.75, n = 10.
    assert index.low == pytest.approx(0.4422, abs=1e-4)
    assert index.high == pytest.approx(0.9191, abs=1e-4)


def test_overall_index_without_answers_is_empty():
    index = overall_index([Share(0, 0)] * 5, respondents=0)
    assert index.value is None and index.low is None and index.n == 0
