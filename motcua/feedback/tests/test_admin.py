import pytest

from motcua.feedback.models import FeedbackEvent, Open311ApiKey

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("quantri", email="qt@example.vn"))
    return client


def test_api_keys_are_issued_and_revoked_in_the_admin(admin_client):
    response = admin_client.post("/quan-tri/feedback/open311apikey/add/", {
        "name": "Ứng dụng iHanoi", "key": "khoa-thu-nghiem-0123456789", "is_active": "on",
    })
    assert response.status_code == 302
    key = Open311ApiKey.objects.get()
    assert key.key == "khoa-thu-nghiem-0123456789"
    admin_client.post(f"/quan-tri/feedback/open311apikey/{key.pk}/change/", {"name": key.name, "key": key.key})
    key.refresh_from_db()
    assert key.is_active is False


def test_events_cannot_be_changed_in_the_admin(admin_client, file_web, centre):
    event = file_web().events.get()
    assert admin_client.get("/quan-tri/feedback/feedback/").status_code == 200
    assert admin_client.get(f"/quan-tri/feedback/feedback/{event.feedback_id}/change/").status_code == 200
    admin_client.post(f"/quan-tri/feedback/feedbackevent/{event.pk}/delete/", {"post": "yes"})
    assert FeedbackEvent.objects.filter(pk=event.pk).exists()
