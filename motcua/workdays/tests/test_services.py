from datetime import date, datetime

import pytest

from motcua.lib.page_cache import bump
from motcua.workdays import services
from motcua.workdays.core import VN_TZ
from motcua.workdays.errors import CalendarNotCovered, ClockStopped, InvalidDeadlineInput
from motcua.workdays.models import CalendarOverride, OfficeHours

pytestmark = pytest.mark.django_db


def at(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=VN_TZ)


def test_five_working_days_skip_tet_2026():
    assert services.compute_due(at(2026, 2, 12, 14, 30), 5, "working_days") == at(2026, 2, 26, 14, 30)


def test_add_working_days_is_the_hourly_policy():
    assert services.add_working_days(at(2026, 4, 24, 10), 3) == at(2026, 5, 4, 10)


def test_seeded_new_year_swap_2026():
    assert not services.is_working_day(date(2026, 1, 2))
    assert services.is_working_day(date(2026, 1, 10))


def test_an_override_saved_in_admin_is_used_at_once():
    CalendarOverride.objects.create(date=date(2026, 12, 1), kind="day_off", reason="thử", legal_document="X")
    assert not services.is_working_day(date(2026, 12, 1))


def test_an_override_saved_by_another_process_is_used_within_a_second(monkeypatch):
    """Another worker's save reaches this one through the shared calendar version, not this process's signal."""
    assert services.is_working_day(date(2026, 12, 2))
    CalendarOverride.objects.bulk_create(  # no signal: this process does not hear of it
        [CalendarOverride(date=date(2026, 12, 2), kind="day_off", reason="thử", legal_document="X")])
    assert services.is_working_day(date(2026, 12, 2))  # its own copy is still in use
    bump("calendar")  # what the other process's save did in the shared cache
    monkeypatch.setattr(services, "SHARED_CHECK_SECONDS", 0)
    assert not services.is_working_day(date(2026, 12, 2))


def test_a_cleared_shared_cache_costs_one_build_not_two(monkeypatch, django_assert_num_queries):
    """After the shared cache and this process's calendars are both cleared (a new test, a restarted Redis), the
    calendar is built once; the next check of the shared version, a second later, keeps it."""
    from django.core.cache import cache

    services.is_working_day(date(2026, 12, 2))  # a version recorded under the old shared cache
    cache.clear()
    services.clear_cache()
    services.is_working_day(date(2026, 12, 2))
    monkeypatch.setattr(services, "SHARED_CHECK_SECONDS", 0)
    with django_assert_num_queries(0):
        services.is_working_day(date(2026, 12, 2))


def test_agency_office_hours_change_the_clock():
    hours = OfficeHours.objects.create(name="Sớm", morning_start="07:30", morning_end="11:30",
                                       afternoon_start="13:30", afternoon_end="17:00")
    assert services.compute_due(at(2026, 3, 2, 11), 1, "working_hours", office_hours=hours) == at(2026, 3, 2, 14)


def test_working_minutes_between_skips_lunch_and_night():
    assert services.working_minutes_between(at(2026, 3, 2, 11), at(2026, 3, 3, 9)) == 60 + 240 + 60
    assert services.working_minutes_between(at(2026, 3, 3, 9), at(2026, 3, 2, 11)) == -360


def test_deadline_status():
    due = at(2026, 3, 10, 17)
    assert services.deadline_status(due, finished_at=at(2026, 3, 9, 10), now=at(2026, 3, 9, 10)) == "early"
    assert services.deadline_status(due, finished_at=at(2026, 3, 10, 16), now=at(2026, 3, 10, 16)) == "on_time"
    assert services.deadline_status(due, finished_at=at(2026, 3, 11, 8), now=at(2026, 3, 11, 8)) == "late"
    assert services.deadline_status(due, finished_at=None, now=at(2026, 3, 5, 9)) == "on_track"
    assert services.deadline_status(due, finished_at=None, now=at(2026, 3, 9, 17)) == "due_soon"
    assert services.deadline_status(due, finished_at=None, now=at(2026, 3, 10, 17, 1)) == "overdue"


def test_errors_are_domain_errors_in_vietnamese():
    with pytest.raises(CalendarNotCovered, match="năm 2030"):
        services.compute_due(at(2030, 1, 5, 9), 1, "working_days")
    with pytest.raises(InvalidDeadlineInput):
        services.compute_due(at(2026, 1, 5, 9), 1, "weeks")
    with pytest.raises(ClockStopped):
        services.compute_due(at(2026, 1, 5, 9), 1, "working_days",
                             stops=[services.ClockStop(at(2026, 1, 5, 10), None)])


def test_editing_office_hours_rebuilds_the_calendar():
    hours = OfficeHours.objects.create(name="Thử", morning_start="08:00", morning_end="12:00",
                                       afternoon_start="13:00", afternoon_end="17:00")
    hours.refresh_from_db()
    assert services.compute_due(at(2026, 3, 2, 16), 2, "working_hours", office_hours=hours) == at(2026, 3, 3, 9)
    hours.afternoon_end = datetime.strptime("18:00", "%H:%M").time()
    hours.save()
    assert services.compute_due(at(2026, 3, 2, 16), 2, "working_hours", office_hours=hours) == at(2026, 3, 2, 18)


def test_deleting_an_override_is_seen_at_once():
    assert services.is_working_day(date(2026, 1, 10))
    CalendarOverride.objects.filter(date=date(2026, 1, 10)).delete()
    assert not services.is_working_day(date(2026, 1, 10))


def test_without_any_published_year_the_seed_in_code_is_used():
    from motcua.workdays.models import CalendarYear

    CalendarYear.objects.all().delete()
    CalendarOverride.objects.all().delete()
    assert services.covered_years() == (2025, 2027)
    assert services.is_working_day(date(2026, 1, 10))


def test_a_published_year_extends_the_calendar():
    from motcua.workdays.models import CalendarYear

    CalendarYear.objects.create(year=2027)
    assert services.covered_years() == (2025, 2028)


def test_the_default_office_hours_are_seeded():
    assert services.default_office_hours().pk is not None
    assert services.get_calendar().hours.sessions[0][0].hour == 8


def test_office_hours_validation_in_vietnamese():
    from django.core.exceptions import ValidationError

    bad = OfficeHours(name="Sai", morning_start="08:00", morning_end="13:00", afternoon_start="12:00",
                      afternoon_end="17:00")
    with pytest.raises(ValidationError, match="Giờ làm việc phải theo thứ tự"):
        bad.full_clean()


def test_admin_pages_open(admin_client):
    for name in ("officehours", "calendaroverride", "calendaryear"):
        assert admin_client.get(f"/quan-tri/workdays/{name}/").status_code == 200
        assert admin_client.get(f"/quan-tri/workdays/{name}/add/").status_code == 200
