from datetime import datetime

from motcua.workdays.core import VN_TZ


def at(y, m, d, hh=0, mm=0):
    """An instant in Hanoi time."""
    return datetime(y, m, d, hh, mm, tzinfo=VN_TZ)
