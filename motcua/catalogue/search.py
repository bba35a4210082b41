"""Forgiving search over the catalogue, on SQLite (FTS5) and PostgreSQL (full-text) alike.

Both engines index the same folded text (motcua.lib.text.fold: no diacritics, đ -> d) kept in SearchEntry,
so "dang ky khai sinh" and "đăng ký khai sinh" are the same query everywhere. The engine finds candidates
(all words, the last one as a prefix; any word if that finds nothing in a query of three words or more) ranked with the name weighted ten
times the body; a final pass puts names that contain the query as a phrase, then all its words, first,
and shorter names before longer ones ("Thủ tục đăng ký khai sinh" before "... có yếu tố nước ngoài").

The query first goes through the citizen vocabulary (`vocabulary.py`, shared with the assistant): i/y variants
("đăng kí" finds "đăng ký"; tone placement "hoà"/"hòa" already folds the same), abbreviations ("CCCD", "GPLX",
"hkd") and everyday names ("sổ đỏ", "tách khẩu") become the catalogue's words, and procedures that a vocabulary
phrase names directly come first. When the rewritten query finds nothing, the words as typed are tried.
"""

import re

from django.db import connection

from . import vocabulary

__all__ = ["search_ids"]

CANDIDATES = 400
_SAFE = re.compile(r"^[0-9a-z]+$")


def search_ids(query, *, field_id=None, level=None, agency_id=None):
    """Return the ids of procedures matching `query`, best first (at most CANDIDATES)."""
    vocab = vocabulary.current()
    typed = [w for w in vocabulary.normal_words(query) if _SAFE.match(w)]
    if not typed:
        return []
    words = [w for w in vocab.expand(query).split() if _SAFE.match(w)] or typed
    engine = _postgres_candidates if connection.vendor == "postgresql" else _sqlite_candidates
    filters, params = _filters(field_id, level, agency_id)
    rows = []
    for attempt in ([words, typed] if words != typed else [words]):
        rows = engine(attempt, True, filters, params)
        if not rows and len(attempt) >= 3:  # forgive one stray or misspelt word in a longer query
            rows = engine(attempt, False, filters, params)
        if rows:
            words = attempt
            break
    ranked = _rerank(words, rows)
    named = _named_ids(vocab.procedures(query), filters, params)
    return named + [pk for pk in ranked if pk not in set(named)]


def _variants(word):
    """The spellings of a normalised syllable found in names: "ki" is written "ki" or "ky"."""
    alt = word[:-1] + "y"
    return [word, alt] if word.endswith("i") and vocabulary.normalise(alt) == word else [word]


def _named_ids(codes, filters, params):
    if not codes:
        return []
    placeholders = ", ".join(["%s"] * len(codes))
    sql = (
        "SELECT p.code, e.procedure_id FROM catalogue_searchentry e JOIN catalogue_procedure p ON p.id = e.procedure_id "
        f"WHERE p.code IN ({placeholders}){filters}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*codes, *params])
        found = dict(cursor.fetchall())
    return [found[c] for c in codes if c in found]


def _filters(field_id, level, agency_id):
    sql, params = [], []
    if field_id:
        sql.append("e.field_id = %s")
        params.append(field_id)
    if level:
        sql.append("e.level LIKE %s")
        params.append(f"%{level}%")
    if agency_id:
        sql.append(
            "e.procedure_id IN (SELECT procedure_id FROM catalogue_procedure_agencies WHERE agency_id = %s)"
        )
        params.append(agency_id)
    return "".join(f" AND {s}" for s in sql), params


def _full_text_query(words, all_words, *, word, prefix, either, both):
    """The engine's query for `words`: a word's spellings (`word` writes one) joined by `either`, the words by
    `both` (every word) or `either`; the last word may be the start of a longer one (`prefix` appended)."""

    def term(w, last):
        options = [word(v) + (prefix if last else "") for v in _variants(w)]
        return options[0] if len(options) == 1 else "(" + either.join(options) + ")"

    return (both if all_words else either).join(term(w, i == len(words) - 1) for i, w in enumerate(words))


def _sqlite_candidates(words, all_words, filters, params):
    match = _full_text_query(words, all_words, word='"{}"'.format, prefix="*", either=" OR ", both=" AND ")
    sql = (
        "SELECT e.procedure_id, e.name_normalised, bm25(catalogue_search_fts, 10.0, 1.0) AS rank "
        "FROM catalogue_search_fts JOIN catalogue_searchentry e ON e.procedure_id = catalogue_search_fts.rowid "
        f"WHERE catalogue_search_fts MATCH %s{filters} ORDER BY rank LIMIT {CANDIDATES}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *params])
        return [(pk, name, -rank) for pk, name, rank in cursor.fetchall()]


def _postgres_candidates(words, all_words, filters, params):
    query = _full_text_query(words, all_words, word=str, prefix=":*", either=" | ", both=" & ")
    sql = (
        # Ranking reads the short name only: computing the full weighted vector of every matching row costs
        # far more, and the final pass orders by what the name contains anyway. The name's vector is stored
        # (migration 0010): parsing each matching name again cost more than the match itself.
        "SELECT e.procedure_id, e.name_normalised, ts_rank(e.name_vector, q, 1) AS rank "
        "FROM catalogue_searchentry e, to_tsquery('simple', %s) q "
        f"WHERE {VECTOR_SQL} @@ q{filters} ORDER BY rank DESC LIMIT {CANDIDATES}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [query, *params])
        return cursor.fetchall()


def _rerank(words, rows):
    """Names holding the query as a phrase first (shorter names first), then names holding all its words (the
    last as the start of a word), then the engine's rank. Each candidate comes with its name's normalised words
    (SearchEntry.name_normalised, written with the entry): substring tests on one padded line, no Python work per
    word of a name (up to CANDIDATES names per query)."""
    phrase = f" {' '.join(words)} "
    inner = [f" {w} " for w in words[:-1]]
    last = f" {words[-1]}"

    def key(row):
        pk, name, rank = row
        padded = f" {name} "
        length = padded.count(" ") - 1
        has_phrase = phrase in padded
        all_in_name = last in padded and all(w in padded for w in inner)
        return (not has_phrase, not all_in_name, length if has_phrase else 0, -round(rank, 6), length)

    return [row[0] for row in sorted(rows, key=key)]


# The indexed expression on PostgreSQL; the migration creates a GIN index on exactly this expression.
VECTOR_EXPR = "(setweight(to_tsvector('simple', {p}name), 'A') || setweight(to_tsvector('simple', {p}body), 'B'))"
VECTOR_SQL = VECTOR_EXPR.format(p="e.")
# The stored column ranked on PostgreSQL (a generated column, so every write keeps it in step with the name).
NAME_VECTOR_EXPR = "to_tsvector('simple', name)"
