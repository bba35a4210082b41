"""The hand-checked sample of papers: expected meaning of every row, and the accuracy of parsing/papers.py on it.

The sample (64 procedures, most used first: see docs/catalogue-import.md) is split by procedure into a
development half (`papers_sample/dev.txt`, which the rules may be tuned on) and a held-out half
(`papers_sample/heldout.txt`, written once and measured once). Each file lists, for every row of every procedure,
the expected kind, condition, alternatives, database and form flag (format at the top of dev.txt).

    .venv/bin/python -m motcua.catalogue.tests.papers_sample        # prints the figures of both halves
"""

import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

from motcua.catalogue.parsing import parse_commune_record, parse_dvcqg_record

SAMPLE_DIR = Path(__file__).parent / "data" / "papers_sample"
KINDS = {"S": "submit", "P": "present", "N": "note"}
FIELDS = ("kind", "condition", "alternatives", "obtainable_from", "eform")


def read_expected(half):
    """Return {code: {"rows": n, "expected": [dict per row]}} from papers_sample/<half>.txt."""
    procedures, current = {}, None
    for raw in (SAMPLE_DIR / f"{half}.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") and not line.startswith("## "):
            continue
        if line.startswith("## "):
            m = re.match(r"## (\d+\.\d+) \((\d+) rows\)", line)
            current = procedures.setdefault(m.group(1), {"rows": int(m.group(2)), "expected": {}})
            continue
        head, *parts = [p.strip() for p in line.split("|")]
        span, kind = head.split()
        first, _, last = span.partition("-")
        row = {"kind": KINDS[kind[0]], "eform": kind.endswith("*"), "condition": "", "alternatives": [],
               "obtainable_from": ""}
        for part in parts:
            key, _, value = part.partition(":")
            value = value.strip()
            if key == "cond":
                row["condition"] = value
            elif key == "alt":
                row["alternatives"] = [a.strip() for a in value.split(";;")]
            elif key == "obt":
                row["obtainable_from"] = value
        for i in range(int(first), int(last or first) + 1):
            current["expected"][i] = row
    for code, p in procedures.items():
        missing = set(range(p["rows"])) - set(p["expected"])
        if missing:
            raise ValueError(f"{half}: {code} has no expectation for rows {sorted(missing)}")
        p["expected"] = [p["expected"][i] for i in range(p["rows"])]
    return procedures


def parsed_components(codes, shared_data_dir):
    """Parse the sample's procedures from the shared data files; return {code: [component dicts]}."""
    tthc = Path(shared_data_dir) / "tthc"
    found = {}
    with gzip.open(tthc / "dvcqg_tthc_2642.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            code = re.search(r'"ma_thu_tuc": "([\d.]+)"', line)
            if code and code.group(1) in codes:
                found[code.group(1)] = parse_dvcqg_record(json.loads(line))["components"]
    with gzip.open(tthc / "capxa_structured.json.gz", "rt", encoding="utf-8") as fh:
        for rec in json.load(fh):
            if rec["ma_tthc"] in codes:
                found[rec["ma_tthc"]] = parse_commune_record(rec)["components"]
    return found


def _words(text):
    text = unicodedata.normalize("NFC", text or "").lower()
    return set(re.findall(r"\w+", text)) - {"trường", "hợp", "đối", "với", "trong", "nếu", "thì", "của", "và"}


def same_text(expected, got):
    """Two case texts agree when most words of each are in the other (the parser may cut a little more or less)."""
    e, g = _words(expected), _words(got)
    if not e and not g:
        return True
    if not e or not g:
        return False
    common = len(e & g)
    return common / len(e) >= 0.6 and common / len(g) >= 0.4


def agree(field, expected, got):
    if field == "condition":
        return same_text(expected["condition"], got["condition"])
    if field == "alternatives":
        e, g = expected["alternatives"], got["alternatives"]
        return len(e) == len(g) and all(same_text(a, b) for a, b in zip(e, g, strict=True))
    return expected[field] == got[field]


def measure(half, shared_data_dir):
    """Per-field accuracy on one half: {'procedures', 'rows', field: share right, 'condition_presence': ...}."""
    expected = read_expected(half)
    parsed = parsed_components(set(expected), shared_data_dir)
    right = dict.fromkeys(FIELDS + ("condition_presence", "all"), 0)
    papers_right = dict.fromkeys(FIELDS + ("all",), 0)
    rows, papers, errors = 0, 0, []
    for code, p in expected.items():
        got = parsed[code]
        if len(got) != p["rows"]:
            raise ValueError(f"{half}: {code} parses into {len(got)} rows, the sample has {p['rows']}")
        for i, (e, g) in enumerate(zip(p["expected"], got, strict=True)):
            rows += 1
            ok = {f: agree(f, e, g) for f in FIELDS}
            ok["condition_presence"] = bool(e["condition"]) == bool(g["condition"])
            ok["all"] = all(ok[f] for f in FIELDS)
            for f, v in ok.items():
                right[f] += v
            if e["kind"] != "note":  # the rows that are papers, without the easy notes
                papers += 1
                for f in papers_right:
                    papers_right[f] += ok[f]
            if not ok["all"]:
                errors.append((code, i, [f for f in FIELDS if not ok[f]], e, {f: g[f] for f in FIELDS}))
    return {
        "procedures": len(expected),
        "rows": rows,
        **{f: right[f] / rows for f in right},
        "paper_rows": papers,
        **{f"paper_{f}": papers_right[f] / papers for f in papers_right},
        "errors": errors,
    }


def coverage(components):
    """Shares over all parsed components: classified non-default, with a condition, alternatives, database, form."""
    n = len(components) or 1
    return {
        "components": len(components),
        "note": sum(c["kind"] == "note" for c in components) / n,
        "present": sum(c["kind"] == "present" for c in components) / n,
        "non_default": sum(c["kind"] != "submit" or bool(c["condition"]) or bool(c["obtainable_from"]) for c in components) / n,
        "condition": sum(bool(c["condition"]) for c in components) / n,
        "alternatives": sum(bool(c["alternatives"]) for c in components) / n,
        "obtainable_from": sum(bool(c["obtainable_from"]) for c in components) / n,
        "eform": sum(c["eform"] for c in components) / n,
        "required": sum(c["kind"] == "submit" and not c["condition"] and not c["obtainable_from"] for c in components) / n,
    }


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django
    from django.conf import settings

    django.setup()
    halves = [a for a in sys.argv[1:] if not a.startswith("-")] or ["dev", "heldout"]
    for half in halves:
        m = measure(half, settings.SHARED_DATA_DIR)
        print(f"{half}: {m['procedures']} procedures, {m['rows']} rows")
        for f in FIELDS + ("condition_presence", "all"):
            print(f"  {f:20s} {100 * m[f]:5.1f}%   papers only ({m['paper_rows']} rows): "
                  + (f"{100 * m['paper_' + f]:5.1f}%" if "paper_" + f in m else "-"))
        if "-v" in sys.argv:
            for code, i, fields, e, g in m["errors"]:
                print(f"  ✗ {code}#{i} {fields}\n      expected {e}\n      got      {g}")
