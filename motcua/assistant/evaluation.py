"""Evaluation of the assistant on labelled questions, split by procedure into a development and a held-out half.

Sets (in `eval/`):
- `citizen_questions.tsv`: 620 questions written from citizens' situations and wording (see its header);
- `moh_mapping.csv`: the 137 real Ministry of Health questions (shared/data/qa), none in the catalogue: decline;
- `questions.csv`: the older constructed set (its thresholds were tuned on it), kept for comparison only.

The split is mechanical and was fixed before tuning (`split_of`): a question belongs to the held-out half when the
SHA-256 of its first expected code is odd, so every question about one procedure falls in the same half; questions
without a code (off-topic, absent, MoH) split by the hash of their text. Nothing is tuned on the held-out half and
only development failures are ever listed.

Per question style: top-1 and top-3 (the expected procedure is first / among the first three candidates ranked,
whether or not the assistant answered), answered (a single confident answer or life-event list led by an expected
procedure), declined, asked-to-choose, and confident wrong (a single confident answer with a wrong procedure, or
any confident answer to a question that no procedure fits). Questions without an expected code count towards
declines and confident wrong only.
"""

import csv
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .services import ask

__all__ = ["Case", "load_citizen", "load_constructed", "load_moh", "split_of", "evaluate", "format_report", "HALVES"]

EVAL_DIR = Path(__file__).parent / "eval"
HALVES = ("dev", "heldout")


@dataclass
class Case:
    question: str
    codes: tuple  # accepted codes, first = the procedure that decides the split
    style: str
    context: str = ""

    @property
    def half(self):
        return split_of(self)


def split_of(case) -> str:
    key = case.codes[0] if case.codes else case.question
    return "heldout" if int(hashlib.sha256(key.encode("utf-8")).hexdigest(), 16) % 2 else "dev"


def _rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def _codes(text):
    return tuple(c for c in (text or "").split("|") if c)


def load_citizen(path=EVAL_DIR / "citizen_questions.tsv"):
    cases = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            code, style, context, question = line.rstrip("\n").split("\t")
            cases.append(Case(question, _codes(code), style, context))
    return cases


def load_constructed(path=EVAL_DIR / "questions.csv"):
    return [Case(r["question"], _codes(r["code"]), r["style"], r.get("context") or "") for r in _rows(path)]


def load_moh(mapping=EVAL_DIR / "moh_mapping.csv", source=None):
    source = source or Path(settings.SHARED_DATA_DIR) / "qa" / "moh_dichvucong_hoidap_137.csv"
    if not Path(source).exists():
        return []
    questions = _rows(source)
    return [Case(questions[int(r["row"])]["question"], _codes(r["code"]), "moh-real") for r in _rows(mapping)]


def evaluate(cases, *, retriever=None):
    """Return ({(half, style): counts}, [(case, reply)] failures of the development half only)."""
    stats = defaultdict(lambda: defaultdict(int))
    failures = []
    for case in cases:
        reply = ask(case.question, context_code=case.context or None, log=False, retriever=retriever)
        s = stats[(case.half, case.style)]
        s["n"] += 1
        codes = set(case.codes)
        first = reply.candidates[:1]
        confident = not reply.declined and not reply.choose
        right_first = bool(first and first[0] in codes)
        wrong = confident and (not codes or not right_first)
        if codes:
            s["positives"] += 1
            s["top1"] += right_first
            s["top3"] += bool(codes & set(reply.candidates[:3]))
            s["answered"] += confident and right_first
        s["declined"] += reply.declined
        s["choose"] += reply.choose
        s["wrong"] += wrong
        if case.half == "dev" and (wrong or (codes and not right_first) or (not codes and not reply.declined)):
            failures.append((case, reply))
    return stats, failures


def _pct(a, b):
    return f"{100 * a / b:5.1f}%" if b else "    -"


def format_report(stats):
    """Lines of a table: one row per style with the development and held-out halves side by side."""
    header = (f"{'kiểu câu hỏi':13} | {'nửa':7} {'số câu':>6} {'top-1':>7} {'top-3':>7} {'trả lời đúng':>12} "
              f"{'từ chối':>8} {'hỏi lại':>8} {'sai tự tin':>10}")
    lines = [header]
    styles = sorted({style for _, style in stats})
    totals = {half: defaultdict(int) for half in HALVES}
    for style in styles:
        for half in HALVES:
            s = stats.get((half, style))
            if not s:
                continue
            if style not in ("offtopic", "absent", "moh-real"):
                for k, v in s.items():
                    totals[half][k] += v
            lines.append(_line(style, half, s))
    for half in HALVES:
        if totals[half]["n"]:
            lines.append(_line("TỔNG có đáp án", half, totals[half]))
    return lines


def _line(label, half, s):
    p = s["positives"]
    return (
        f"{label:13} | {half:7} {s['n']:6d} {_pct(s['top1'], p):>7} {_pct(s['top3'], p):>7} {_pct(s['answered'], p):>12} "
        f"{_pct(s['declined'], s['n']):>8} {_pct(s['choose'], s['n']):>8} {_pct(s['wrong'], s['n']):>10}"
    )
