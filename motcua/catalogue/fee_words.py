"""A fee line as a citizen reads it: what one payment covers ("mỗi trang", "mỗi bản") and the source's
explanation without the amount it repeats ("500,000 Việt Nam Đồng (Phí thẩm định…)" → "Phí thẩm định…").

The unit is taken only from the source's own words ("2.000 đồng/trang") and only when that figure is the
amount of the line, so a rate quoted for another case is never attached to it.
"""

import re
from dataclasses import dataclass

UNITS = {
    "trang": "mỗi trang", "bản sao": "mỗi bản sao", "bản": "mỗi bản", "giấy phép": "mỗi giấy phép",
    "giấy": "mỗi giấy", "lần": "mỗi lần", "hồ sơ": "mỗi hồ sơ", "tem": "mỗi tem", "trường hợp": "mỗi trường hợp",
    "chứng chỉ": "mỗi chứng chỉ", "văn bản": "mỗi văn bản", "chữ ký": "mỗi chữ ký", "việc": "mỗi việc",
    "người": "mỗi người", "xe": "mỗi xe", "bộ": "mỗi bộ", "sản phẩm": "mỗi sản phẩm", "thửa": "mỗi thửa",
    "tấn": "mỗi tấn", "con": "mỗi con", "năm": "mỗi năm", "tháng": "mỗi tháng",
}
_UNIT_WORDS = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
# "2.000 đồng/trang", and the portal's own "2,000 Việt Nam Đồng (/trang)".
_PER_RE = re.compile(
    rf"(\d[\d.,]*)\s*(?:việt nam đồng|đồng|đ|vnđ)?\s*\(?\s*/\s*(?:01\s+|1\s+|một\s+)?({_UNIT_WORDS})(?!\w)", re.IGNORECASE
)
_BARE_UNIT_RE = re.compile(rf"^\(?\s*/\s*(?:{_UNIT_WORDS})\s*\)?$", re.IGNORECASE)
# The amount the source writes before its explanation: "Phí : 2.000.000 Đồng", "150,000 VNĐ", "500,000 Việt Nam Đồng".
_LEAD_RE = re.compile(r"^\s*(?:(?:lệ phí|phí)\s*:\s*)?\d[\d.,]*\s*(?:việt nam đồng|vnđ|đồng|đ)(?!\w)(?!\s*/)\s*", re.IGNORECASE)
_EMPTY = {"", "không có", "không quy định", "không"}


@dataclass(frozen=True)
class FeeWords:
    per: str  # "mỗi trang", or "" when the source does not say
    note: str  # the source's explanation, without the repeated amount


def _number(text):
    digits = re.sub(r"[.,]", "", text)
    return int(digits) if digits.isdigit() else None


def fee_in_words(amount, description):
    """Return the FeeWords of a fee line of `amount` đồng (None when the source gives no figure)."""
    text = (description or "").strip()
    per = next((UNITS[m.group(2).lower()] for m in _PER_RE.finditer(text)
                if amount and _number(m.group(1)) == amount), "")
    note = _LEAD_RE.sub("", text, count=1).strip() if amount is not None else text
    if note.startswith("(") and note.endswith(")") and note.count("(") == 1:
        note = note[1:-1].strip()
    if note.lower().rstrip(".") in _EMPTY or (per and _BARE_UNIT_RE.match(note)):
        note = ""
    return FeeWords(per=per, note=note)
