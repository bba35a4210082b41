import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from motcua.catalogue.services import create_version
from motcua.guides.models import GuideVersion, ReviewTask
from motcua.guides.services import publish_version, record_edit, start_draft
from motcua.lib.errors import Conflict, Forbidden

from .world import birth_world

pytestmark = pytest.mark.django_db


def approver(user):
    user.user_permissions.add(Permission.objects.get(codename="publish_guideversion"))
    return type(user).objects.get(pk=user.pk)


def draft_by(w, user):
    draft = start_draft(w.procedure, actor=user, note="Sửa tóm tắt")
    draft.summary = "Khai sinh cho trẻ trong 60 ngày kể từ ngày sinh."
    draft.save()
    return draft


def test_the_author_cannot_publish_their_own_draft():
    w = birth_world()
    minh = approver(w.minh)
    draft = draft_by(w, minh)
    with pytest.raises(Forbidden):
        publish_version(draft, actor=minh, at=timezone.now())
    assert GuideVersion.objects.get(pk=draft.pk).state == GuideVersion.State.DRAFT


def test_publishing_needs_the_approver_permission():
    w = birth_world()
    draft = draft_by(w, w.lan)
    with pytest.raises(Forbidden):
        publish_version(draft, actor=w.binh, at=timezone.now())


def test_a_second_person_publishes_and_the_old_version_is_retired():
    w = birth_world()
    old = w.procedure.guide.published
    draft = draft_by(w, w.lan)
    published = publish_version(draft, actor=approver(w.minh), at=timezone.now())
    w.procedure.guide.refresh_from_db()
    assert w.procedure.guide.published == published and published.number == old.number + 1
    assert published.approved_by == w.minh and published.written_by == w.lan
    assert GuideVersion.objects.get(pk=old.pk).state == GuideVersion.State.RETIRED
    assert published.papers.count() == old.papers.count()  # the draft was a full copy


def test_the_approver_who_edits_becomes_the_author_and_cannot_publish():
    w = birth_world()
    minh = approver(w.minh)
    draft = draft_by(w, w.lan)
    record_edit(draft, actor=minh)
    with pytest.raises(Forbidden):
        publish_version(draft, actor=minh, at=timezone.now())


def test_a_published_version_is_never_edited():
    w = birth_world()
    with pytest.raises(Conflict):
        record_edit(w.procedure.guide.published, actor=w.lan)


def _reimport(w, components):
    data = {"name": w.version.name, "components": components}
    return create_version("1.001193", data, note="Nhập lại từ dữ liệu công khai")


def test_a_changed_source_opens_a_review_task_with_the_difference():
    w = birth_world()
    rows = [{"name": c.name, "originals": c.originals, "copies": c.copies} for c in w.version.components.all()]
    rows[4]["copies"] = 1  # Giấy chứng sinh: now 1 bản sao as well
    new = _reimport(w, rows + [{"name": "- Giấy tờ mới do danh mục bổ sung", "originals": 1}])
    task = ReviewTask.objects.get()
    assert task.procedure_version == new and task.closed_at is None
    assert "+Giấy tờ mới do danh mục bổ sung [1 bản chính, 0 bản sao]" in task.difference
    assert "-Giấy chứng sinh;" in task.difference and "[1 bản chính, 1 bản sao]" in task.difference
    # the reviewed text stays published until someone reviews it
    assert w.procedure.guide.published.summary.startswith("Khai sinh cho trẻ")


def test_an_unchanged_source_opens_no_task():
    w = birth_world()
    _reimport(w, [{"name": c.name, "originals": c.originals, "copies": c.copies, "template": c.template}
                  for c in w.version.components.all()])
    assert not ReviewTask.objects.exists()


def test_publishing_a_reviewed_draft_closes_the_task():
    w = birth_world()
    rows = [{"name": c.name, "originals": c.originals, "copies": c.copies} for c in w.version.components.all()]
    _reimport(w, rows + [{"name": "- Giấy tờ mới", "originals": 1}])
    published = publish_version(draft_by(w, w.lan), actor=approver(w.minh), at=timezone.now())
    task = ReviewTask.objects.get()
    assert task.closed_at is not None and task.closed_by == w.minh and str(published.number) in task.outcome
