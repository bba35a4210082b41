"""'Trình tự thực hiện': the ordered steps."""

import re

from .text import NO_INFO

# "Bước N" opening a line (after an optional bullet: "- ", "+ ", "a) ") or a sentence.
_STEP_RE = re.compile(
    r"(?:^|(?<=[.;:!?]))([ \t]*(?:[-+*•–]|[a-zđ]\)|\d+\.)?[ \t]*Bước\s*\d+)", re.IGNORECASE | re.MULTILINE
)


def parse_steps(text):
    """Return the ordered steps of 'Trình tự thực hiện': split at 'Bước N:'; the whole text when unnumbered."""
    text = (text or "").strip()
    if not text or text in NO_INFO:
        return []
    marks = [m.start(1) for m in _STEP_RE.finditer(text)]
    if len(marks) < 2:
        return [text]
    steps = [text[: marks[0]].strip()] if text[: marks[0]].strip() else []
    steps += [text[a:b].strip() for a, b in zip(marks, marks[1:] + [len(text)], strict=True)]
    return [s for s in steps if s]
