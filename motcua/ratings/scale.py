"""The 1–5 satisfaction scale shared by counter ratings and surveys.

SIPAS (QĐ 2640/QĐ-BNV 2017, method QĐ 1001/QĐ-BNV) reports the share of answers 4 and 5
("hài lòng" and "rất hài lòng"); motcua uses the same cut everywhere so figures compare.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

SATISFIED_MIN = 4


class Score(models.IntegerChoices):
    VERY_DISSATISFIED = 1, _("Rất không hài lòng")
    DISSATISFIED = 2, _("Không hài lòng")
    NEUTRAL = 3, _("Bình thường")
    SATISFIED = 4, _("Hài lòng")
    VERY_SATISFIED = 5, _("Rất hài lòng")


class Agreement(models.IntegerChoices):
    """The 1–5 scale of assessment questions (nhận định)."""

    STRONGLY_DISAGREE = 1, _("Hoàn toàn không đồng ý")
    DISAGREE = 2, _("Không đồng ý")
    NEUTRAL = 3, _("Bình thường")
    AGREE = 4, _("Đồng ý")
    STRONGLY_AGREE = 5, _("Hoàn toàn đồng ý")


def is_satisfied(score):
    return score >= SATISFIED_MIN
