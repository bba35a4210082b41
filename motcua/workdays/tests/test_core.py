"""Hand-checked deadlines on the official 2025–2026 calendar (default office hours 08–12, 13–17, cut-off 15:00).

No database: the calendar is built from the `holidays` package and the seed rows, as the services do.
"""

import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta

import holidays
import pytest

from motcua.workdays.core import Calendar, ClockStop, Hours, add_months
from motcua.workdays.errors import CalendarNotCovered, ClockStopped, InvalidDeadlineInput
from motcua.workdays.official import calendar_inputs, official_calendar, package_holidays, vietnam_holidays_class
from motcua.workdays.seed import OVERRIDES, YEARS

from .helpers import at

CAL = official_calendar([row["year"] for row in YEARS], OVERRIDES)


DUE_CASES = [
    # (start, amount, unit, policy, expected due, why)
    # Tết 2025: off Mon 27/01–Fri 31/01 (plus the weekends around it)
    (at(2025, 1, 24, 10), 5, "working_days", "hourly", at(2025, 2, 7, 10), "Tết 2025: 03/02..07/02 are days 1–5"),
    (at(2025, 1, 24, 10), 5, "working_days", "end_of_day", at(2025, 2, 7, 17), "Tết 2025, Civil Code policy"),
    (at(2025, 1, 24, 14), 16, "working_hours", "hourly", at(2025, 2, 4, 14), "3 h Fri, 8 h Mon 03/02, 5 h Tue"),
    # Tết 2026: off Mon 16/02–Fri 20/02
    (at(2026, 2, 12, 14, 30), 5, "working_days", "hourly", at(2026, 2, 26, 14, 30), "Tết 2026, slip keeps hh:mm"),
    (at(2026, 2, 12, 14, 30), 5, "working_days", "end_of_day", at(2026, 2, 26, 17), "Tết 2026, Civil Code"),
    (at(2026, 2, 12, 9), 5, "calendar_days", "hourly", at(2026, 2, 23, 17), "17/02 is Tết: next working day"),
    # 30/4–1/5 2025: Fri 02/05 off, swapped with Sat 26/04 worked
    (at(2025, 4, 24, 9), 3, "working_days", "hourly", at(2025, 4, 28, 9), "Fri 25, make-up Sat 26, Mon 28"),
    (at(2025, 4, 29, 11), 2, "working_days", "end_of_day", at(2025, 5, 6, 17), "30/4, 1/5, 2/5 off: Mon 5, Tue 6"),
    (at(2025, 4, 26, 13), 4, "working_hours", "hourly", at(2025, 4, 26, 17), "make-up Saturday has normal hours"),
    (at(2025, 4, 25, 16), 1, "same_day", "hourly", at(2025, 4, 26, 17), "after 15:00 Fri: make-up Sat is next"),
    # Hùng Kings 2026 on Sunday 26/04 -> Monday 27/04 off; 30/04 Thu and 01/05 Fri off
    (at(2026, 4, 24, 10), 3, "working_days", "hourly", at(2026, 5, 4, 10), "Tue 28, Wed 29, Mon 04/05"),
    (at(2026, 4, 26, 10), 1, "working_days", "end_of_day", at(2026, 4, 28, 17), "start on the holiday itself"),
    (at(2026, 4, 21, 9), 5, "calendar_days", "hourly", at(2026, 4, 28, 17), "26/04 Sun, 27/04 compensated"),
    (at(2026, 4, 29, 15, 30), 1, "same_day", "hourly", at(2026, 5, 4, 17), "after cut-off before 30/4–1/5"),
    # 2026 New Year: Thu 01/01 and Fri 02/01 off, Sat 10/01 worked (CV 12729/VPCP-KGVX)
    (at(2025, 12, 31, 16), 1, "working_days", "hourly", at(2026, 1, 5, 16), "1 h on 31/12, 7 h on Mon 05/01"),
    (at(2026, 1, 8, 9), 5, "working_days", "hourly", at(2026, 1, 14, 9), "Fri 9, Sat 10 (make-up), Mon–Wed"),
    (at(2026, 1, 9, 9), 1, "working_days", "end_of_day", at(2026, 1, 10, 17), "the make-up Saturday counts"),
    (at(2026, 1, 10, 10), 1, "same_day", "hourly", at(2026, 1, 10, 17), "same day on a make-up Saturday"),
    (at(2026, 1, 10, 16), 1, "same_day", "hourly", at(2026, 1, 12, 17), "after cut-off on a make-up Saturday"),
    (at(2026, 1, 1, 10), 2, "working_hours", "hourly", at(2026, 1, 5, 10), "received online on 01/01"),
    # Lunch break and after hours (Mon 02/03/2026 .. Mon 09/03/2026, no holidays)
    (at(2026, 3, 2, 12, 30), 2, "working_hours", "hourly", at(2026, 3, 2, 15), "lunch: clock starts at 13:00"),
    (at(2026, 3, 2, 11, 30), 1, "working_hours", "hourly", at(2026, 3, 2, 13, 30), "the hour spans lunch"),
    (at(2026, 3, 2, 11, 30), 0.5, "working_hours", "hourly", at(2026, 3, 2, 12), "lands on 12:00 and stays"),
    (at(2026, 3, 2, 9), 8, "working_hours", "hourly", at(2026, 3, 3, 9), "8 h = one working day"),
    (at(2026, 3, 2, 7), 8, "working_hours", "hourly", at(2026, 3, 2, 17), "before opening, lands on 17:00"),
    (at(2026, 3, 2, 18), 1, "working_hours", "hourly", at(2026, 3, 3, 9), "evening: next morning"),
    (at(2026, 3, 6, 17, 30), 1, "working_hours", "hourly", at(2026, 3, 9, 9), "Friday evening: Monday"),
    (at(2026, 3, 7, 10), 1, "working_days", "hourly", at(2026, 3, 9, 17), "Saturday: clock starts Monday 08:00"),
    (at(2026, 3, 2, 18), 0, "working_hours", "hourly", at(2026, 3, 3, 8), "zero: the clock start"),
    (at(2026, 3, 2, 23), 1, "working_days", "end_of_day", at(2026, 3, 3, 17), "start day never counted"),
    # 15:00 cut-off (same_day)
    (at(2026, 3, 2, 14, 59), 1, "same_day", "hourly", at(2026, 3, 2, 17), "before the cut-off"),
    (at(2026, 3, 2, 15), 1, "same_day", "hourly", at(2026, 3, 3, 17), "at the cut-off: next working day"),
    (at(2026, 3, 2, 7), 1, "same_day", "hourly", at(2026, 3, 2, 17), "before opening: today"),
    (at(2026, 3, 2, 12, 15), 1, "same_day", "hourly", at(2026, 3, 2, 17), "lunch: clock starts 13:00"),
    (at(2026, 3, 2, 18), 1, "same_day", "hourly", at(2026, 3, 3, 17), "evening: tomorrow morning, same day"),
    (at(2026, 3, 6, 16), 1, "same_day", "hourly", at(2026, 3, 9, 17), "Friday after cut-off: Monday"),
    # calendar days and months (rolled to a working day, due at close)
    (at(2026, 3, 2, 10), 15, "calendar_days", "hourly", at(2026, 3, 17, 17), "Tue 17/03"),
    (at(2026, 3, 6, 10), 1, "calendar_days", "hourly", at(2026, 3, 9, 17), "Saturday rolls to Monday"),
    (at(2026, 1, 31, 10), 1, "months", "hourly", at(2026, 3, 2, 17), "31/01 + 1 month = Sat 28/02 -> Mon"),
    (at(2025, 11, 30, 10), 3, "months", "hourly", at(2026, 3, 2, 17), "clamped to 28/02, a Saturday"),
    (at(2025, 12, 15, 10), 1, "months", "hourly", at(2026, 1, 15, 17), "over the year end"),
    (at(2026, 1, 2, 10), 12, "months", "hourly", at(2027, 1, 4, 17), "02/01/2027 Sat -> Mon 04/01/2027"),
    # 24/11/2026 Ngày Văn hóa Việt Nam: pending, a working day (seeded not_observed override)
    (at(2026, 11, 23, 10), 1, "working_days", "hourly", at(2026, 11, 24, 10), "24/11 is worked"),
    # 2026 National Day: Mon 31/08 off swapped with Sat 22/08; Tue 01/09, Wed 02/09 off
    (at(2026, 8, 21, 10), 1, "working_days", "hourly", at(2026, 8, 22, 10), "make-up Saturday 22/08"),
    (at(2026, 8, 28, 10), 1, "working_days", "hourly", at(2026, 9, 3, 10), "31/08, 01/09, 02/09 off"),
]


