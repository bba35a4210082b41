"""Counter rating device: a press is credited to the officer shown, counted once however often it is retried."""

import json
import uuid
from datetime import timedelta

import pytest

from motcua.ratings import services
from motcua.ratings.errors import RatingError, RatingForbidden, RatingNotFound
from motcua.ratings.models import CounterDevice, CounterRating

from .base import T0, returned_dossier


@pytest.fixture
def device(world):
    return CounterDevice.objects.create(agency=world.centre, counter="Quầy số 3", officer=world.lan.memberships.get())


def press(device, **kwargs):
    values = {"score": 5, "client_id": uuid.uuid4(), "at": T0}
    return services.record_counter_rating(device, **(values | kwargs))


def test_it_credits_the_officer_at_the_counter(device, world):
    rating = press(device, score=4)
    assert (rating.officer, rating.membership, rating.agency, rating.score) == (world.lan, world.lan.memberships.get(), world.centre, 4)
    assert rating.rated_at == T0 and not rating.was_queued


def test_a_retried_press_is_counted_once(device):
    client_id = uuid.uuid4()
    first = press(device, client_id=client_id)
    again = press(device, client_id=client_id, score=1, at=T0 + timedelta(minutes=3))
    assert again.pk == first.pk and again.score == 5
    assert CounterRating.objects.count() == 1


@pytest.mark.parametrize("score", [0, 6, "năm", None, "4.5"])
def test_it_refuses_a_score_outside_1_to_5(device, score):
    with pytest.raises(RatingError, match="từ 1 đến 5"):
        press(device, score=score)
    assert not CounterRating.objects.exists()


def test_it_refuses_an_officer_of_another_agency(device, world):
    with pytest.raises(RatingError, match="không thuộc cơ quan"):
        press(device, officer_id=world.hung.memberships.get().pk)
    assert not CounterRating.objects.exists()


def test_a_queued_press_keeps_the_officer_shown_when_it_was_pressed(device, world):
    shown = world.lan.memberships.get().pk
    device.officer = None
    device.save()
    rating = press(device, officer_id=shown, rated_at=T0 - timedelta(hours=2))
    assert rating.officer == world.lan
    assert rating.rated_at == T0 - timedelta(hours=2) and rating.was_queued


@pytest.mark.parametrize(
    "device_clock, expected",
    [
        (T0 - timedelta(minutes=10), T0 - timedelta(minutes=10)),  # queued for a while: the press time counts
        (T0 + timedelta(hours=1), T0),  # a tablet clock in the future is not trusted
        (T0 - timedelta(days=10), T0),  # older than the offline window (72 h): dated when received
    ],
)
def test_device_clock_is_trusted_only_within_the_offline_window(device, device_clock, expected):
    assert press(device, rated_at=device_clock).rated_at == expected


def test_without_an_officer_the_rating_goes_to_the_agency(device, world):
    device.officer = None
    device.save()
    rating = press(device)
    assert rating.officer is None and rating.agency == world.centre


def test_officer_claims_and_leaves_the_counter(device, world):
    device.officer = None
    device.save()
    services.claim_device(device, actor=world.quang)
    assert device.officer.user == world.quang
    with pytest.raises(RatingForbidden):
        services.release_device(device, actor=world.lan)
    services.release_device(device, actor=world.quang)
    assert CounterDevice.objects.get(pk=device.pk).officer is None


def test_it_refuses_to_seat_an_officer_of_another_agency(device, world):
    with pytest.raises(RatingForbidden, match="không phải cán bộ"):
        services.claim_device(device, actor=world.hung)


def test_an_inactive_device_is_not_found(device):
    device.is_active = False
    device.save()
    with pytest.raises(RatingNotFound):
        services.get_device(device.token)


# --- the page ---------------------------------------------------------------------------------------------


def test_page_shows_the_officer_and_five_large_buttons(client, device):
    response = client.get(f"/danh-gia/quay/{device.token}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Thị Lan" in body and "Quầy số 3" in body
    assert body.count('name="score"') == 5 and "Rất hài lòng" in body and "Rất không hài lòng" in body


def test_plain_form_records_and_thanks(client, device, world):
    client_id = str(uuid.uuid4())
    data = {"score": "2", "client_id": client_id, "officer": world.lan.memberships.get().pk, "dossier": ""}
    response = client.post(f"/danh-gia/quay/{device.token}/", data)
    assert response.status_code == 302 and response["Location"].endswith("?cam-on=1")
    client.post(f"/danh-gia/quay/{device.token}/", data)  # double tap on a slow network
    rating = CounterRating.objects.get()
    assert (rating.score, rating.officer) == (2, world.lan)
    assert "Cảm ơn" in client.get(response["Location"]).content.decode()


def test_json_endpoint_accepts_a_queued_press_once(client, device, world):
    payload = {"score": 5, "client_id": str(uuid.uuid4()), "officer": str(world.lan.memberships.get().pk),
               "rated_at": "2026-12-01T01:50:00.000Z", "dossier": ""}
    url = f"/danh-gia/quay/{device.token}/gui/"
    first = client.post(url, json.dumps(payload), content_type="application/json")
    second = client.post(url, json.dumps(payload), content_type="application/json")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert CounterRating.objects.count() == 1


def test_json_endpoint_explains_bad_input_in_vietnamese(client, device):
    url = f"/danh-gia/quay/{device.token}/gui/"
    response = client.post(url, json.dumps({"score": 9, "client_id": str(uuid.uuid4())}), content_type="application/json")
    assert response.status_code == 400 and "từ 1 đến 5" in response.json()["detail"]
    assert client.post(url, "không phải json", content_type="application/json").status_code == 400
    assert client.post("/danh-gia/quay/khong-co/gui/", "{}", content_type="application/json").status_code == 404


def test_a_rating_can_name_the_dossier_just_served(client, device, version, world):
    dossier = returned_dossier(version, world)
    response = client.get(f"/danh-gia/quay/{device.token}/?ho-so={dossier.code}")
    assert f'value="{dossier.code}"' in response.content.decode()
    client.post(f"/danh-gia/quay/{device.token}/", {"score": "5", "client_id": str(uuid.uuid4()), "dossier": dossier.code})
    assert CounterRating.objects.get().dossier == dossier


def test_staff_claim_the_counter_from_the_tablet(client, device, world):
    device.officer = None
    device.save()
    url = f"/danh-gia/quay/{device.token}/nhan-quay/"
    assert client.post(url).status_code == 302 and CounterDevice.objects.get().officer is None  # not signed in
    client.force_login(world.quang)
    client.post(url, {"action": "claim"})
    assert CounterDevice.objects.get().officer.user == world.quang
    client.force_login(world.hung)
    assert client.post(url, {"action": "claim"}).status_code == 403


def test_a_device_cannot_press_faster_than_its_budget(device, settings):
    from motcua.limits.services import TooManyRequests

    settings.MOTCUA_LIMITS = {"counter_press": (3, 60)}
    for _ in range(3):
        press(device)
    with pytest.raises(TooManyRequests):
        press(device)
    assert CounterRating.objects.filter(device=device).count() == 3
