"""Embeddings are computed when a version or a vocabulary phrase is saved (receiver -> task), stored, and used by the
retriever."""

from io import StringIO

import numpy as np
from django.core.management import call_command

from motcua.assistant.catalogue_index import build
from motcua.assistant.embeddings import to_array
from motcua.assistant.models import PhraseEmbedding, VersionEmbedding
from motcua.catalogue.models import CitizenTerm, Procedure
from motcua.catalogue.services import create_version


def test_saving_a_version_embeds_it_once_committed(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        version = create_version("1.001193", {"name": "Thủ tục đăng ký khai sinh", "field": "Hộ tịch"})
    stored = VersionEmbedding.objects.get(version=version)
    vector = to_array(stored.vector)
    assert vector.shape == (384,)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-3


def test_embed_catalogue_fills_what_is_missing_and_the_semantic_stage_uses_it(catalogue):
    out = StringIO()
    call_command("embed_catalogue", stdout=out)
    assert VersionEmbedding.objects.count() == Procedure.objects.count()
    out = StringIO()
    call_command("embed_catalogue", stdout=out)
    assert out.getvalue().startswith("Đã tính 0 véc-tơ")
    retriever = build()
    assert retriever.semantic_enabled
    result = retriever.search("đăng ký kết hôn")
    assert result.best.key == "1.000894"
    assert result.best.semantic > 0.8
    assert not build(semantic=False).semantic_enabled


def _similarity(retriever, question, code):
    return next(c.semantic for c in retriever.search(question, limit=50).candidates if c.key == code)


def test_a_saved_procedure_phrase_is_embedded_and_brings_questions_worded_like_it_to_its_procedure(
    catalogue, django_capture_on_commit_callbacks
):
    call_command("embed_catalogue", stdout=StringIO())
    question = "cả nhà tôi muốn có tên trong sổ của căn nhà mới mua ở Hà Nội"
    before = _similarity(build(), question, "1.004222")
    with django_capture_on_commit_callbacks(execute=True):
        CitizenTerm.objects.create(kind="procedure", phrase="có tên trong sổ của căn nhà mới mua", codes="1.004222",
                                   reason="test: an officer maps a declined question to đăng ký thường trú")
    stored = PhraseEmbedding.objects.get(phrase="co ten trong so cua can nha moi mua")
    after = _similarity(build(), question, "1.004222")
    phrase_vector = to_array(stored.vector)
    from motcua.assistant.embeddings import embed_query

    assert after >= float(phrase_vector @ embed_query(question)) - 0.02 - 1e-6  # the phrase stands for its procedure
    assert after > before + 0.02
    call_command("embed_catalogue", stdout=(out := StringIO()))
    assert "và 0 của cụm từ" in out.getvalue()  # embedded once


def test_phrases_of_procedures_not_in_force_and_other_kinds_are_not_embedded(catalogue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        CitizenTerm.objects.create(kind="procedure", phrase="giấy phép bay flycam", codes="9.999999", reason="test")
        CitizenTerm.objects.create(kind="synonym", phrase="làm sổ hộ khẩu", meaning="đăng ký thường trú", reason="test")
    assert not PhraseEmbedding.objects.filter(phrase__in=["giay phep bay flycam", "lam so ho khau"]).exists()
