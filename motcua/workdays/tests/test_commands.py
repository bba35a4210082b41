from datetime import date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.checks import run_checks
from django.core.management import CommandError, call_command

from motcua.units.models import Agency
from motcua.workdays.core import VN_TZ
from motcua.workdays.models import CalendarOverride, CalendarYear, OfficeHours
from motcua.workdays.seed import OVERRIDES

pytestmark = pytest.mark.django_db


def deadline(*args):
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue().strip()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("2026-02-12T14:30", "5", "working_days"), "2026-02-26T14:30:00+07:00"),
        (("2026-02-12T14:30", "5", "working_days", "--policy", "end_of_day"), "2026-02-26T17:00:00+07:00"),
        (("2026-04-24T10:00", "3", "working_days"), "2026-05-04T10:00:00+07:00"),
        (("2026-03-02T11:30", "1.5", "working_hours"), "2026-03-02T14:00:00+07:00"),
        (("2026-03-02T15:00", "1", "same_day"), "2026-03-03T17:00:00+07:00"),
        (("2026-01-31T09:00", "1", "months"), "2026-03-02T17:00:00+07:00"),
        (("2026-03-02T02:00:00+00:00", "1", "working_hours"), "2026-03-02T10:00:00+07:00"),
    ],
)
def test_deadline_prints_the_due_instant_with_offset(args, expected):
    assert deadline(*args) == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("2026-02-12T14:30", "5", "weeks"), "Đơn vị thời hạn không hợp lệ"),
        (("2026-02-12T14:30", "-5", "working_days"), "không được âm"),
        (("2026-02-12T14:30", "năm", "working_days"), "Số lượng không hợp lệ"),
        (("12/02/2026", "5", "working_days"), "Không đọc được thời điểm"),
        (("2031-02-12T14:30", "5", "working_days"), "Chưa có dữ liệu lịch làm việc cho năm 2031"),
        (("2026-02-12T14:30", "5", "working_days", "--policy", "nightly"), "Cách tính không hợp lệ"),
        (("2026-02-12T14:30", "5", "working_days", "--agency", "KHONG-CO"), "Không tìm thấy cơ quan"),
        (("2026-02-12T14:30", "1.5", "calendar_days"), "số nguyên"),
    ],
)
def test_deadline_refuses_bad_input(args, message):
    with pytest.raises(CommandError, match=message):
        deadline(*args)


def test_deadline_uses_the_agency_office_hours():
    hours = OfficeHours.objects.create(name="Sáng sớm", morning_start="07:00", morning_end="11:00",
                                       afternoon_start="13:00", afternoon_end="17:00")
    Agency.objects.create(code="T01-THU", name="Cơ quan thử", kind="khac", office_hours=hours)
    assert deadline("2026-03-02T10:30", "1", "working_hours", "--agency", "T01-THU") == "2026-03-02T13:30:00+07:00"


def test_seed_calendar_is_idempotent_and_keeps_admin_edits():
    assert CalendarOverride.objects.count() == len(OVERRIDES)  # seeded by migration 0003
    row = CalendarOverride.objects.get(date=date(2026, 11, 24))
    row.kind = CalendarOverride.Kind.DAY_OFF
    row.save()
    out = StringIO()
    call_command("seed_calendar", stdout=out)
    call_command("seed_calendar", stdout=out)
    assert "thêm 0 giờ làm việc, 0 năm, 0 điều chỉnh" in out.getvalue()
    assert CalendarOverride.objects.count() == len(OVERRIDES)
    assert CalendarOverride.objects.get(date=date(2026, 11, 24)).kind == "day_off"


def test_seed_calendar_recreates_missing_rows():
    CalendarOverride.objects.filter(date=date(2026, 1, 10)).delete()
    call_command("seed_calendar", stdout=StringIO())
    assert CalendarOverride.objects.filter(date=date(2026, 1, 10), kind="working_day").exists()


@time_machine.travel(datetime(2026, 6, 1, 9, tzinfo=VN_TZ), tick=False)
def test_system_check_warns_when_the_current_year_is_missing():
    warnings = [m for m in run_checks(tags=["workdays"]) if m.id == "workdays.W001"]
    CalendarYear.objects.all().delete()
    after = [m for m in run_checks(tags=["workdays"]) if m.id == "workdays.W001"]
    assert warnings == []  # 2026 is seeded
    assert len(after) == 1 and "2026" in after[0].msg
