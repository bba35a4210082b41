"""The edge between dossiers and the working calendar: every deadline a dossier needs goes through here.

The arithmetic itself lives in `motcua.workdays.services`; this module only picks the agency's office hours.
"""

from motcua.catalogue.models import Channel
from motcua.workdays import services as workdays

Unit = Channel.Unit


def office_hours_of(agency):
    return getattr(agency, "office_hours", None) if agency is not None else None


# The catalogue's time-limit units (catalogue.Channel.Unit) in the calendar's words (workdays.core.UNITS).
CALENDAR_UNITS = {Unit.WORKING_DAYS: "working_days", Unit.CALENDAR_DAYS: "calendar_days", Unit.HOURS: "working_hours",
                  Unit.MONTHS: "months", Unit.SAME_DAY: "same_day"}


def has_limit(amount, unit):
    """True when `amount` `unit` is a time limit the calendar can count (a unit, and a number unless same-day)."""
    return bool(unit) and (amount is not None or unit == "same_day")


def due_for(start, amount, unit, *, agency, stops=(), extension=None):
    """Return the due moment for a time limit of `amount` `unit` counted from `start`, or None if no limit.

    `stops` are (suspended_at, resumed_at, restart) triples, one per completed supplement during appraisal.
    """
    if not has_limit(amount, unit):
        return None
    clock_stops = [workdays.ClockStop(a, b, restart) for a, b, restart in stops]
    return workdays.compute_due(start, amount if amount is not None else 0, CALENDAR_UNITS.get(unit, unit),
                                office_hours=office_hours_of(agency), stops=clock_stops, extension=extension)


def add_days(start, n, *, agency):
    return workdays.add_working_days(start, n, office_hours=office_hours_of(agency))


def due_soon_until(now, *, agency):
    """Open dossiers due at or before this moment are due soon (`agency` None: the default office hours)."""
    return workdays.due_soon_until(now, office_hours=office_hours_of(agency))


def status_of(due, *, finished_at, now, agency=None):
    """Return early/on_time/late for a finished dossier or step, on_track/due_soon/overdue for an open one."""
    if due is None:
        return None
    return workdays.deadline_status(due, finished_at=finished_at, now=now, office_hours=office_hours_of(agency))


def is_working_time(moment, *, agency):
    """True when `moment` is in the agency's office hours on a working day of the official calendar."""
    return workdays.is_office_instant(moment, office_hours=office_hours_of(agency))
