from datetime import datetime, timedelta

from django.utils import timezone

from motcua.dossiers.models import Channel
from motcua.dossiers.services import (
    Applicant,
    ComponentInput,
    complete_step,
    issue_result,
    return_result,
    submit_dossier,
)
from motcua.office import programmes
from motcua.office.intake import after_counter_intake
from motcua.office.models import Programme
from motcua.office.seed import successor_communes

FRIDAY_10 = timezone.make_aware(datetime(2026, 12, 4, 10, 0))


def take(office, at):
    version = office.business_end.current
    dossier = submit_dossier(version, channel=Channel.DIRECT, applicant=Applicant(name="Hộ kinh doanh Minh Anh",
                             phone="0912345678"), components=[ComponentInput(component=version.components.first())],
                             at=at, actor=office.thu, agency=office.hoai_duc)
    after_counter_intake(dossier, actor=office.thu, at=at)
    return dossier


def give_back(office, dossier, after):
    at = dossier.accepted_at + after
    dossier = complete_step(dossier, actor=office.thu, at=at)
    dossier = issue_result(dossier, actor=office.thu, at=at)
    return return_result(dossier, actor=office.thu, at=at)


def test_the_seeded_green_friday_covers_the_successor_communes_of_hoai_duc(office):
    assert successor_communes("Huyện Hoài Đức") == ["09832", "09856", "09871", "09877"]
    assert successor_communes("Quận Hoàn Kiếm") == ["00070", "00082"]
    green = Programme.objects.get(slug="ngay-thu-sau-xanh-hoai-duc")
    assert list(green.agencies.values_list("code", flat=True)) == ["T01-X09832"]
    assert list(green.procedures.values_list("code", flat=True)) == ["1.001266"]
    assert green.target_minutes == 60 and green.weekday_list == [4]


def test_45_minutes_is_within_target_and_75_is_not(office):
    fast, slow = take(office, FRIDAY_10), take(office, FRIDAY_10 + timedelta(minutes=5))
    clock = programmes.clock(fast)
    assert clock["due_at"] == FRIDAY_10 + timedelta(minutes=60) and clock["programme_is_tighter"]
    fast = give_back(office, fast, timedelta(minutes=45))
    slow = give_back(office, slow, timedelta(minutes=75))
    assert programmes.clock(fast)["within"] is True and programmes.clock(slow)["within"] is False
    result = programmes.compliance(Programme.objects.get(slug="ngay-thu-sau-xanh-hoai-duc"))
    assert (result["returned"], result["within"], result["share"], result["median_minutes"]) == (2, 1, 0.5, 60)


def test_working_time_only_counts_and_other_days_are_not_enrolled(office):
    before_lunch = timezone.make_aware(datetime(2026, 12, 4, 11, 30))
    dossier = take(office, before_lunch)
    # 30 minutes before noon, 30 after 13:00: the lunch break does not count.
    assert programmes.clock(dossier)["due_at"] == timezone.make_aware(datetime(2026, 12, 4, 13, 30))
    thursday = take(office, FRIDAY_10 - timedelta(days=1))
    assert programmes.clock(thursday) is None
