"""The admin pages of the ratings app open, and ratings made by citizens cannot be edited there."""

import uuid

import pytest
from django.contrib.auth import get_user_model

from motcua.ratings import services
from motcua.ratings.models import CounterDevice

from .base import T0


@pytest.fixture
def admin_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("quantri", password=None))
    return client


@pytest.mark.parametrize("model", ["counterdevice", "counterrating", "survey", "surveyresponse", "dossierevaluation"])
def test_changelists_open(admin_client, world, model):
    assert admin_client.get(f"/quan-tri/ratings/{model}/").status_code == 200


def test_device_page_link_is_shown_and_a_press_is_read_only(admin_client, world):
    device = CounterDevice.objects.create(agency=world.centre, counter="Quầy số 1")
    rating = services.record_counter_rating(device, score=3, client_id=uuid.uuid4(), at=T0)
    assert f"/danh-gia/quay/{device.token}/" in admin_client.get("/quan-tri/ratings/counterdevice/").content.decode()
    admin_client.post(f"/quan-tri/ratings/counterrating/{rating.pk}/change/", {"score": 5})
    rating.refresh_from_db()
    assert rating.score == 3
    assert admin_client.get("/quan-tri/ratings/counterrating/add/").status_code == 403
