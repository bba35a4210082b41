"""Durations of a channel: '15 Ngày làm việc', 'Trong ngày', and the unit a record's own text gives."""

import re

UNITS = {
    "ngày làm việc": "working_days",
    "ngày": "calendar_days",
    "giờ": "hours",
    "giờ làm việc": "hours",
    "tháng": "months",
}

UNIT_PATTERN = r"(?:Ngày làm việc|Giờ làm việc|Ngày|Giờ|Tháng)"
_DURATION_RE = re.compile(rf"^\s*(\d+(?:[.,]\d+)?)\s*({UNIT_PATTERN})?\s*$", re.IGNORECASE)
_SAME_DAY_RE = re.compile(r"^\s*(?:ngay\s+)?trong\s+(?:ngày|ngày làm việc)\b", re.IGNORECASE)


def parse_duration(text):
    """Return (value, unit) from a duration cell such as '15 Ngày làm việc', '8 Giờ', 'Trong ngày'.

    value is a string decimal ('0.5'), unit one of UNITS' values or 'same_day'; unit is '' when the cell
    has a number but no unit (the portal drops it: 'Trực tuyến1Miễn phí'); (None, '') when there is no number.
    """
    text = (text or "").strip()
    if _SAME_DAY_RE.match(text):
        return None, "same_day"
    m = _DURATION_RE.match(text)
    if not m:
        return None, ""
    value = m.group(1).replace(",", ".")
    unit = UNITS[m.group(2).lower()] if m.group(2) else ""
    return value, unit


_TEXT_DURATION_RE = re.compile(
    r"(?<![\d/.,])0*(\d+(?:[.,]\d+)?)\s*(?:\([^)]{0,20}\)\s*)?(ngày làm việc|giờ làm việc|ngày|giờ|tháng)",
    re.IGNORECASE,
)


def infer_unit(value, *texts):
    """Return the unit the record's own text gives for a duration of `value` ('05 (năm) ngày làm việc'), or ''."""
    found = set()
    for text in texts:
        for m in _TEXT_DURATION_RE.finditer(text or ""):
            if same_number(m.group(1), value):
                found.add(UNITS[m.group(2).lower()])
    return found.pop() if len(found) == 1 else ""


def same_number(a, b):
    try:
        return float(a.replace(",", ".")) == float(str(b).replace(",", "."))
    except ValueError:
        return False
