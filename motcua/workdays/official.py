"""The official Vietnamese calendar as plain inputs for `core.Calendar` (no Django).

Public holidays come from the `holidays` package (Vietnam, Vietnamese lunisolar calendar, UTC+7); the decisions
published each year (swapped days, make-up Saturdays, holidays not in force) come as override rows.
"""

import importlib.util
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from .core import Calendar, Hours

DAY_OFF, WORKING_DAY, NOT_OBSERVED = "day_off", "working_day", "not_observed"


def package_holidays(first_year: int, last_year: int) -> tuple[dict, dict]:
    """Split the package's holidays into statutory days and the Tết arrangement.

    Statutory days (Labour Code 2019 Art. 112 and the package's swapped days) are given without the package's
    weekend compensation: `core.Calendar` applies Art. 111 itself, so an admin override can cancel a holiday and
    its compensation together. Tết days are fixed every year by the Prime Minister (Art. 112.3) and are taken as
    the package arranges them (a Saturday day moves to the previous working day), never compensated again.
    """
    years = range(first_year, last_year + 1)
    vietnam = vietnam_holidays_class()
    raw = vietnam(years=years, observed=False, language="vi")
    observed = vietnam(years=years, language="vi")
    lunar_new_years = [d for d, name in raw.items() if name == "Tết Nguyên Đán"]
    in_tet = {lny + timedelta(days=k) for lny in lunar_new_years for k in range(-4, 8)}
    statutory = {d: name for d, name in raw.items() if d not in in_tet}
    tet = {d: name for d, name in observed.items() if d in in_tet}
    return statutory, tet


@cache
def vietnam_holidays_class():
    """The package's Vietnam class, loaded from its own file. `holidays.country_holidays("VN")` first imports
    `holidays.countries`, whose __init__ imports all of the package's 250-odd countries: some 8 MB in every web
    worker that computes a deadline, for one country. The file needs only the package's base classes,
    calendars and groups; if the package ever moves it, the package's own lookup is used. The package itself
    (about 3 MB with dateutil) is imported here, by the first process that builds a calendar, not at start."""
    import holidays as holidays_lib

    path = Path(holidays_lib.__file__).with_name("countries") / "vietnam.py"
    if not path.is_file():
        return holidays_lib.country_holidays("VN").__class__
    spec = importlib.util.spec_from_file_location("holidays.countries.vietnam", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Vietnam


def calendar_inputs(years: Iterable[int], overrides: Iterable[Mapping]) -> dict:
    """Keyword arguments for `core.Calendar` over the published `years` and the year after them.

    Each override is a mapping with date, kind (day_off | working_day | not_observed), reason, legal_document.
    """
    years = list(years)
    first, last = min(years), max(years) + 1
    statutory, tet = package_holidays(first, last)
    days_off, working = dict(tet), {}
    for row in overrides:
        d = row["date"] if isinstance(row["date"], date) else date.fromisoformat(row["date"])
        label = f"{row['reason']} ({row['legal_document']})" if row.get("legal_document") else row["reason"]
        if row["kind"] == DAY_OFF:
            days_off[d] = label
        elif row["kind"] == WORKING_DAY:
            working[d] = label
        elif row["kind"] == NOT_OBSERVED:  # the package lists it, the law does not (yet)
            statutory.pop(d, None)
            days_off.pop(d, None)
    return {"first_year": first, "last_year": last, "holidays": statutory, "days_off": days_off,
            "working_days": working}


def official_calendar(years, overrides, hours: Hours | None = None) -> Calendar:
    """Build the calendar of the published years (used by tests and the benchmark without a database)."""
    return Calendar(hours=hours or Hours(), **calendar_inputs(years, overrides))
