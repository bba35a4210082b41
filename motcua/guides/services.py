"""Actions on the reviewed citizen layer: write a draft, publish it (a second person), review source changes.

Two people (the four-eyes rule the city applies to published guidance): the person who last wrote a draft can
never publish it; publishing needs the permission `guides.publish_guideversion`. The rule lives here, so the
admin, a command or the API all meet it.
"""

import difflib
import unicodedata

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from motcua.catalogue.models import Procedure
from motcua.lib.errors import Conflict, DomainError, Forbidden

from .models import Answer, DeclarationField, Guide, GuidePaper, GuideVersion, Question, ReviewTask

__all__ = ["GuideError", "start_draft", "record_edit", "publish_version", "open_review_tasks", "close_review_task",
           "snapshot_of", "normalise"]

PUBLISH_PERMISSION = "guides.publish_guideversion"


class GuideError(DomainError):
    pass


def normalise(text):
    """Catalogue row text without its bullet and with single spaces: the key that ties a paper to its row."""
    text = " ".join(unicodedata.normalize("NFC", text or "").replace("\u200e", "").split())
    return text.lstrip("-+*• ").strip()


def snapshot_of(procedure_version):
    """The component rows of a catalogue version as they matter to a reviewer (text, copies, template)."""
    if procedure_version is None:
        return []
    return [{"name": normalise(c.name), "originals": c.originals, "copies": c.copies, "template": c.template}
            for c in procedure_version.components.all()]


def _lines(snapshot):
    return [f"{r['name']} [{r['originals']} bản chính, {r['copies']} bản sao]"
            + (f" (mẫu: {r['template']})" if r["template"] else "") for r in snapshot]


def difference(old, new):
    """A readable diff of two snapshots ('-' removed rows, '+' added rows), empty when they are the same."""
    diff = difflib.unified_diff(_lines(old), _lines(new), "bản đã duyệt", "bản mới của danh mục", lineterm="", n=0)
    return "\n".join(line for line in diff if not line.startswith("@@"))


