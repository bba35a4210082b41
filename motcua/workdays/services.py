"""The working calendar at the Django edge: build `core.Calendar` from the database, cache it, compute deadlines.

Keep it small: other apps use only the functions in `__all__` (plus `ClockStop` and the errors).

The calendar is assembled from the `holidays` package (Vietnam, Vietnamese lunisolar calendar) and the
`CalendarOverride` table, over the published years (`CalendarYear`) plus the following year (the package's
projection), so that a deadline set in December can end in January. One `Calendar` is cached per office hours
in each process (it is derived, and costly to build); saving or deleting an override, a year or office hours
clears this process's copy at once and bumps the calendar's version in the shared cache (lib.page_cache), which
every other process compares with the version its copy was built under at most once every
`SHARED_CHECK_SECONDS`: an edit reaches every worker within a second.
"""

import threading
import time as _time
from datetime import date, datetime, timedelta

from motcua.lib.page_cache import versions

from . import official
from .core import Calendar, ClockStop, Hours
from .errors import CalendarNotCovered, ClockStopped, InvalidDeadlineInput, WorkdaysError
from .seed import DEFAULT_OFFICE_HOURS, OVERRIDES, YEARS

__all__ = [
    "CalendarNotCovered",
    "ClockStop",
    "ClockStopped",
    "InvalidDeadlineInput",
    "WorkdaysError",
    "add_working_days",
    "calendar_inputs",
    "clear_cache",
    "compute_due",
    "covered_years",
    "deadline_status",
    "default_office_hours",
    "get_calendar",
    "is_working_day",
    "working_minutes_between",
    "year_overview",
]

CACHE_SECONDS = 300
SHARED_CHECK_SECONDS = 1.0
_lock = threading.Lock()
_cache: dict = {}
_generation = 0
_shared = {"version": None, "checked": float("-inf")}


def clear_cache(**_signal_kwargs):
    """Forget every built calendar (connected to save/delete of the calendar models), and the shared version they
    were built under: the next check records the version it finds instead of comparing it with an older one (a
    cleared shared cache would otherwise drop the calendar just built, once more, at some later second)."""
    global _generation
    with _lock:
        _generation += 1
        _cache.clear()
        _shared.update(version=None, checked=float("-inf"))


def default_office_hours():
    """The seeded default office hours, or an unsaved instance with the same values if it is missing."""
    from .models import OfficeHours

    found = OfficeHours.objects.filter(name=DEFAULT_OFFICE_HOURS["name"]).first()
    return found or OfficeHours(**DEFAULT_OFFICE_HOURS)


def calendar_inputs() -> dict:
    """Keyword arguments for `core.Calendar`, from the `holidays` package and the override table.

    With no `CalendarYear` row at all (a database flushed by a test, or not yet seeded) the seed data in code is
    used, so deadlines keep working; the system check reports it.
    """
    from .models import CalendarOverride, CalendarYear

    years = list(CalendarYear.objects.values_list("year", flat=True))
    if years:
        overrides = list(CalendarOverride.objects.values("date", "kind", "reason", "legal_document"))
    else:
        years, overrides = [row["year"] for row in YEARS], OVERRIDES
    return official.calendar_inputs(years, overrides)


def get_calendar(office_hours=None) -> Calendar:
    """The calendar for these office hours (an `OfficeHours`, a `core.Hours`, or None for the default)."""
    _follow_shared_version()
    key = _key_of(office_hours)
    entry = _fresh(key)
    if entry is not None:
        return entry
    generation = _generation
    hours = _hours_of(office_hours)
    built = _fresh(hours) or _build(hours)
    _store(key, built, generation)
    return built


def _follow_shared_version():
    """Forget this process's calendars when the shared calendar version moved (another process saved a row)."""
    now = _time.monotonic()
    if now - _shared["checked"] < SHARED_CHECK_SECONDS:
        return
    [version] = versions(("calendar",))
    if _shared["version"] is not None and version != _shared["version"]:
        clear_cache()
    _shared.update(version=version, checked=now)


def _fresh(key):
    entry = _cache.get(key)
    if entry is not None and entry[0] == _generation and _time.monotonic() - entry[1] < CACHE_SECONDS:
        return entry[2]
    return None


def _store(key, value, generation=None):
    with _lock:
        if generation is None or generation == _generation:
            _cache[key] = (_generation, _time.monotonic(), value)


def _build(hours: Hours) -> Calendar:
    generation = _generation
    inputs = _fresh("inputs")
    if inputs is None:
        inputs = calendar_inputs()
        _store("inputs", inputs, generation)
    built = Calendar(hours=hours, **inputs)
    _store(hours, built, generation)
    return built


def _key_of(office_hours):
    """A cheap cache key: hashing `Hours` or building it from a model costs more than a deadline."""
    if office_hours is None or isinstance(office_hours, Hours):
        return office_hours
    o = office_hours
    return ("office_hours", o.pk, o.morning_start, o.morning_end, o.afternoon_start, o.afternoon_end,
            o.same_day_cutoff)


def _hours_of(office_hours) -> Hours:
    if isinstance(office_hours, Hours):
        return office_hours
    return (office_hours or default_office_hours()).as_hours()


