"""Vietnamese working calendar and deadline arithmetic, in plain Python (no Django).

A `Calendar` is built once from plain inputs (statutory holidays, extra days off, make-up working days,
office hours) and precomputes, for every day of the covered years, whether it is a working day and how many
working days come before it. A working instant then maps to a position on a "working-time axis" (microseconds of
office time since the start of the calendar) and back, so every deadline is O(1) arithmetic plus one list
lookup instead of a day-by-day loop.

Rules (sources):
- Working day = Monday–Friday, minus public holidays (Labour Code 2019 Art. 112) and the days off decided each
  year (Tết arrangement, swapped days), plus make-up working Saturdays; a make-up Saturday has normal hours.
- A statutory holiday on a weekly rest day gives the next working day off (Labour Code 2019 Art. 111.3).
  Tết days are fixed by the Prime Minister (Art. 112.3) and are passed in as `days_off`, never compensated again.
- `working_hours` N: the clock starts at the start instant if inside office hours, else at the next opening, runs
  only inside office hours; an instant landing on a session close (12:00, 17:00) stays there.
- `working_days` N, policy `hourly` (one-stop practice, hh:mm on the slip): N × one working day of office time.
  Policy `end_of_day` (Civil Code Arts. 147–148): the start day is not counted; due at office close of the N-th
  working day after the start date.
- `calendar_days` N / `months` N: start date + N days / months (clamped to month end), rolled forward to a
  working day, due at its office close. Zero days or months (of these and of `end_of_day`) follow `same_day`.
- `same_day`: the start moves to the next office instant; before the cut-off (15:00) it is due at that day's
  close, otherwise at the close of the next working day (Decree 61 Art. 18; Hanoi QĐ 663/1811). N is ignored.
- Clock stops (Decree 61 Art. 19.4): a supplement request suspends the clock; on completion the time limit
  restarts from zero (`restart=True`) or resumes with what was left (`restart=False`, a per-procedure option).
  An apology (Art. 19.9) moves the deadline to a new date at most once. Stops and the extension are inputs of the
  computation, so the result can be recomputed and audited; the stored deadline is never edited.

Left out: time zones with daylight saving (Vietnam has none since 1975; the calendar refuses such a zone),
per-agency weekend days, half-day holidays, and sector laws that count supplements differently.
"""

import calendar as _stdcal
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .errors import CalendarNotCovered, ClockStopped, InvalidDeadlineInput

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
UNITS = ("working_hours", "working_days", "calendar_days", "months", "same_day")
POLICIES = ("hourly", "end_of_day")
STATUSES = ("early", "on_time", "late", "on_track", "due_soon", "overdue")

_US = 1_000_000
_HOUR_US = 3600 * _US
_DAY = timedelta(days=1)