@pytest.mark.parametrize(("start", "amount", "unit", "policy", "expected", "why"), DUE_CASES,
                         ids=[c[5] for c in DUE_CASES])
def test_due(start, amount, unit, policy, expected, why):
    assert CAL.due(start, amount, unit, policy=policy) == expected


DAY_CASES = [
    (date(2025, 1, 27), False, "29 Tết 2025"),
    (date(2025, 2, 3), True, "back to work after Tết 2025"),
    (date(2025, 4, 26), True, "make-up Saturday 2025"),
    (date(2025, 5, 2), False, "swapped Friday 2025"),
    (date(2025, 9, 1), False, "National Day adjacent day 2025"),
    (date(2026, 1, 2), False, "New Year swap 2026"),
    (date(2026, 1, 10), True, "make-up Saturday 2026"),
    (date(2026, 2, 16), False, "Tết 2026 eve"),
    (date(2026, 2, 23), True, "back to work after Tết 2026"),
    (date(2026, 4, 27), False, "Hùng Kings on Sunday, compensated Monday (Art. 111)"),
    (date(2026, 8, 22), True, "make-up Saturday before National Day 2026"),
    (date(2026, 8, 31), False, "swapped Monday 2026"),
    (date(2026, 11, 24), True, "Ngày Văn hóa Việt Nam pending"),
    (date(2026, 11, 28), False, "an ordinary Saturday"),
]


