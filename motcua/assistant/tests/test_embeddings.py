"""Embeddings are computed when a version is saved (receiver -> task), stored, and used by the retriever."""

from io import StringIO

import numpy as np
from django.core.management import call_command

from motcua.assistant.catalogue_index import build
from motcua.assistant.embeddings import to_array
from motcua.assistant.models import VersionEmbedding
from motcua.catalogue.models import Procedure
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
