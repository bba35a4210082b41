"""The admin screens of the layer render in Vietnamese, and publishing from the admin meets the two-person rule."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from motcua.guides.models import GuideVersion, ReviewTask
from motcua.guides.services import start_draft

from .world import birth_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    w = birth_world()
    boss = get_user_model().objects.create_superuser("quan-tri", "qt@example.vn", "mat-khau-quan-tri-2026")
    client.force_login(boss)
    return client, w, boss


def test_the_layer_pages_render(admin_client):
    client, w, _ = admin_client
    version = w.procedure.guide.published
    for url in (reverse("admin:guides_guide_changelist"), reverse("admin:guides_guideversion_change", args=[version.pk]),
                reverse("admin:guides_question_change", args=[version.questions.first().pk]),
                reverse("admin:guides_reviewtask_changelist")):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Duyệt và công bố" in client.get(reverse("admin:guides_guideversion_changelist")).content.decode()


def test_the_admin_cannot_publish_a_draft_it_wrote(admin_client):
    client, w, boss = admin_client
    draft = start_draft(w.procedure, actor=boss)
    draft.summary = "Tóm tắt mới"
    draft.save()
    client.post(reverse("admin:guides_guideversion_changelist"),
                {"action": "publish", "_selected_action": [draft.pk]}, follow=True)
    assert GuideVersion.objects.get(pk=draft.pk).state == GuideVersion.State.DRAFT


def test_a_review_task_shows_its_difference(admin_client):
    client, w, _ = admin_client
    task = ReviewTask.objects.create(guide=w.procedure.guide, procedure_version=w.version, opened_at=w.version.created_at,
                                     difference="-Giấy cũ [1 bản chính, 0 bản sao]\n+Giấy mới [1 bản chính, 0 bản sao]")
    body = client.get(reverse("admin:guides_reviewtask_change", args=[task.pk])).content.decode()
    assert "+Giấy mới" in body and "Khác biệt so với bản đã duyệt" in body