@pytest.mark.parametrize(("day", "working", "why"), DAY_CASES, ids=[c[2] for c in DAY_CASES])
def test_working_days(day, working, why):
    assert CAL.is_working_day(day) is working


def test_compensation_is_labelled_with_article_111():
    assert CAL.note(date(2026, 4, 27)).kind == "compensation"
    assert "nghỉ bù" in CAL.note(date(2026, 4, 27)).name


@pytest.mark.parametrize("year", range(2000, 2036))
def test_article_111_in_the_core_matches_the_package(year):
    """The core's weekend compensation reproduces the package's observed days, outside the Tết arrangement."""
    statutory, tet = package_holidays(year, year)
    cal = Calendar(first_year=year, last_year=year, holidays=statutory, days_off=tet)
    observed = holidays.country_holidays("VN", years=year)
    expected = {d for d in observed if d.weekday() < 5 and d.year == year}
    got = {d for d in cal.notes if d.weekday() < 5 and not cal.is_working_day(d)}
    assert got == expected


@pytest.mark.parametrize("observed", [True, False])
def test_vietnam_loaded_alone_gives_the_packages_days(observed):
    years = range(2000, 2036)
    alone = vietnam_holidays_class()(years=years, observed=observed, language="vi")
    assert dict(alone) == dict(holidays.country_holidays("VN", years=years, observed=observed, language="vi"))


