"""Errors of the working calendar. Messages are Vietnamese and shown to users as they are."""

from motcua.lib.errors import Conflict, DomainError


class WorkdaysError(DomainError):
    """Any refusal of the calendar or the deadline arithmetic."""


class CalendarNotCovered(WorkdaysError):
    """The instant or date lies in a year for which no calendar has been loaded."""

    def __init__(self, year, message=None):
        super().__init__(message or f"Chưa có dữ liệu lịch làm việc cho năm {year}.")
        self.year = year


class InvalidDeadlineInput(WorkdaysError):
    """Unknown unit or policy, a negative amount, a naive datetime, an inconsistent clock stop, etc."""


class ClockStopped(WorkdaysError, Conflict):
    """The clock is suspended (a supplement was requested and not yet completed): there is no due instant now."""
