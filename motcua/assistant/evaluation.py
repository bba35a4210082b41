"""Evaluation of the assistant on the labelled questions in `eval/`.

Per question style: top-1 and top-3 (the expected procedure is first / among the first three candidates the
retriever ranked, whether or not the assistant answered), answered (a single confident answer with the right
procedure), declined, asked-to-choose, and confident wrong (a single confident answer with a wrong
procedure, or any confident answer to a question that no procedure fits). Questions without an expected code
count only towards declines and confident wrong.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .services import ask

__all__ = ["load_constructed", "load_moh", "evaluate", "format_report"]

EVAL_DIR = Path(__file__).parent / "eval"


@dataclass
class Case:
    question: str
    codes: frozenset
    style: str
    context: str = ""


def _rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def load_constructed(path=EVAL_DIR / "questions.csv"):
    return [
        Case(r["question"], frozenset(c for c in r["code"].split("|") if c), r["style"], r.get("context") or "")
        for r in _rows(path)
    ]


def load_moh(mapping=EVAL_DIR / "moh_mapping.csv", source=None):
    source = source or Path(settings.SHARED_DATA_DIR) / "qa" / "moh_dichvucong_hoidap_137.csv"
    if not Path(source).exists():
        return []
    questions = _rows(source)
    return [
        Case(questions[int(r["row"])]["question"], frozenset(c for c in r["code"].split("|") if c), "moh-real")
        for r in _rows(mapping)
    ]


def evaluate(cases, *, retriever=None):
    stats = defaultdict(lambda: defaultdict(int))
    failures = []
    for case in cases:
        reply = ask(case.question, context_code=case.context or None, log=False, retriever=retriever)
        s = stats[case.style]
        s["n"] += 1
        first = reply.candidates[:1]
        confident = not reply.declined and not reply.choose
        wrong = confident and (not case.codes or reply.code not in case.codes)
        if case.codes:
            s["positives"] += 1
            s["top1"] += bool(first and first[0] in case.codes)
            s["top3"] += bool(case.codes & set(reply.candidates[:3]))
            s["answered"] += bool(confident and reply.code in case.codes)
        s["declined"] += reply.declined
        s["choose"] += reply.choose
        s["wrong"] += wrong
        if wrong or (case.codes and not (first and first[0] in case.codes)):
            failures.append((case, reply))
    return stats, failures


def _pct(a, b):
    return f"{100 * a / b:5.1f}%" if b else "    -"


def format_report(stats):
    header = f"{'kiểu câu hỏi':14} {'số câu':>6} {'top-1':>7} {'top-3':>7} {'trả lời đúng':>12} {'từ chối':>8} {'hỏi lại':>8} {'sai tự tin':>10}"
    lines = [header]
    total = defaultdict(int)
    for style in sorted(stats):
        s = stats[style]
        for k, v in s.items():
            total[k] += v
        lines.append(_line(style, s))
    lines.append(_line("TỔNG", total))
    return lines


def _line(label, s):
    p = s["positives"]
    return (
        f"{label:14} {s['n']:6d} {_pct(s['top1'], p):>7} {_pct(s['top3'], p):>7} {_pct(s['answered'], p):>12} "
        f"{_pct(s['declined'], s['n']):>8} {_pct(s['choose'], s['n']):>8} {_pct(s['wrong'], s['n']):>10}"
    )