def _tod_us(t: time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * _US + t.microsecond


@dataclass(frozen=True)
class Hours:
    """Office hours of a working day: ordered sessions (open, close) and the same-day cut-off."""

    sessions: tuple[tuple[time, time], ...] = ((time(8), time(12)), (time(13), time(17)))
    cutoff: time = time(15)

    def __post_init__(self):
        if not self.sessions:
            raise InvalidDeadlineInput("Giờ làm việc phải có ít nhất một buổi.")
        previous_close = None
        for open_, close in self.sessions:
            if not open_ < close:
                raise InvalidDeadlineInput("Giờ bắt đầu một buổi làm việc phải trước giờ kết thúc.")
            if previous_close is not None and open_ < previous_close:
                raise InvalidDeadlineInput("Các buổi làm việc không được chồng lên nhau.")
            previous_close = close
        if not self.sessions[0][0] <= self.cutoff <= self.sessions[-1][1]:
            raise InvalidDeadlineInput("Giờ chốt trả trong ngày phải nằm trong giờ làm việc.")

    @property
    def day_length(self) -> timedelta:
        return sum((datetime.combine(date.min, c) - datetime.combine(date.min, o) for o, c in self.sessions),
                   timedelta())


DEFAULT_HOURS = Hours()


@dataclass(frozen=True)
class ClockStop:
    """A suspension of the clock: a supplement request at `suspended_at`, completed at `resumed_at`.

    `resumed_at=None` means the dossier is still waiting for the supplement. `restart=True` restarts the time limit
    from zero at `resumed_at` (Decree 61 Art. 19.4); `restart=False` resumes with the time that was left.
    """

    suspended_at: datetime
    resumed_at: datetime | None
    restart: bool = True


@dataclass(frozen=True)
class DayNote:
    """Why a day differs from the default week: kind is holiday | compensation | day_off | make_up."""

    kind: str
    name: str


class Calendar:
    """The working days of whole years `first_year`..`last_year` and the office hours of one agency."""

    def __init__(
        self,
        *,
        first_year: int,
        last_year: int,
        holidays: Mapping[date, str] = {},  # noqa: B006 - read only
        days_off: Mapping[date, str] = {},  # noqa: B006
        working_days: Mapping[date, str] = {},  # noqa: B006
        hours: Hours = DEFAULT_HOURS,
        tz=VN_TZ,
        rest_weekdays: Iterable[int] = (5, 6),
        compensate_weekend_holidays: bool = True,
    ):
        if first_year > last_year:
            raise InvalidDeadlineInput("Khoảng năm của lịch không hợp lệ.")
        self.first_year, self.last_year = first_year, last_year
        self.hours, self.tz = hours, tz
        self.rest_weekdays = frozenset(rest_weekdays)
        self.first_day = date(first_year, 1, 1)
        self.ndays = (date(last_year, 12, 31) - self.first_day).days + 1
        self._base = datetime.combine(self.first_day, time(0), tz)
        self._check_fixed_offset()
        self.notes = self._build_notes(holidays, days_off, working_days, compensate_weekend_holidays)
        self._build_tables()
        self._build_hours()

    # -- building ------------------------------------------------------------------------------------------

    def _check_fixed_offset(self):
        offsets = {
            datetime(y, m, 1, tzinfo=self.tz).utcoffset()
            for y in range(self.first_year, self.last_year + 2 if self.last_year < 9999 else self.last_year + 1)
            for m in (1, 4, 7, 10)
        }
        if len(offsets) != 1:
            raise InvalidDeadlineInput("Lịch chỉ hỗ trợ múi giờ không đổi giờ theo mùa.")

    def _in_range(self, d: date) -> bool:
        return self.first_year <= d.year <= self.last_year

    def _build_notes(self, holidays, days_off, working_days, compensate):
        notes: dict[date, DayNote] = {}
        for d, name in holidays.items():
            if self._in_range(d):
                notes[d] = DayNote("holiday", name)
        for d, name in days_off.items():
            if self._in_range(d):
                notes[d] = DayNote("day_off", name)
        if compensate:
            for d, note in sorted(notes.copy().items()):
                if note.kind == "holiday" and d.weekday() in self.rest_weekdays:
                    self._compensate(notes, d, note.name)
        for d, name in working_days.items():
            if self._in_range(d):
                notes[d] = DayNote("make_up", name)
        return notes

    def _compensate(self, notes, d, name):
        """Give the next normally working day not already off (Labour Code 2019 Art. 111.3)."""
        c = d + _DAY
        while c.weekday() in self.rest_weekdays or c in notes:
            c += _DAY
        if self._in_range(c):
            notes[c] = DayNote("compensation", f"{name} (nghỉ bù)")

    def _build_tables(self):
        work = [False] * self.ndays
        day = self.first_day
        for i in range(self.ndays):
            note = self.notes.get(day)
            if note is None:
                work[i] = day.weekday() not in self.rest_weekdays
            else:
                work[i] = note.kind == "make_up"
            day += _DAY
        cum = [0] * (self.ndays + 1)
        wdays = []
        for i, w in enumerate(work):
            cum[i + 1] = cum[i] + w
            if w:
                wdays.append(i)
        self._work, self._cum, self._wdays = work, cum, wdays

    def _build_hours(self):
        self._opens = [_tod_us(o) for o, _ in self.hours.sessions]
        self._closes = [_tod_us(c) for _, c in self.hours.sessions]
        self._before = []  # office time elapsed before each session opens
        acc = 0
        for o, c in zip(self._opens, self._closes, strict=True):
            self._before.append(acc)
            acc += c - o
        self.day_us = acc
        self._close_us = self._closes[-1]
        self._cutoff_us = _tod_us(self.hours.cutoff)
        self._sessions = tuple(zip(self._opens, self._closes, self._before, strict=True))
        # Precomputed datetimes: building one from parts costs more than the arithmetic itself.
        self._minute_td = [timedelta(minutes=m) for m in range(24 * 60 + 1)]
        self._mid = [self._base + timedelta(days=d) for d in range(self.ndays)]
        self._wmid = [self._mid[d] for d in self._wdays]
        self._wclose = [m + timedelta(microseconds=self._close_us) for m in self._wmid]

    # -- the working-time axis -----------------------------------------------------------------------------

    def _split(self, instant: datetime) -> tuple[int, int]:
        """Return (day index, microseconds since local midnight) of an aware instant."""
        if instant.tzinfo is None:
            raise InvalidDeadlineInput("Thời điểm phải có múi giờ.")
        td = instant - self._base
        d = td.days
        if not 0 <= d < self.ndays:
            raise CalendarNotCovered(instant.astimezone(self.tz).year)
        return d, td.seconds * _US + td.microseconds

    def _pos(self, instant: datetime) -> int:
        """Office time (µs) elapsed from the calendar's first day to `instant`."""
        # The hot path of every deadline: _split is inlined.
        if instant.tzinfo is None:
            raise InvalidDeadlineInput("Thời điểm phải có múi giờ.")
        td = instant - self._base
        d = td.days
        if not 0 <= d < self.ndays:
            raise CalendarNotCovered(instant.astimezone(self.tz).year)
        p = self._cum[d] * self.day_us
        if self._work[d]:
            s = td.seconds * _US + td.microseconds
            for open_, close, before in self._sessions:
                if s < open_:
                    return p + before
                if s < close:
                    return p + before + s - open_
            return p + self.day_us
        return p

    def _at(self, d: int, tod: int) -> datetime:
        return self._mid[d] + self._offset(tod)

    def _offset(self, tod: int) -> timedelta:
        minutes, rest = divmod(tod, 60 * _US)
        return self._minute_td[minutes] if not rest else timedelta(0, 0, tod)

    def _wday(self, k: int) -> int:
        if k < 0:
            raise CalendarNotCovered(self.first_year - 1)
        try:
            return self._wdays[k]
        except IndexError:
            raise CalendarNotCovered(self.last_year + 1) from None

    def _instant(self, p: int) -> datetime:
        """The earliest instant whose position is `p` (a session close rather than the next opening)."""
        k, r = divmod(p, self.day_us)
        try:
            if r == 0 and k > 0:
                return self._wclose[k - 1]
            for open_, close, before in self._sessions:
                if r <= before + close - open_:
                    return self._wmid[k] + self._offset(open_ + r - before)
        except IndexError:
            raise CalendarNotCovered(self.last_year + 1) from None
        raise AssertionError("unreachable")

    def _opening(self, p: int) -> datetime:
        """The latest instant whose position is `p`: inside a session or at its opening."""
        k, r = divmod(p, self.day_us)
        for open_, close, before in self._sessions:
            if r < before + close - open_:
                return self._at(self._wday(k), open_ + r - before)
        raise AssertionError("unreachable")

    def _close_of(self, d: int) -> datetime:
        return self._at(d, self._close_us)

    def _first_working_from(self, d: int) -> int:
        """Index of the first working day on or after day index d."""
        return self._wday(self._cum[d])

    def _day_index(self, d: date) -> int:
        i = (d - self.first_day).days
        if not 0 <= i < self.ndays:
            raise CalendarNotCovered(d.year)
        return i

    # -- public queries ------------------------------------------------------------------------------------

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    def is_working_day(self, d: date) -> bool:
        return self._work[self._day_index(d)]

    def count_working_days(self, first: date, last: date) -> int:
        """Working days from `first` to `last`, both included."""
        return self._cum[self._day_index(last) + 1] - self._cum[self._day_index(first)]

    def note(self, d: date) -> DayNote | None:
        return self.notes.get(d)

    def clock_start(self, instant: datetime) -> datetime:
        """Return `instant` if it is inside office hours, else the next opening."""
        return self._opening(self._pos(instant))

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Office time between two instants (negative if b is before a)."""
        return timedelta(microseconds=self._pos(b) - self._pos(a))

    def is_office_instant(self, instant: datetime) -> bool:
        """True when `instant` is inside a session or exactly at a session close, on a working day."""
        d, s = self._split(instant)
        return self._work[d] and any(o <= s <= c for o, c in zip(self._opens, self._closes, strict=True))

    # -- deadlines -----------------------------------------------------------------------------------------

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """Run the clock for `amount` of office time from `start` (clock starts at the next opening)."""
        return self._add_us(start, (amount.days * 86400 + amount.seconds) * _US + amount.microseconds)

    def _add_us(self, start: datetime, us: int) -> datetime:
        if us < 0:
            raise InvalidDeadlineInput("Thời hạn không được âm.")
        p = self._pos(start)
        return self._instant(p + us) if us else self._opening(p)

    def add_working_days_end_of_day(self, start: datetime, n: int) -> datetime:
        """Civil Code Arts. 147–148: skip the start day, due at close of the n-th working day after it."""
        d, _ = self._split(start)
        k = self._cum[d + 1] + n - 1 if n >= 1 else self._cum[d]
        return self._close_of(self._wday(k))

    def close_on_or_after(self, d: date) -> datetime:
        """Office close of `d`, or of the next working day if `d` is not one."""
        return self._close_of(self._first_working_from(self._day_index(d)))

    def same_day(self, start: datetime) -> datetime:
        """Due at close today if the clock starts before the cut-off, else at close of the next working day."""
        opened = self.clock_start(start)
        d, s = self._split(opened)
        if s < self._cutoff_us:
            return self._close_of(d)
        return self._close_of(self._wday(self._cum[d + 1]))

    def _base_due(self, start, amount, unit, policy):
        if unit == "working_hours":
            return self._add_us(start, round(amount * _HOUR_US))
        if amount == 0 and (unit != "working_days" or policy == "end_of_day"):
            return self.same_day(start)  # "0 days" is "within the day"; never a close before the start
        if unit == "working_days":
            if policy == "hourly":
                return self._add_us(start, round(amount * self.day_us))
            return self.add_working_days_end_of_day(start, _whole(amount))
        if unit == "calendar_days":
            return self.close_on_or_after(start.astimezone(self.tz).date() + timedelta(days=_whole(amount)))
        if unit == "months":
            return self.close_on_or_after(add_months(start.astimezone(self.tz).date(), _whole(amount)))
        return self.same_day(start)

    def due(self, start, amount, unit, *, policy="hourly", stops=(), extension=None) -> datetime:
        """Return the due instant of a time limit; see the module docstring for the rules."""
        _check_input(start, amount, unit, policy)
        due = self._base_due(start, amount, unit, policy)
        if stops:
            for stop in sorted(stops, key=lambda s: s.suspended_at):
                _check_stop(stop, start)
                if stop.restart:
                    due = self._base_due(stop.resumed_at, amount, unit, policy)
                elif stop.suspended_at < due:
                    due = self._resume(due, unit, policy, stop)
        if extension is not None:
            due = self._extend(due, extension)
        return due

    def _resume(self, due, unit, policy, stop):
        """Push `due` back by the time the clock stood still, measured in the unit's own terms."""
        if unit == "working_hours" or (unit == "working_days" and policy == "hourly"):
            return self._instant(self._pos(due) + self._pos(stop.resumed_at) - self._pos(stop.suspended_at))
        sd, _ = self._split(stop.suspended_at)
        rd, _ = self._split(stop.resumed_at)
        dd, _ = self._split(due)
        if unit == "working_days":
            return self._close_of(self._wday(self._cum[dd] + self._cum[rd + 1] - self._cum[sd + 1]))
        return self.close_on_or_after(due.astimezone(self.tz).date() + timedelta(days=rd - sd))

    def _extend(self, due, extension):
        """Apply the one re-appointment of an apology letter (Decree 61 Art. 19.9)."""
        if isinstance(extension, list | tuple):
            if len(extension) > 1:
                raise InvalidDeadlineInput("Chỉ được hẹn lại ngày trả kết quả một lần.")
            if not extension:
                return due
            extension = extension[0]
        if isinstance(extension, datetime):
            new = extension if self.is_office_instant(extension) else self.clock_start(extension)
        elif isinstance(extension, date):
            new = self.close_on_or_after(extension)
        else:
            raise InvalidDeadlineInput("Ngày hẹn lại không hợp lệ.")
        if new <= due:
            raise InvalidDeadlineInput("Ngày hẹn lại phải sau thời hạn hiện tại.")
        return new

    def status(self, due: datetime, *, finished_at: datetime | None, now: datetime) -> str:
        """Early / on time / late for finished dossiers; on track / due soon / overdue for open ones.

        Early means finished on a date before the due date; due soon means at most one working day of office
        time is left, the moment the apology letter must go out (Decree 61 Art. 19.9: no later than one day
        before the deadline).
        """
        if finished_at is not None:
            if finished_at > due:
                return "late"
            if finished_at.astimezone(self.tz).date() < due.astimezone(self.tz).date():
                return "early"
            return "on_time"
        if now > due:
            return "overdue"
        return "due_soon" if due <= self.due_soon_until(now) else "on_track"

    def due_soon_until(self, now: datetime) -> datetime:
        """The latest due moment that is "due soon" at `now`: one working day of office time ahead.

        The latest instant at that office-time position, so a deadline at the close of a session and the next
        opening, which are the same office time, are judged alike.
        """
        return self._opening(self._pos(now) + self.day_us)


def add_months(d: date, n: int) -> date:
    """Add n months, clamping to the last day of the month (31/01 + 1 month = 28/02 or 29/02)."""
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return date(y, m, min(d.day, _stdcal.monthrange(y, m)[1]))


def _whole(amount) -> int:
    if amount != int(amount):
        raise InvalidDeadlineInput("Thời hạn tính theo ngày hoặc tháng phải là số nguyên.")
    return int(amount)


def _check_input(start, amount, unit, policy):
    if unit not in UNITS:
        raise InvalidDeadlineInput(f"Đơn vị thời hạn không hợp lệ: {unit}. Chọn một trong: {', '.join(UNITS)}.")
    if policy not in POLICIES:
        raise InvalidDeadlineInput(f"Cách tính không hợp lệ: {policy}. Chọn hourly hoặc end_of_day.")
    if not isinstance(start, datetime) or start.tzinfo is None:
        raise InvalidDeadlineInput("Thời điểm bắt đầu phải là ngày giờ có múi giờ.")
    try:
        negative = amount < 0
    except TypeError:
        raise InvalidDeadlineInput("Thời hạn phải là một số.") from None
    if negative:
        raise InvalidDeadlineInput("Thời hạn không được âm.")


def _check_stop(stop, start):
    if stop.resumed_at is None:
        raise ClockStopped("Hồ sơ đang chờ bổ sung: thời hạn tạm dừng, chưa có ngày hẹn trả.")
    for t in (stop.suspended_at, stop.resumed_at):
        if not isinstance(t, datetime) or t.tzinfo is None:
            raise InvalidDeadlineInput("Thời điểm tạm dừng phải là ngày giờ có múi giờ.")
    if stop.resumed_at < stop.suspended_at or stop.suspended_at < start:
        raise InvalidDeadlineInput("Thời điểm tạm dừng và tiếp tục tính thời hạn không hợp lệ.")


def naive_add_working_hours(calendar: Calendar, start: datetime, hours: float) -> datetime:
    """Reference implementation walking minute by minute, day by day; used by tests and the benchmark only."""
    is_work = calendar.is_working_day
    sessions = calendar.hours.sessions
    remaining = timedelta(hours=hours)
    local = start.astimezone(calendar.tz)
    day, now = local.date(), local.timetz().replace(tzinfo=None)
    first = True
    while True:
        if is_work(day):
            for open_, close in sessions:
                begin = max(open_, now) if first else open_
                if begin >= close:
                    continue
                span = datetime.combine(day, close) - datetime.combine(day, begin)
                if remaining <= span:
                    return datetime.combine(day, begin, calendar.tz) + remaining
                remaining -= span
        first = False
        day += _DAY


__all__ = [
    "Calendar", "ClockStop", "DEFAULT_HOURS", "DayNote", "Hours", "POLICIES", "STATUSES", "UNITS", "VN_TZ",
    "add_months", "naive_add_working_hours",
]