def compute_due(start: datetime, amount, unit: str, *, office_hours=None, policy="hourly", stops=(),
                extension=None) -> datetime:
    """Return the due instant of a time limit of `amount` `unit` starting at `start` (timezone-aware).

    unit: working_hours | working_days | calendar_days | months | same_day (amount ignored for same_day).
    policy (working_days only): "hourly" = N × a working day of office time, hh:mm kept (one-stop practice);
    "end_of_day" = Civil Code Arts. 147–148, due at office close of the N-th working day after the start date.
    stops: a sequence of `ClockStop(suspended_at, resumed_at, restart)`, one per supplement request
    (Decree 61 Art. 19.4). `restart=True` restarts the full limit at `resumed_at`; `restart=False` resumes and
    pushes the deadline back by the time stood still. An open stop (`resumed_at=None`) raises `ClockStopped`.
    extension: the single re-appointed date or instant of an apology letter (Art. 19.9), which must be later
    than the computed deadline; a date means office close of that day (or the next working day).
    Raises `InvalidDeadlineInput` or `CalendarNotCovered` (both `DomainError`, Vietnamese message).
    """
    return get_calendar(office_hours).due(start, amount, unit, policy=policy, stops=stops, extension=extension)


def add_working_days(start: datetime, n, *, office_hours=None) -> datetime:
    """Add n working days with the hourly policy (the time of day is kept)."""
    return compute_due(start, n, "working_days", office_hours=office_hours)


def working_minutes_between(a: datetime, b: datetime, *, office_hours=None) -> int:
    """Whole minutes of office time from a to b (negative when b is before a)."""
    delta = get_calendar(office_hours).working_time_between(a, b)
    minutes = int(abs(delta) // timedelta(minutes=1))
    return -minutes if delta < timedelta(0) else minutes


def due_soon_until(now: datetime, *, office_hours=None) -> datetime:
    """The latest due moment counted as due soon at `now` (one working day of office time; `Calendar.status`)."""
    return get_calendar(office_hours).due_soon_until(now)


def is_office_instant(instant: datetime, *, office_hours=None) -> bool:
    """True when `instant` falls in office hours of a working day (False outside the calendar's years)."""
    calendar = get_calendar(office_hours)
    return calendar.covers(instant.year) and calendar.is_office_instant(instant)


def is_working_day(d: date, *, office_hours=None) -> bool:
    return get_calendar(office_hours).is_working_day(d)


def deadline_status(due: datetime, *, finished_at: datetime | None, now: datetime, office_hours=None) -> str:
    """One of early, on_time, late (finished) or on_track, due_soon, overdue (open); see `core.Calendar.status`."""
    return get_calendar(office_hours).status(due, finished_at=finished_at, now=now)


def covered_years() -> tuple[int, int]:
    cal = get_calendar()
    return cal.first_year, cal.last_year



# -- the public calendar page ------------------------------------------------------------------------------

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
KIND_LABELS = {
    "holiday": "Nghỉ lễ, Tết",
    "compensation": "Nghỉ bù",
    "day_off": "Ngày nghỉ",
    "make_up": "Ngày làm việc bù",
    "not_observed": "Không áp dụng ngày nghỉ",
}
STATUTORY_BASIS = "Bộ luật Lao động 2019, Điều 112"
COMPENSATION_BASIS = "Bộ luật Lao động 2019, Điều 111 (ngày lễ trùng ngày nghỉ hằng tuần)"
TET_BASIS = "Bộ luật Lao động 2019, Điều 112.3 (Thủ tướng quyết định ngày nghỉ Tết cụ thể)"


def year_overview(year: int, *, office_hours=None) -> dict:
    """Everything the public calendar page shows for one year: months of days, and each change with its basis."""
    from .models import CalendarOverride, CalendarYear

    cal = get_calendar(office_hours)
    if not cal.covers(year):
        raise CalendarNotCovered(year)
    rows = {o.date: o for o in CalendarOverride.objects.filter(date__year=year)}
    published = CalendarYear.objects.filter(year=year).first()
    changes = [_change(d, cal.note(d), rows.get(d)) for d in sorted(set(cal.notes) | set(rows)) if d.year == year]
    months = [_month(cal, year, m) for m in range(1, 13)]
    working = cal.count_working_days(date(year, 1, 1), date(year, 12, 31))
    return {"year": year, "months": months, "changes": [c for c in changes if c], "working_days": working,
            "published": published, "hours": cal.hours, "first_year": cal.first_year, "last_year": cal.last_year}


def _change(d, note, row):
    if row is not None:
        return {"date": d, "weekday": WEEKDAYS[d.weekday()], "kind": row.kind if row.kind != "working_day" else
                "make_up", "label": KIND_LABELS["make_up" if row.kind == "working_day" else row.kind],
                "name": row.reason, "basis": row.legal_document, "url": row.legal_url}
    if note is None:
        return None
    basis = {"holiday": STATUTORY_BASIS, "compensation": COMPENSATION_BASIS, "day_off": TET_BASIS}.get(note.kind, "")
    if note.kind == "holiday" and note.name.startswith("Ngày nghỉ (thay cho"):
        basis = "Hoán đổi ngày làm việc của cán bộ, công chức, viên chức (theo thư viện holidays)"
    return {"date": d, "weekday": WEEKDAYS[d.weekday()], "kind": note.kind, "label": KIND_LABELS[note.kind],
            "name": note.name, "basis": basis, "url": ""}


def _month(cal, year, month):
    first = date(year, month, 1)
    weeks, week = [], [None] * first.weekday()
    d = first
    while d.month == month:
        note = cal.note(d)
        kind = "work" if cal.is_working_day(d) else "rest"
        if note is not None:
            kind = note.kind
        week.append({"date": d, "kind": kind, "title": note.name if note else ""})
        if len(week) == 7:
            weeks.append(week)
            week = []
        d += timedelta(days=1)
    if week:
        weeks.append(week + [None] * (7 - len(week)))
    return {"number": month, "weeks": weeks}
