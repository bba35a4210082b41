"""The retriever over the catalogue versions in force, built from the database and kept per process.

It is rebuilt when the catalogue, the citizen vocabulary or the embeddings change: a cheap stamp of the tables is
compared on every question.
"""

import re
import threading

import numpy as np
from django.db import connection

from motcua.catalogue import vocabulary as citizen_vocabulary
from motcua.catalogue.models import Procedure, ProcedureVersion
from motcua.lib.text import fold

from .embeddings import embed_query, to_array
from .lexical import Doc
from .models import PhraseEmbedding, VersionEmbedding
from .retrieval import Retriever

__all__ = ["get_retriever", "allowed_codes", "reset", "warm"]

MIN_EMBEDDED_SHARE = 0.95
_lock = threading.Lock()
_cache = {"stamp": None, "retriever": None}


def _stamp():
    """Counts and last ids of versions, versions in force and embeddings, in one round trip (asked per question)."""
    versions, procedures, vectors, phrases = (
        m._meta.db_table for m in (ProcedureVersion, Procedure, VersionEmbedding, PhraseEmbedding)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {versions}), (SELECT MAX(id) FROM {versions}),"
            f" (SELECT COUNT(*) FROM {procedures} WHERE current_id IS NOT NULL), (SELECT MAX(current_id) FROM {procedures}),"
            f" (SELECT COUNT(*) FROM {vectors}), (SELECT MAX(created_at) FROM {vectors}),"
            f" (SELECT COUNT(*) FROM {phrases}), (SELECT MAX(created_at) FROM {phrases})"
        )
        row = cursor.fetchone()
    return (*row, citizen_vocabulary.current())


def build(*, semantic=True):
    """Build a Retriever from the versions in force (semantic=False: the lexical stage alone)."""
    rows = list(
        Procedure.objects.filter(current__isnull=False)
        .order_by("code")
        .values_list("code", "current_id", "current__name", "current__field__name", "current__results",
                     "current__subjects", "current__level")
    )
    docs = [Doc(code, name, _extra(field, results), _for_citizens(subjects), _local(level), _commune(level))
            for code, _, name, field, results, subjects, level in rows]
    vocabulary = citizen_vocabulary.current()
    if not semantic:
        return Retriever(docs, vocabulary=vocabulary)
    blobs = dict(VersionEmbedding.objects.filter(version_id__in=[r[1] for r in rows]).values_list("version_id", "vector"))
    if len(blobs) < MIN_EMBEDDED_SHARE * len(rows):
        # Embedding still in progress (fresh import, worker busy): answer from the lexical stage alone rather
        # than with vectors missing for part of the catalogue.
        return Retriever(docs, vocabulary=vocabulary)
    dim = len(to_array(next(iter(blobs.values()))))
    vectors = np.zeros((len(rows), dim), dtype=np.float32)
    for i, (_, version_id, *_) in enumerate(rows):
        if version_id in blobs:
            vectors[i] = to_array(blobs[version_id])
    return Retriever(docs, vectors, embed_query, vocabulary=vocabulary, aliases=_aliases(vocabulary, docs))


def _aliases(vocabulary, docs):
    """(vectors, procedure positions) of the vocabulary's embedded procedure phrases: one row per phrase and code it
    names; None when none is embedded yet."""
    position = {d.key: i for i, d in enumerate(docs)}
    named = {t.phrase: [position[c] for c in t.codes if c in position] for t in vocabulary.procedure_terms()}
    blobs = dict(PhraseEmbedding.objects.filter(phrase__in=[p for p, at in named.items() if at])
                 .values_list("phrase", "vector"))
    rows = [(to_array(blob), i) for phrase, blob in blobs.items() for i in named[phrase]]
    if not rows:
        return None
    return np.stack([v for v, _ in rows]), np.array([i for _, i in rows])


_RESULT_NOISE = re.compile(r"\((?:mã|mẫu)[^)]*\)?|theo mẫu.*|ban hành kèm theo.*|\s+", re.IGNORECASE)


def _extra(field, results):
    """The field and the names of the papers the procedure gives ("Trích lục đăng ký giám hộ"): a citizen often asks
    for the paper, not the procedure. Result codes and form references are left out."""
    results = _RESULT_NOISE.sub(" ", (results or "")[:300])
    return f"{field or ''}. {results}".strip(". ")


def _for_citizens(subjects):
    """Whether a person may ask for the procedure: its subjects name citizens or persons, or are not given."""
    folded = fold(subjects or "")
    return not folded.strip() or any(w in folded for w in ("cong dan", "ca nhan", "nguoi"))


def _local(level):
    """Whether the procedure is done at a local office (commune, district, province or another local body)."""
    folded = fold(level or "")
    return not folded.strip() or any(w in folded for w in ("cap tinh", "cap xa", "cap huyen", "co quan khac"))


def _commune(level):
    """Whether the procedure is done at the commune office (of a procedure done at several levels, the citizen's)."""
    return "cap xa" in fold(level or "")


def get_retriever():
    stamp = _stamp()
    with _lock:
        if _cache["stamp"] != stamp or _cache["retriever"] is None:
            _cache["retriever"] = build()
            _cache["stamp"] = stamp
        return _cache["retriever"]


def warm():
    """Build this process's index and load the model before its first question (gunicorn's post_worker_init:
    deploy/gunicorn.conf.py), so no citizen waits for them and a benchmark measures answers, not start-up."""
    from .embeddings import load_engine

    if get_retriever().semantic_enabled:
        load_engine()


def reset():
    with _lock:
        _cache["stamp"] = _cache["retriever"] = None


def allowed_codes(*, agency=None, commune=None):
    """Codes of the procedures received by `agency` (or by an agency of `commune`); None means no filter.

    A filter that would leave nothing (the catalogue has not linked procedures to local agencies yet) is
    dropped rather than answering nothing.
    """
    if agency is None and commune is None:
        return None
    qs = Procedure.objects.filter(current__isnull=False)
    qs = qs.filter(agencies=agency) if agency is not None else qs.filter(agencies__commune=commune)
    codes = set(qs.values_list("code", flat=True))
    return codes or None
