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


# "nếu tiếp nhận hồ sơ sau 15 giờ thì ... trả kết quả ... trong ngày làm việc tiếp theo" (1.001193): a rule of
# one working day, stated in words.
_NEXT_WORKING_DAY_RE = re.compile(r"(?:trong )?ngày làm việc tiếp theo", re.IGNORECASE)


def infer_unit(value, *texts):
    """Return (unit, sentence) for a duration of `value` printed without its unit, from the record's own words.

    The unit counts only when the record says the same number with a unit ('trong thời hạn 05 (năm) ngày làm
    việc') or, for 1, 'ngày làm việc tiếp theo'; and only when every such sentence gives the same unit. The
    sentence is the evidence shown beside the inferred limit. ('', '') when the words do not settle it.
    """
    found = {}
    for text in texts:
        text = text or ""
        for m in _TEXT_DURATION_RE.finditer(text):
            if same_number(m.group(1), value):
                found.setdefault(UNITS[m.group(2).lower()], sentence_at(text, m.start(), m.end()))
        if same_number("1", value):
            for m in _NEXT_WORKING_DAY_RE.finditer(text):
                found.setdefault("working_days", sentence_at(text, m.start(), m.end()))
    return next(iter(found.items())) if len(found) == 1 else ("", "")


# A sentence that states the processing time itself: "Trong thời hạn 03 ngày làm việc kể từ ngày nhận hồ sơ, Cơ
# quan đăng ký kinh doanh ... cấp đăng ký doanh nghiệp" (2.002042), "trong vòng ba (03) ngày làm việc kể từ ngày
# nhận được hồ sơ". Not one about a supplement or a refusal, which run on their own clocks.
_LIMIT_SENTENCE_RE = re.compile(
    r"(?:trong (?:thời hạn|vòng)|không quá|chậm nhất(?: là)?|tối đa)(?: là| trong)?\s+(?:[^\s\d(),;.]{1,8}\s*){0,3}?"
    r"\(?0*(\d+)\)?\s*(?:\([^)]{0,20}\)\s*)?(ngày làm việc|giờ làm việc|ngày|giờ|tháng)\b[^;\n.]{0,40}?"
    r"kể từ (?:ngày|khi|thời điểm)\s+(?:[^;\n.]{0,60}?)(?:nhận|tiếp nhận)(?: được)?(?: đủ| đầy đủ)? hồ sơ",
    re.IGNORECASE,
)
_SIDE_CLOCK_RE = re.compile(r"bổ sung|chưa đầy đủ|chưa hợp lệ|không hợp lệ|từ chối|hoàn thiện|sửa đổi", re.IGNORECASE)


def infer_limit(value, *texts):
    """Return (value, unit, sentence) for a table cell with a number but no unit, from the record's own words.

    First the unit of the same number (infer_unit). Failing that, the one sentence that states the processing
    time counted from receipt of the dossier, when the record has exactly one such limit: its number and unit
    replace the table's bare number (the portal often prints a placeholder '1'). (value, '', '') otherwise.
    """
    unit, sentence = infer_unit(value, *texts)
    if unit:
        return value, unit, sentence
    limits = {}
    for text in texts:
        text = text or ""
        for m in _LIMIT_SENTENCE_RE.finditer(text):
            clause = sentence_at(text, m.start(), m.end())
            if _SIDE_CLOCK_RE.search(clause):
                continue
            limits.setdefault((str(int(m.group(1))), UNITS[m.group(2).lower()]), clause)
    if len(limits) == 1:
        (found_value, found_unit), sentence = next(iter(limits.items()))
        return found_value, found_unit, sentence
    return value, "", ""


def sentence_at(text, start, end, limit=400):
    """The sentence (or line, or clause between semicolons) of `text` around [start, end), at most `limit` chars."""
    breaks = [m.end() for m in re.finditer(r"[\n;]|\.(?=\s)", text[:start])]
    left = breaks[-1] if breaks else 0
    m = re.search(r"[\n;]|\.(?=\s|$)", text[end:])
    right = end + m.start() + 1 if m else len(text)
    sentence = re.sub(r"\s+", " ", text[left:right]).strip(" ;")
    if len(sentence) <= limit:
        return sentence
    a = max(0, start - left - limit // 2)
    return ("…" if a else "") + sentence[a : a + limit - 2].strip() + "…"


def same_number(a, b):
    try:
        return float(a.replace(",", ".")) == float(str(b).replace(",", "."))
    except ValueError:
        return False
