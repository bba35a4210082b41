"""Text helpers shared by the parsers: letter classes, "no information" cells, squashing, brackets."""

import re

NO_INFO = ("Không có thông tin", "Không quy định", "Không")
LOWER = "a-zàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ"
UPPER = "A-ZĐÂĂÊÔƠƯ"


def paren_after(text, pos):
    """Return the content of a parenthesised group starting at `pos` (spaces allowed before it), or ''."""
    i = pos
    while i < len(text) and text[i] in " \t":
        i += 1
    if i >= len(text) or text[i] != "(":
        return ""
    end = balanced_end(text, i)
    return text[i + 1 : end - 1] if text[end - 1] == ")" else text[i + 1 : end]


def balanced_end(text, start):
    """Return the index after the parenthesis group opened at `start` (end of text if never closed)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(text)


def squash(text):
    return re.sub(r"\s+", " ", text or "").strip()


def clip(text, n=80):
    text = squash(text)
    return text if len(text) <= n else text[: n - 1] + "…"
