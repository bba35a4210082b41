import datetime

import pytest

from motcua.indicators.config import config_on
from motcua.indicators.models import IndexConfig


@pytest.mark.django_db
def test_seeded_config_is_in_force_and_a_newer_row_takes_over_from_its_date():
    assert config_on(datetime.date(2026, 1, 1))["groups"]["TDGQ"]["points"] == 20
    data = config_on(datetime.date(2026, 1, 1))
    data["min_dossiers_for_rank"] = 50
    IndexConfig.objects.create(effective_from=datetime.date(2026, 7, 1), data=data, note="test")
    assert config_on(datetime.date(2026, 6, 30))["min_dossiers_for_rank"] == 30
    assert config_on(datetime.date(2026, 7, 1))["min_dossiers_for_rank"] == 50


@pytest.mark.django_db
def test_a_period_is_scored_with_the_config_of_its_last_day_or_today_while_it_runs():
    from django.utils import timezone

    from motcua.indicators.config import config_for
    from motcua.indicators.services import Period

    data = config_on(datetime.date(2026, 1, 1))
    data["min_dossiers_for_rank"] = 50
    IndexConfig.objects.create(effective_from=datetime.date(2026, 3, 15), data=data, note="test")
    march = Period.of("month", datetime.date(2026, 3, 1))
    later = timezone.make_aware(datetime.datetime(2026, 5, 1, 9))
    assert config_for(march, now=later)["min_dossiers_for_rank"] == 50  # in force on 31/03
    running = timezone.make_aware(datetime.datetime(2026, 3, 10, 9))
    assert config_for(march, now=running)["min_dossiers_for_rank"] == 30  # in force today, 10/03