@transaction.atomic
def start_draft(procedure, *, actor, note=""):
    """Open a new draft for `procedure`: a copy of the published version, or an empty one. Return it."""
    guide, _created = Guide.objects.get_or_create(procedure=procedure)
    guide = Guide.objects.select_for_update().get(pk=guide.pk)
    if guide.versions.filter(state=GuideVersion.State.DRAFT).exists():
        raise Conflict(_("Hướng dẫn này đang có một bản nháp; hãy sửa bản nháp đó."))
    base = guide.published
    number = (guide.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = GuideVersion.objects.create(
        guide=guide, number=number, written_by=actor, change_note=note,
        summary=base.summary if base else "", declaration_title=base.declaration_title if base else "",
        legal_basis_checked=base.legal_basis_checked if base else "", credit=base.credit if base else "")
    if base:
        _copy_content(base, draft)
    return draft


def _copy_content(base, draft):
    papers = {}
    for p in base.papers.all():
        papers[p.pk] = GuidePaper.objects.create(
            version=draft, **{f: getattr(p, f) for f in ("order", "key", "label", "source_name", "kind", "always",
                                                       "obtainable_from", "help")})
    for q in base.questions.prefetch_related("answers__papers"):
        copy = Question.objects.create(version=draft, order=q.order, key=q.key, text=q.text, help=q.help)
        for a in q.answers.all():
            answer = Answer.objects.create(question=copy, order=a.order, key=a.key, text=a.text, standard=a.standard)
            answer.papers.set([papers[p.pk] for p in a.papers.all()])
    DeclarationField.objects.bulk_create(
        DeclarationField(version=draft, **{f: getattr(x, f) for f in ("order", "section", "name", "label", "type",
                                                                       "required", "help", "choices")})
        for x in base.fields.all())


def record_edit(version, *, actor):
    """Note that `actor` changed `version`; only drafts change (a published text stays as it was approved)."""
    if version.state != GuideVersion.State.DRAFT:
        raise Conflict(_("Bản đã công bố không sửa được; hãy tạo bản sửa mới."))
    if version.written_by_id != getattr(actor, "pk", None):
        version.written_by = actor
        version.save(update_fields=["written_by"])
    return version


@transaction.atomic
def publish_version(version, *, actor, at):
    """Publish a draft written by someone else; retire the version it replaces; close its review tasks."""
    version = GuideVersion.objects.select_for_update().select_related("guide__procedure").get(pk=version.pk)
    _check_publish(version, actor)
    guide = version.guide
    current = guide.procedure.current
    unmatched = _unmatched_papers(version, current)
    if unmatched:
        raise GuideError(_("Giấy tờ không khớp dòng nào của thủ tục đang có hiệu lực: %(names)s.")
                         % {"names": "; ".join(unmatched)})
    guide.versions.filter(state=GuideVersion.State.PUBLISHED).update(state=GuideVersion.State.RETIRED)
    version.state = GuideVersion.State.PUBLISHED
    version.approved_by, version.approved_at = actor, at
    version.reviewed_against, version.source_snapshot = current, snapshot_of(current)
    version.save()
    guide.published = version
    guide.save(update_fields=["published"])
    guide.review_tasks.filter(closed_at__isnull=True).update(
        closed_at=at, closed_by=actor, outcome=_("Đã duyệt phiên bản hướng dẫn %(n)s") % {"n": version.number})
    return version


def _check_publish(version, actor):
    if not (getattr(actor, "is_active", False) and actor.has_perm(PUBLISH_PERMISSION)):
        raise Forbidden(_("Chỉ người được giao duyệt hướng dẫn mới được công bố."))
    if version.state != GuideVersion.State.DRAFT:
        raise Conflict(_("Chỉ công bố được bản nháp."))
    if version.written_by_id is None or version.written_by_id == actor.pk:
        raise Forbidden(_("Người soạn không được tự duyệt bản của mình; cần một người khác duyệt."))
    if not version.summary.strip():
        raise GuideError(_("Cần viết phần tóm tắt trước khi công bố."))


def _unmatched_papers(version, procedure_version):
    rows = {r["name"] for r in snapshot_of(procedure_version)}
    return [p.label for p in version.papers.all() if normalise(p.source_name) not in rows]


def open_review_tasks(codes, *, at):
    """For each published layer of `codes` whose catalogue rows changed, open one review task; return them."""
    guides = (Guide.objects.filter(procedure__code__in=codes, published__isnull=False)
              .select_related("published", "procedure__current"))
    opened = []
    for guide in guides:
        current = guide.procedure.current
        if current is None or current.pk == guide.published.reviewed_against_id:
            continue
        diff = difference(guide.published.source_snapshot, snapshot_of(current))
        if diff and not guide.review_tasks.filter(procedure_version=current).exists():
            opened.append(ReviewTask.objects.create(guide=guide, procedure_version=current, opened_at=at,
                                                    difference=diff))
    return opened


def close_review_task(task, *, actor, at, outcome):
    """Close a review task with what was decided (e.g. the change does not touch the layer)."""
    if not (getattr(actor, "is_active", False) and actor.has_perm(PUBLISH_PERMISSION)):
        raise Forbidden(_("Chỉ người được giao duyệt hướng dẫn mới được đóng việc rà soát."))
    if task.closed_at is not None:
        raise Conflict(_("Việc rà soát này đã đóng."))
    if not (outcome or "").strip():
        raise GuideError(_("Cần ghi kết quả rà soát."))
    task.closed_at, task.closed_by, task.outcome = at, actor, outcome.strip()
    task.save(update_fields=["closed_at", "closed_by", "outcome"])
    return task


def guide_for(procedure: Procedure):
    """The published layer of `procedure`, or None."""
    guide = Guide.objects.filter(procedure=procedure).select_related("published").first()
    return guide.published if guide else None
