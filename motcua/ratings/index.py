"""Satisfaction index arithmetic: share of 4 and 5 on the 1–5 scale, with a Wilson interval.

Pure functions on counts; no ORM. SIPAS (QĐ 1001/QĐ-BNV) reports, per element, the share of people
"hài lòng" or "rất hài lòng" and the overall index as the mean over the five elements. The national survey
publishes no confidence interval; motcua adds the Wilson score interval (95% by default) so a unit with
twelve answers is not read like one with twelve thousand.

What this leaves out: survey weights (motcua's answers are not a designed sample) and the correlation between
the answers one person gives to several questions. For the overall index the interval therefore counts each
respondent once (n = respondents), not each answer, which keeps it honest rather than falsely narrow.
"""

import math
from dataclasses import dataclass

from .scale import SATISFIED_MIN

Z_95 = 1.959963984540054


def wilson_interval(k, n, z=Z_95):
    """Return the Wilson score interval (low, high) for k successes out of n, or None when n is 0."""
    if n < 0 or k < 0 or k > n:
        raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")
    if n == 0:
        return None
    return _wilson(k / n, n, z)


def _wilson(p, n, z):
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    # min/max guard against rounding: at p = 0 the low end is exactly 0, at p = 1 the high end exactly 1.
    return max(0.0, min(p, centre - half)), min(1.0, max(p, centre + half))


@dataclass(frozen=True)
class Share:
    """`satisfied` answers of 4 or 5 out of `n` answers."""

    satisfied: int
    n: int

    @property
    def value(self):
        return self.satisfied / self.n if self.n else None

    @property
    def interval(self):
        return wilson_interval(self.satisfied, self.n)

    def __add__(self, other):
        return Share(self.satisfied + other.satisfied, self.n + other.n)


def share_of(scores):
    """Return the Share of 4s and 5s among scores (ints 1–5; None values are skipped answers)."""
    given = [s for s in scores if s is not None]
    return Share(sum(1 for s in given if s >= SATISFIED_MIN), len(given))


def share_from_counts(counts):
    """Return the Share from a histogram {score: count}."""
    n = sum(counts.values())
    return Share(sum(c for s, c in counts.items() if s >= SATISFIED_MIN), n)


@dataclass(frozen=True)
class Index:
    """An index value in [0, 1] with its interval and the number of people behind it."""

    value: float | None
    n: int
    low: float | None
    high: float | None

    @property
    def percent(self):
        return None if self.value is None else round(self.value * 100, 2)


def index_of_share(share):
    interval = share.interval
    return Index(share.value, share.n, *(interval or (None, None)))


def overall_index(element_shares, respondents, z=Z_95):
    """Return the mean of the element shares (elements without answers are left out), with an interval.

    The interval is Wilson's on the mean treated as a proportion of `respondents` people (see the module
    docstring for why respondents and not answers).
    """
    values = [s.value for s in element_shares if s.n]
    if not values or respondents <= 0:
        return Index(None, max(respondents, 0), None, None)
    mean = sum(values) / len(values)
    low, high = _wilson(mean, respondents, z)
    return Index(mean, respondents, low, high)
