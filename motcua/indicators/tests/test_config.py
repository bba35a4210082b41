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