def test_building_the_calendar_imports_no_other_country():
    """A web worker builds the calendar for deadlines: the package's other countries stay out of its memory."""
    code = ("import sys; from motcua.workdays.official import package_holidays; package_holidays(2025, 2026); "
            "print(sorted(m for m in sys.modules if m.startswith('holidays.countries')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_not_observed_cancels_a_holiday_and_its_compensation():
    # 24/11/2029 is a Saturday: the package gives Monday 26/11 off; cancelling the holiday cancels both.
    over = [{"date": "2029-11-24", "kind": "not_observed", "reason": "chưa áp dụng", "legal_document": ""}]
    with_day = Calendar(hours=Hours(), **calendar_inputs([2029], []))
    without = Calendar(hours=Hours(), **calendar_inputs([2029], over))
    assert not with_day.is_working_day(date(2029, 11, 26))
    assert without.is_working_day(date(2029, 11, 26))


def test_calendar_covers_the_published_years_and_the_next():
    assert (CAL.first_year, CAL.last_year) == (2025, 2027)
    with pytest.raises(CalendarNotCovered) as exc:
        CAL.due(at(2028, 1, 3, 9), 1, "working_days")
    assert "2028" in exc.value.message


def test_a_deadline_running_past_the_calendar_is_refused():
    with pytest.raises(CalendarNotCovered):
        CAL.due(at(2027, 12, 20, 9), 30, "working_days")


STOP_CASES = [
    # (stops, expected, why) for 5 working days (hourly) from Mon 02/03/2026 09:00, due Mon 09/03 09:00
    ((), at(2026, 3, 9, 9), "no stop"),
    ((ClockStop(at(2026, 3, 3, 10), at(2026, 3, 5, 14), True),), at(2026, 3, 12, 14),
     "Decree 61 Art. 19.4: 5 full days again from Thu 05/03 14:00"),
    ((ClockStop(at(2026, 3, 3, 10), at(2026, 3, 5, 14), False),), at(2026, 3, 11, 12),
     "resume: 9 h used, 31 h left from Thu 14:00"),
    ((ClockStop(at(2026, 3, 10, 10), at(2026, 3, 11, 10), False),), at(2026, 3, 9, 9),
     "a stop after the deadline does not move it"),
]


@pytest.mark.parametrize(("stops", "expected", "why"), STOP_CASES, ids=[c[2] for c in STOP_CASES])
def test_clock_stops(stops, expected, why):
    assert CAL.due(at(2026, 3, 2, 9), 5, "working_days", stops=stops) == expected


def test_resume_counts_working_days_for_end_of_day():
    stop = ClockStop(at(2026, 3, 3, 10), at(2026, 3, 5, 14), False)  # Wed 04 and Thu 05 stood still
    assert CAL.due(at(2026, 3, 2, 9), 5, "working_days", policy="end_of_day") == at(2026, 3, 9, 17)
    assert CAL.due(at(2026, 3, 2, 9), 5, "working_days", policy="end_of_day", stops=[stop]) == at(2026, 3, 11, 17)


def test_resume_counts_calendar_days_for_calendar_units():
    stop = ClockStop(at(2026, 3, 3, 10), at(2026, 3, 5, 14), False)
    assert CAL.due(at(2026, 3, 2, 9), 10, "calendar_days", stops=[stop]) == at(2026, 3, 16, 17)


def test_an_open_supplement_has_no_due_instant():
    with pytest.raises(ClockStopped) as exc:
        CAL.due(at(2026, 3, 2, 9), 5, "working_days", stops=[ClockStop(at(2026, 3, 3, 10), None)])
    assert exc.value.status == 409


def test_apology_moves_the_deadline_once():
    assert CAL.due(at(2026, 3, 2, 9), 5, "working_days", extension=date(2026, 3, 20)) == at(2026, 3, 20, 17)
    assert CAL.due(at(2026, 3, 2, 9), 5, "working_days", extension=date(2026, 3, 21)) == at(2026, 3, 23, 17)
    assert CAL.due(at(2026, 3, 2, 9), 5, "working_days", extension=at(2026, 3, 12, 10)) == at(2026, 3, 12, 10)
    assert CAL.due(at(2026, 3, 2, 9), 5, "working_days", extension=[at(2026, 3, 12, 19)]) == at(2026, 3, 13, 8)
    with pytest.raises(InvalidDeadlineInput, match="một lần"):
        CAL.due(at(2026, 3, 2, 9), 5, "working_days", extension=[date(2026, 3, 20), date(2026, 3, 27)])
    with pytest.raises(InvalidDeadlineInput, match="sau thời hạn"):
        CAL.due(at(2026, 3, 2, 9), 5, "working_days", extension=date(2026, 3, 5))


STATUS_CASES = [
    # (finished_at, now, expected) against a due instant of Tue 10/03/2026 14:30
    (at(2026, 3, 9, 16), None, "early"),
    (at(2026, 3, 10, 9), None, "on_time"),
    (at(2026, 3, 10, 14, 30), None, "on_time"),
    (at(2026, 3, 10, 14, 31), None, "late"),
    (None, at(2026, 3, 6, 14, 29), "on_track"),
    (None, at(2026, 3, 9, 14, 29), "on_track"),
    (None, at(2026, 3, 9, 14, 30), "due_soon"),
    (None, at(2026, 3, 7, 10), "on_track"),
    (None, at(2026, 3, 10, 14, 30), "due_soon"),
    (None, at(2026, 3, 10, 14, 31), "overdue"),
]


@pytest.mark.parametrize(("finished_at", "now", "expected"), STATUS_CASES)
def test_status(finished_at, now, expected):
    due = at(2026, 3, 10, 14, 30)
    assert CAL.status(due, finished_at=finished_at, now=now or finished_at) == expected


def test_due_soon_measures_working_time_over_a_weekend():
    # Due Monday 09/03 10:00; on Friday 06/03 at 10:00 one working day is left: the apology must go out.
    assert CAL.status(at(2026, 3, 9, 10), finished_at=None, now=at(2026, 3, 6, 10)) == "due_soon"
    assert CAL.status(at(2026, 3, 9, 10), finished_at=None, now=at(2026, 3, 6, 9, 59)) == "on_track"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((at(2026, 3, 2, 9), 1, "weeks"), "Đơn vị thời hạn không hợp lệ"),
        ((at(2026, 3, 2, 9), -1, "working_days"), "không được âm"),
        ((datetime(2026, 3, 2, 9), 1, "working_days"), "múi giờ"),
        ((at(2026, 3, 2, 9), 1.5, "calendar_days"), "số nguyên"),
        ((at(2026, 3, 2, 9), "năm", "working_days"), "một số"),
    ],
)
def test_bad_input_is_refused_in_vietnamese(args, message):
    with pytest.raises(InvalidDeadlineInput, match=message):
        CAL.due(*args)


