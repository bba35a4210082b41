"""The configuration in force on a date (IndexConfig rows, newest effective date first)."""

from datetime import date, timedelta

from django.utils import timezone

from .index766 import default_config
from .models import IndexConfig


def config_on(day: date) -> dict:
    """Return the weights and thresholds in force on `day` (the built-in defaults if none is stored)."""
    row = IndexConfig.objects.filter(effective_from__lte=day).order_by("-effective_from", "-id").first()
    if row is None:
        return default_config()
    merged = default_config()
    merged.update(row.data)
    return merged


def config_for(period, *, now) -> dict:
    """The configuration a period is scored with: the one in force on its last day, or today while it runs.

    The one choice for the board, the unit dashboards, the city overview and the scorecards.
    """
    return config_on(min(period.end - timedelta(days=1), timezone.localdate(now)))
