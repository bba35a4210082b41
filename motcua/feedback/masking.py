"""Remove personal data from text before it is published (Law 91/2025/QH15 on personal data protection).

Masked: e-mail addresses; phone numbers and identity numbers (any run of 9 or more digits, separators
allowed, except amounts of money followed by đ/đồng/VND); the sender's own name wherever it appears; and
capitalised names after a form of address (ông, bà, anh, chị, cán bộ...). Not masked: names written without a
form of address that are not the sender's (an officer reviews the published copy; the admin can correct it).
"""

import re

EMAIL = "[email đã ẩn]"
NUMBER = "[số đã ẩn]"
NAME = "[họ tên đã ẩn]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 9+ digits, possibly with spaces, dots or dashes between them, not part of a longer word.
_DIGITS = re.compile(r"(?<![\w])\+?\d(?:[ .\-]?\d){8,}(?![\w])(?!\s*(?:đ|đồng|vnd|vnđ)\b)", re.IGNORECASE)
_TITLES = (
    "ông|bà|anh|chị|em|cô|chú|bác|cháu|cụ|đồng chí|cán bộ|công chức|chuyên viên|"
    "tôi là|tên tôi là|tên là|họ tên|họ và tên"
)
_ADDRESSED = re.compile(rf"\b({_TITLES})(:?\s+)((?:\w+)(?:\s+\w+){{0,3}})", re.IGNORECASE)


def _mask_addressed(match):
    words = match.group(3).split()
    taken = 0
    for word in words:
        if not word[0].isupper() or word.isdigit():
            break
        taken += 1
    if not taken:
        return match.group(0)
    rest = match.group(3)
    # Keep what follows the name (the words that were not capitalised) exactly as written.
    for word in words[:taken]:
        rest = rest[rest.index(word) + len(word):]
    return f"{match.group(1)}{match.group(2)}{NAME}{rest}"


def mask_personal_data(text: str, *, names=()) -> str:
    """Return `text` with e-mails, phone and ID numbers and personal names replaced by placeholders."""
    text = _EMAIL.sub(EMAIL, text or "")
    text = _DIGITS.sub(NUMBER, text)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        text = re.sub(re.escape(name), NAME, text, flags=re.IGNORECASE)
    return _ADDRESSED.sub(_mask_addressed, text)