def test_unknown_policy_is_refused():
    with pytest.raises(InvalidDeadlineInput, match="Cách tính"):
        CAL.due(at(2026, 3, 2, 9), 1, "working_days", policy="nightly")


def test_other_office_hours():
    hours = Hours(sessions=((time(7, 30), time(11, 30)), (time(13, 30), time(17))), cutoff=time(15))
    cal = official_calendar([2026], [], hours=hours)
    assert cal.day_us == int(timedelta(hours=7, minutes=30).total_seconds() * 1_000_000)
    assert cal.due(at(2026, 3, 2, 11), 1, "working_hours") == at(2026, 3, 2, 14)
    assert cal.due(at(2026, 3, 2, 11), 1, "working_days") == at(2026, 3, 3, 11)


def test_bad_office_hours_are_refused():
    with pytest.raises(InvalidDeadlineInput):
        Hours(sessions=((time(8), time(12)), (time(11), time(17))))
    with pytest.raises(InvalidDeadlineInput):
        Hours(cutoff=time(18))


def test_the_result_is_in_vietnam_time():
    due = CAL.due(datetime(2026, 3, 2, 2, tzinfo=UTC), 1, "working_hours")  # 09:00 in Hanoi
    assert due == at(2026, 3, 2, 10) and due.utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize(
    ("d", "n", "expected"),
    [(date(2026, 1, 31), 1, date(2026, 2, 28)), (date(2028, 1, 31), 1, date(2028, 2, 29)),
     (date(2026, 11, 30), 3, date(2027, 2, 28)), (date(2026, 5, 15), 0, date(2026, 5, 15))],
)
def test_add_months_clamps_to_month_end(d, n, expected):
    assert add_months(d, n) == expected


def test_due_soon_until_is_the_one_cut_off_of_status():
    """`due_soon_until` is the SQL-friendly form of `status`: due soon exactly when due <= the cut-off, also
    across a lunch break, an evening and a weekend (a deadline at a session close and the next opening alike)."""
    for now in (at(2026, 3, 6, 10), at(2026, 3, 6, 12, 15), at(2026, 3, 6, 19), at(2026, 3, 9, 8)):
        until = CAL.due_soon_until(now)
        assert CAL.status(until, finished_at=None, now=now) == "due_soon"
        assert CAL.status(until + timedelta(minutes=1), finished_at=None, now=now) == "on_track"
        assert CAL.working_time_between(now, until) == timedelta(microseconds=CAL.day_us)
