"""The tracking page invites the citizen to rate the service once the result is returned, and not before."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from .base import returned_dossier, submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_throttle():
    cache.clear()


def test_tracking_a_returned_dossier_links_to_its_evaluation(client, version, world):
    dossier = returned_dossier(version, world)
    body = client.post(reverse("portal:track"), {"ma": dossier.code, "so": "5678"}).content.decode()
    assert 'id="danh-gia"' in body
    link = body.split('id="danh-gia" href="')[1].split('"')[0]
    assert "Đánh giá" in client.get(link).content.decode()


def test_tracking_an_open_dossier_does_not_ask_for_a_rating(client, version, world):
    dossier = submit(version, world)
    assert 'id="danh-gia"' not in client.post(reverse("portal:track"), {"ma": dossier.code, "so": "5678"}).content.decode()
