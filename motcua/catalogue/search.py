"""Forgiving search over the catalogue, on SQLite (FTS5) and PostgreSQL (full-text) alike.

Both engines index the same folded text (motcua.lib.text.fold: no diacritics, đ -> d) kept in SearchEntry,
so "dang ky khai sinh" and "đăng ký khai sinh" are the same query everywhere. The engine finds candidates
(all words, the last one as a prefix; any word if that finds nothing in a query of three words or more) ranked with the name weighted ten
times the body; a final pass puts names that contain the query as a phrase, then all its words, first,
and shorter names before longer ones ("Thủ tục đăng ký khai sinh" before "... có yếu tố nước ngoài").
"""

import re

from django.db import connection

from motcua.lib.text import fold_words

__all__ = ["search_ids"]

CANDIDATES = 400
_SAFE = re.compile(r"^[0-9a-z]+$")


def search_ids(query, *, field_id=None, level=None, agency_id=None):
    """Return the ids of procedures matching `query`, best first (at most CANDIDATES)."""
    words = [w for w in fold_words(query) if _SAFE.match(w)]
    if not words:
        return []
    engine = _postgres_candidates if connection.vendor == "postgresql" else _sqlite_candidates
    filters, params = _filters(field_id, level, agency_id)
    rows = engine(words, True, filters, params)
    if not rows and len(words) >= 3:  # forgive one stray or misspelt word in a longer query
        rows = engine(words, False, filters, params)
    return _rerank(words, rows)


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


def _sqlite_candidates(words, all_words, filters, params):
    terms = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*']
    match = (" " if all_words else " OR ").join(terms)
    sql = (
        "SELECT e.procedure_id, e.name, bm25(catalogue_search_fts, 10.0, 1.0) AS rank "
        "FROM catalogue_search_fts JOIN catalogue_searchentry e ON e.procedure_id = catalogue_search_fts.rowid "
        f"WHERE catalogue_search_fts MATCH %s{filters} ORDER BY rank LIMIT {CANDIDATES}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *params])
        return [(pk, name, -rank) for pk, name, rank in cursor.fetchall()]


def _postgres_candidates(words, all_words, filters, params):
    query = (" & " if all_words else " | ").join(words[:-1] + [f"{words[-1]}:*"])
    sql = (
        # Ranking reads the short name only: computing the full weighted vector of every matching row costs
        # far more, and the final pass orders by what the name contains anyway.
        "SELECT e.procedure_id, e.name, ts_rank(to_tsvector('simple', e.name), q, 1) AS rank "
        "FROM catalogue_searchentry e, to_tsquery('simple', %s) q "
        f"WHERE {VECTOR_SQL} @@ q{filters} ORDER BY rank DESC LIMIT {CANDIDATES}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [query, *params])
        return cursor.fetchall()


def _rerank(words, rows):
    phrase = " ".join(words)

    def key(row):
        pk, name, rank = row
        name_words = name.split()
        padded = f" {' '.join(name_words)} "
        has_phrase = f" {phrase} " in padded or (len(words) == 1 and phrase in name_words)
        all_in_name = all(w in name_words for w in words[:-1]) and any(n.startswith(words[-1]) for n in name_words)
        return (not has_phrase, not all_in_name, len(name_words) if has_phrase else 0, -round(rank, 6), len(name_words))

    return [row[0] for row in sorted(rows, key=key)]


# The indexed expression on PostgreSQL; the migration creates a GIN index on exactly this expression.
VECTOR_EXPR = "(setweight(to_tsvector('simple', {p}name), 'A') || setweight(to_tsvector('simple', {p}body), 'B'))"
VECTOR_SQL = VECTOR_EXPR.format(p="e.")
