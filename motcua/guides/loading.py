"""Load the shipped reviewed layers (guides/data/layers.json) through the same two-person rule as the admin.

Each paper of a layer names its catalogue row by the row's opening words (`row`); loading resolves them against
the procedure's version in force and refuses a layer whose rows are not all found, so a layer can never ask for
a paper that the catalogue does not list. The layer is written by one project account and published by another
(both named in `credit`): the approval is the project's, not an agency's.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction

from motcua.catalogue.models import Procedure

from .models import Answer, DeclarationField, Guide, GuidePaper, Question
from .services import normalise, publish_version, start_draft

DATA = Path(__file__).parent / "data" / "layers.json"
EDITOR, APPROVER = "motcua-soan-thao", "motcua-duyet"


@dataclass
class LoadResult:
    loaded: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (code, reason)


def read_layers(path=DATA):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def load_layers(*, at, path=DATA, codes=None):
    editor, approver = project_accounts()
    data = read_layers(path)
    result = LoadResult()
    for layer in data["layers"]:
        if codes is not None and layer["code"] not in codes:
            continue
        procedure = Procedure.objects.filter(code=layer["code"]).select_related("current").first()
        if procedure is None or procedure.current is None:
            result.skipped.append((layer["code"], "thủ tục chưa có trong danh mục đã nạp"))
            continue
        digest = _digest(layer, data["credit"])
        published = getattr(Guide.objects.filter(procedure=procedure).first(), "published", None)
        if published is not None and digest in published.change_note:
            result.unchanged.append(layer["code"])
            continue
        try:
            rows = resolve_rows(layer, procedure.current)
        except LookupError as e:
            result.skipped.append((layer["code"], str(e)))
            continue
        with transaction.atomic():
            draft = start_draft(procedure, actor=editor, note=f"Nạp từ tệp hướng dẫn (mã nội dung {digest})")
            _write(draft, layer, rows, credit=data["credit"])
            publish_version(draft, actor=approver, at=at)
        result.loaded.append(layer["code"])
    return result


def project_accounts():
    """The project's editor and approver accounts (no password: they only sign the shipped layers)."""
    User = get_user_model()
    editor, _ = User.objects.get_or_create(username=EDITOR, defaults={"first_name": "Nhóm soạn thảo motcua"})
    approver, created = User.objects.get_or_create(username=APPROVER, defaults={"first_name": "Nhóm duyệt motcua"})
    for user in (editor, approver):
        if user.has_usable_password():
            user.set_unusable_password()
            user.save()
    if created or not approver.has_perm("guides.publish_guideversion"):
        approver.user_permissions.add(Permission.objects.get(codename="publish_guideversion"))
        approver = User.objects.get(pk=approver.pk)  # drop the cached permissions
    return editor, approver


def resolve_rows(layer, procedure_version):
    """Map each paper key to the full text of the one catalogue row that starts with its `row`."""
    names = [normalise(c.name) for c in procedure_version.components.all()]
    rows = {}
    for paper in layer["papers"]:
        start = normalise(paper["row"])
        found = {n for n in names if n.startswith(start)}
        if len(found) != 1:
            problem = "không có" if not found else "có nhiều hơn một"
            raise LookupError(f"{problem} dòng thành phần hồ sơ bắt đầu bằng “{start[:60]}”")
        rows[paper["key"]] = found.pop()
    return rows


def _write(draft, layer, rows, *, credit):
    for rows_of in (draft.papers, draft.questions, draft.fields):  # the draft starts as a copy: replace it all
        rows_of.all().delete()
    draft.summary = layer["summary"]
    draft.declaration_title = layer.get("declaration_title", "")
    draft.legal_basis_checked = layer["legal_basis_checked"]
    draft.credit = credit
    draft.save()
    papers = {}
    for i, p in enumerate(layer["papers"]):
        papers[p["key"]] = GuidePaper.objects.create(
            version=draft, order=i, key=p["key"], label=p["label"], source_name=rows[p["key"]],
            kind=p.get("kind", GuidePaper.Kind.SUBMIT), always=p.get("always", False),
            obtainable_from=p.get("obtainable_from", ""), help=p.get("help", ""))
    for i, q in enumerate(layer.get("questions", [])):
        question = Question.objects.create(version=draft, order=i, key=q["key"], text=q["text"], help=q.get("help", ""))
        for j, a in enumerate(q["answers"]):
            answer = Answer.objects.create(question=question, order=j, key=a["key"], text=a["text"],
                                           standard=a.get("standard", False))
            answer.papers.set([papers[k] for k in a.get("papers", [])])
    DeclarationField.objects.bulk_create(
        DeclarationField(version=draft, order=i, section=f["section"], name=f["name"], label=f["label"],
                         type=f.get("type", "text"), required=f.get("required", True), help=f.get("help", ""),
                         choices=f.get("choices", ""))
        for i, f in enumerate(layer.get("fields", [])))


def _digest(layer, credit):
    text = json.dumps([layer, credit], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:12]
