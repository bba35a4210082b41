"""Catalogue search quality on the documented query set `bench/search_queries.tsv`: top-1, top-3 and MRR over the
first 10 results, per query style, through the same function the pages and the API use (`find_procedures`)."""

from collections import defaultdict
from pathlib import Path

QUERIES = Path(__file__).parent / "search_queries.tsv"


def load(path=QUERIES):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            codes, style, query = line.rstrip("\n").split("\t")
            rows.append((set(codes.split("|")), style, query))
    return rows


def measure(rows):
    from motcua.catalogue.queries import find_procedures

    stats = defaultdict(lambda: defaultdict(float))
    misses = []
    for codes, style, query in rows:
        found = [p.code for p in find_procedures(query)[:10]]
        rank = next((i for i, c in enumerate(found, 1) if c in codes), None)
        for key in (style, "TỔNG"):
            s = stats[key]
            s["n"] += 1
            s["top1"] += rank == 1
            s["top3"] += bool(rank and rank <= 3)
            s["rr"] += 1 / rank if rank else 0.0
        if rank != 1:
            misses.append((query, sorted(codes), found[:3]))
    return stats, misses


def search_report():
    stats, _ = measure(load())
    lines = ["catalogue search on bench/search_queries.tsv (top-1, top-3, MRR@10):"]
    for key in sorted(stats, key=lambda k: (k == "TỔNG", k)):
        s = stats[key]
        n = s["n"]
        lines.append(f"  {key:13} n={int(n):3d}  top-1 {100 * s['top1'] / n:5.1f}%  top-3 {100 * s['top3'] / n:5.1f}%  "
                     f"MRR {s['rr'] / n:.3f}")
    return lines


if __name__ == "__main__":
    import os
    import sys

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    django.setup()
    print("\n".join(search_report()))
    if "--misses" in sys.argv:
        for m in measure(load())[1]:
            print("-", *m)
