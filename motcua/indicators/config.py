"""The configuration in force on a date (IndexConfig rows, newest effective date first)."""

from datetime import date

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
