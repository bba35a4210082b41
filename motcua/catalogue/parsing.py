"""Turn published procedure records into the plain dict that `services.create_version` accepts.

Two sources (see shared/data/SOURCES.md):

* the national portal (dichvucong.gov.vn) crawl, whose tables were flattened into run-together text
  ("Trực tuyến5 Ngày làm việc70,000 VNĐ(...)Dịch vụ bưu chính..."), parsed here with regular expressions;
* the Ministry of Defence extraction, whose tables are already rows, only normalised here.

Pure functions, no Django. Every parse returns what it understood and a list of plain-language issues for
what it could not; the importer stores both beside the raw text (version.raw, version.parse_issues).
Nothing is guessed silently: where the text does not say (a duration without its unit, a fee whose amount runs
into the duration), the value is left empty and an issue is recorded.
"""

import datetime
import hashlib
import json
import re

__all__ = [
    "parse_dvcqg_record",
    "parse_structured_record",
    "merge_records",
    "content_hash",
    "parse_channels",
    "parse_duration",
    "parse_fee_cell",
    "parse_fee_lines",
    "parse_components",
    "parse_steps",
    "parse_legal_bases",
    "infer_issuer",
    "parse_amount",
]

NO_INFO = ("Không có thông tin", "Không quy định", "Không")
CHANNEL_KINDS = {"Trực tiếp": "direct", "Trực tuyến": "online", "Dịch vụ bưu chính": "postal"}
UNITS = {
    "ngày làm việc": "working_days",
    "ngày": "calendar_days",
    "giờ": "hours",
    "giờ làm việc": "hours",
    "tháng": "months",
}
_LOWER = "a-zàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ"

# ---------------------------------------------------------------------------------------------- durations

_UNIT_RE = r"(?:Ngày làm việc|Giờ làm việc|Ngày|Giờ|Tháng)"
_DURATION_RE = re.compile(rf"^\s*(\d+(?:[.,]\d+)?)\s*({_UNIT_RE})?\s*$", re.IGNORECASE)
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
            if _same_number(m.group(1), value):
                found.add(UNITS[m.group(2).lower()])
    return found.pop() if len(found) == 1 else ""


def _same_number(a, b):
    try:
        return float(a.replace(",", ".")) == float(str(b).replace(",", "."))
    except ValueError:
        return False


# ---------------------------------------------------------------------------------------------- amounts

_AMOUNT_RE = re.compile(r"^\d{1,3}(?:([.,])\d{3})?(?:\1\d{3})*$|^\d+$")


def parse_amount(text):
    """Return the integer amount of '2,500,000', '8.000' or '15000000', or None if it is not a plain amount."""
    text = (text or "").strip()
    if not _AMOUNT_RE.match(text):
        return None
    return int(re.sub(r"[.,]", "", text))


# ---------------------------------------------------------------------------------------------- fees

_CURRENCY = r"(?:Việt Nam Đồng|VNĐ|VND|Đồng|đồng|USD)"
_FEE_HEAD_RE = re.compile(rf"(?:Miễn phí|Không có thông tin|Không quy định|\d[\d.,]*\s*{_CURRENCY})")
_FEE_LINE_RE = re.compile(
    rf"(?<![{_LOWER}])(Lệ phí|Phí|lệ phí|phí)\s*:\s*(\d[\d.,]*|Không|không|0)?\s*({_CURRENCY})",
)


def parse_fee_lines(text, *, strict=True):
    """Return fee items written as 'Lệ phí : 8.000 Đồng (...)' or 'Phí : 50.000 Đồng', one per line found.

    strict (for free text of the portal): only lines with an amount and a currency count. Otherwise (the
    Ministry's fee cell, made only of such lines) every 'Phí :'/'Lệ phí :' opens an item, amount None when it
    is not a plain number in đồng ('Phí : Mức thu bằng 50% ...').
    """
    text = text or ""
    if strict:
        items, consumed = [], 0
        for m in _FEE_LINE_RE.finditer(text):
            if m.start() < consumed:
                continue  # a line quoted inside the previous line's brackets
            desc = _paren_after(text, m.end())
            consumed = m.end() + len(desc) + 2 if desc else m.end()
            items.append(_fee_item(m.group(1), m.group(2), m.group(3), desc))
        return items
    labels = list(re.finditer(r"(?:^|\n)\s*(Lệ phí|Phí)\s*:", text))
    items = []
    for i, m in enumerate(labels):
        segment = text[m.end() : labels[i + 1].start() if i + 1 < len(labels) else len(text)].strip()
        amount = re.match(rf"^(\d[\d.,]*|[Kk]hông|o)?\s*({_CURRENCY})?\s*", segment)
        desc = segment[amount.end() :].strip()
        desc = desc[1:-1] if desc.startswith("(") and desc.endswith(")") else desc
        items.append(_fee_item(m.group(1), amount.group(1), amount.group(2) or "", desc))
    return items


def _fee_item(label, number, currency, desc):
    number = (number or "").strip()
    if number.lower() in ("không", "0", "o"):
        amount = 0
    elif currency == "USD" or not currency:
        amount = None
    else:
        amount = parse_amount(number)
    return {
        "amount": amount,
        "kind": "le_phi" if label.lower() == "lệ phí" else "phi",
        "description": _squash(f"{label} : {number} {currency} {f'({desc.strip()})' if desc.strip() else ''}"),
    }


def _paren_after(text, pos):
    """Return the content of a parenthesised group starting at `pos` (spaces allowed before it), or ''."""
    i = pos
    while i < len(text) and text[i] in " \t":
        i += 1
    if i >= len(text) or text[i] != "(":
        return ""
    end = _balanced_end(text, i)
    return text[i + 1 : end - 1] if text[end - 1] == ")" else text[i + 1 : end]


def _balanced_end(text, start):
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


def parse_fee_cell(head, paren, description=""):
    """Return (fee items, issues) for one channel's fee cell: its headline value and its bracketed detail.

    The headline is 'Miễn phí', 'Không có thông tin' or an amount ('70,000 VNĐ'); the detail and the channel's
    description may list fee lines ('Lệ phí : 20.000 Đồng (...)'), each of which becomes an item.
    """
    issues = []
    lines = parse_fee_lines(paren) + parse_fee_lines(description)
    head = head.strip()
    if head in NO_INFO:
        return lines, issues
    if head == "Miễn phí":
        if lines and any(i["amount"] for i in lines):
            return lines, issues
        charged = _fee_still_charged(paren, description)
        if charged:
            issues.append("cột phí ghi 'Miễn phí' nhưng phần chi tiết nêu một khoản phí, lệ phí")
            return charged, issues
        return [{"amount": 0, "kind": "mien_phi", "description": _squash(paren)}], issues
    m = re.match(rf"^(\d[\d.,]*)\s*({_CURRENCY})$", head)
    amount = parse_amount(m.group(1)) if m else None
    if m and m.group(2) == "USD":
        issues.append(f"phí tính bằng USD ({head}), không quy ra đồng")
        amount = None
    elif amount is None:
        issues.append(f"không đọc được số tiền '{head}'")
    elif amount < 1000 and amount * 1000 in _mentioned_amounts(paren):
        issues.append(f"cột phí ghi '{head}', phần chi tiết ghi {amount * 1000:,} đồng: lấy theo chi tiết (nghìn đồng)")
        amount *= 1000
    elif 0 < amount < 1000:
        # No fee is below 1.000 đ: the column was filled in thousands of đồng or in USD ("155 VNĐ (155 USD/thẻ)").
        issues.append(f"cột phí ghi '{head}' (dưới 1.000 đồng), không rõ đơn vị: để trống số tiền")
        amount = None
    if any(line["amount"] == amount and amount is not None for line in lines):
        return lines, issues
    kind = _fee_kind(paren)
    return [
        {"amount": amount, "kind": kind, "description": _squash(f"{head} {f'({paren})' if paren else ''}")}
    ] + lines, issues


def _mentioned_amounts(text):
    """Amounts written with thousands dots in free text ('900.000 đồng/lần')."""
    return {int(a.replace(".", "")) for a in re.findall(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d,])", text or "")}


_RATE_BY_RE = re.compile(r"mức (?:thu )?(?:lệ )?phí[^.;]{0,80}?do\s+(?:Hội đồng nhân dân|HĐND)", re.IGNORECASE)


# "- Lệ phí cấp giấy chứng nhận kiểm dịch ... theo quy định tại Thông tư số 101/2020/TT-BTC" (2.001544)
_FEE_UNDER_RULE_RE = re.compile(
    r"(?:^|[-;(\n]\s*)(Lệ phí|Phí)\s[^\n]{0,250}?(?:Thông tư|Nghị quyết|Biểu phí|Biểu mức thu)"
)


def _fee_still_charged(paren, description):
    """Fee items behind a 'Miễn phí' headline whose detail still sets a fee.

    The detail may say the rate is set by the provincial council ('Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh
    quyết định', 1.004901) or list 'Phí :'/'Lệ phí :' lines without amounts (2.001655). Amounts stay unknown.
    """
    text = f"{paren}\n{description}"
    clause = _FEE_UNDER_RULE_RE.search(paren or "")
    if clause and not _RATE_BY_RE.search(text):
        return [{"amount": None, "kind": _fee_kind(clause.group(1)), "description": _squash(paren)}]
    if _RATE_BY_RE.search(text):
        return [
            {
                "amount": None,
                "kind": _fee_kind(_RATE_BY_RE.search(text).group(0)),
                "description": _squash(paren or description),
            }
        ]
    return [line for line in parse_fee_lines(description, strict=False) if line["amount"] is None][:5]


def _fee_kind(text):
    """'le_phi' when the text names a lệ phí first, else 'phi' (the portal's headline does not say)."""
    m = re.search(r"(lệ phí|phí)", text or "", re.IGNORECASE)
    return "le_phi" if m and m.group(1).lower() == "lệ phí" else "phi"


_MOF_RE = re.compile(r"TT-BTC|TTLT-BTC|Bộ Tài chính|Bộ trưởng Bộ Tài chính", re.IGNORECASE)
_HDND_RE = re.compile(r"HĐND|Hội đồng nhân dân|NQ-HĐND", re.IGNORECASE)


def fee_set_by(fee_text, legal_bases=()):
    """Return who sets a fee: 'hdnd' or 'mof' when the fee text (or else the legal basis on fees) says so.

    The fee text wins: 'Mức lệ phí do Hội đồng nhân dân tỉnh quyết định' => hdnd, 'Thông tư 47/2019/TT-BTC'
    => mof. Failing that, a legal basis about fees ('... phí, lệ phí ...') issued as a Thông tư of the Ministry
    of Finance => mof, or as a resolution of a provincial council => hdnd. Otherwise 'unknown'.
    """
    if _RATE_BY_RE.search(fee_text or ""):
        return "hdnd"  # "Mức lệ phí cụ thể do HĐND tỉnh quyết định (căn cứ Thông tư .../TT-BTC)"
    hdnd, mof = bool(_HDND_RE.search(fee_text or "")), bool(_MOF_RE.search(fee_text or ""))
    if hdnd != mof:
        return "hdnd" if hdnd else "mof"
    if hdnd and mof:
        return "unknown"
    fee_bases = [b for b in legal_bases if re.search(r"\bphí\b", b.get("title", ""), re.IGNORECASE)]
    if any(b["number"].endswith(("TT-BTC", "TTLT-BTC")) for b in fee_bases):
        return "mof"
    if any("HĐND" in b["number"] for b in fee_bases):
        return "hdnd"
    return "unknown"


# ---------------------------------------------------------------------------------------------- channels

_CHANNEL_NAMES = "|".join(CHANNEL_KINDS)
_ROW_RE = re.compile(
    rf"({_CHANNEL_NAMES})"
    rf"(?=(\d+(?:[.,]\d+)?\s*{_UNIT_RE}|\d+\s*-\s*\d+(?:\s*{_UNIT_RE})?|\d+|Không có thông tin|Không quy định|Trong ngày|"
    rf"[^\d\n()]{{3,60}}?|)"
    rf"(Miễn phí|Không có thông tin|Không quy định|\d[\d.,]*\s*{_CURRENCY}))"
)
_TABLE_HEAD = "Hình thức nộpThời gianPhí, lệ phíMô tả"
# Fallback when no row reads strictly: a long free-text duration ("Kết thúc trước khi tàu cập cảng ...").
_LOOSE_ROW_RE = re.compile(
    rf"({_CHANNEL_NAMES})(?=([^()]{{1,300}}?)(Miễn phí|Không có thông tin|Không quy định|\d[\d.,]*\s*{_CURRENCY}))"
)


def parse_channels(text, context=""):
    """Return (channels, issues) from the flattened 'Cách thức thực hiện' table of the national portal.

    Each row is CHANNEL DURATION FEE[(detail)] DESCRIPTION with nothing between the cells; a row starts
    where a channel name is directly followed by a duration and a fee headline. `context` is other text of the
    same record used only to find the unit of a duration the portal printed without one.
    """
    text = (text or "").strip()
    issues = []
    if not text or text in NO_INFO:
        return [], ["không có cách thức thực hiện"] if not text else []
    body = text[len(_TABLE_HEAD) :] if text.startswith(_TABLE_HEAD) else text
    starts = list(_ROW_RE.finditer(body)) or list(_LOOSE_ROW_RE.finditer(body))
    if not starts:
        return [], [f"không tách được cách thức thực hiện: '{_clip(body)}'"]
    if starts[0].start() > 0:
        issues.append(f"bỏ qua phần đầu không thuộc hàng nào: '{_clip(body[: starts[0].start()])}'")
    rows = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(body)
        rows.append(_parse_row(m, body[m.end() : end], issues))
    _resolve_durations(rows, context, issues)
    return rows, issues


def _parse_row(match, rest, issues):
    kind = CHANNEL_KINDS[match.group(1)]
    dur_text, head = match.group(2), match.group(3)
    after = rest[len(dur_text) + len(head) :]
    paren = ""
    if after.startswith("("):
        end = _balanced_end(after, 0)
        paren, after = after[1 : end - 1] if after[end - 1] == ")" else after[1:end], after[end:]
    row = {
        "kind": kind,
        "duration_text": dur_text.strip()[:255],
        "description": after.strip(),
        "_head": head,
        "_paren": paren,
    }
    return row


def _resolve_durations(rows, context, issues):
    """Fill duration value/unit and fees, splitting durations that run into a numeric fee ('Trực tuyến120 VNĐ')."""
    for row in rows:
        dur_text, head, paren = row["duration_text"], row.pop("_head"), row.pop("_paren")
        if re.fullmatch(r"\d*", dur_text) and re.match(r"\d", head):
            dur_text, head = _split_run(dur_text + head, paren, rows, issues, row["kind"])
            row["duration_text"] = dur_text
        value, unit = parse_duration(dur_text)
        if value is not None and not unit:
            unit = _sibling_unit(rows, value) or infer_unit(value, row["description"], paren, context)
            if not unit:
                issues.append(f"{row['kind']}: thời hạn '{dur_text}' không ghi đơn vị")
        elif value is None and unit != "same_day" and dur_text not in NO_INFO and dur_text:
            issues.append(f"{row['kind']}: không đọc được thời hạn '{_clip(dur_text)}'")
        row["duration_value"], row["duration_unit"] = value, unit
        if head is None:  # amount lost in an ambiguous run: keep the item, without amount
            fees = [{"amount": None, "kind": _fee_kind(paren), "description": _squash(f"({paren})" if paren else "")}]
            fees += parse_fee_lines(paren) + parse_fee_lines(row["description"])
            fee_issues = []
        else:
            fees, fee_issues = parse_fee_cell(head, paren, row["description"])
        issues.extend(f"{row['kind']}: {i}" for i in fee_issues)
        row["fees"] = fees


def _sibling_unit(rows, value):
    units = {r.get("duration_unit") for r in rows if r.get("duration_value") is not None and r.get("duration_unit")}
    units |= {
        parse_duration(r["duration_text"])[1]
        for r in rows
        if _same_number(parse_duration(r["duration_text"])[0] or "x", value)
    }
    units.discard("")
    return units.pop() if len(units) == 1 else ""


def _split_run(run, paren, rows, issues, kind):
    """Split 'DURATION+AMOUNT CURRENCY' written together ('1100 VNĐ') when only one split makes sense.

    A split is acceptable when the amount is a well-formed number; ties are broken by an amount repeated in
    the fee detail ('100.000 đồng/lần'). Ambiguous runs keep neither value and are reported.
    """
    m = re.match(rf"^(\d[\d.,]*)\s*({_CURRENCY})$", run)
    if not m:
        return "", run
    digits, currency = m.groups()
    lead = re.match(r"\d+", digits).group(0)
    options = []
    for k in range(0, len(lead)):
        dur, amount_text = digits[:k], digits[k:]
        if amount_text[:1] == "0" and len(amount_text) > 1 and amount_text[1].isdigit():
            continue
        amount = parse_amount(amount_text)
        if amount is not None and (dur == "" or int(dur) > 0):
            options.append((dur, amount_text, amount))
    if len(options) == 1:
        dur, amount_text, _ = options[0]
        return dur, f"{amount_text} {currency}"
    mentioned = _mentioned_amounts(paren)
    chosen = [o for o in options if o[2] > 0 and o[2] in mentioned]
    chosen = chosen or [o for o in options if 0 < o[2] < 1000 and o[2] * 1000 in mentioned]
    if len(chosen) == 1:
        dur, amount_text, _ = chosen[0]
        issues.append(f"{kind}: thời hạn và phí viết liền '{run}', tách theo số tiền ở phần chi tiết")
        return dur, f"{amount_text} {currency}"
    issues.append(f"{kind}: thời hạn và phí viết liền '{run}', không tách được chắc chắn")
    return "", None


# ---------------------------------------------------------------------------------------------- components

_COMP_HEAD = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
# The portal's "Số lượng" cell is always "N bản chính" optionally followed by ",M bản sao", written right
# after the name (or the template file name) with no separator.
_COUNT_RE = re.compile(r"(\d+) bản chính(?:,\s*(\d+) bản sao)?")
_TEMPLATE_RE = re.compile(r"\.(?:docx?|pdf|xlsx?|rtf|odt)$", re.IGNORECASE)
_TEMPLATE_END_RE = re.compile(r"\.(?:docx|doc|pdf|xlsx|xls|rtf|odt)(?-i:(?![a-z]))", re.IGNORECASE)
_CASE_RE = re.compile(r"trường hợp|đối với|nếu", re.IGNORECASE)


def parse_components(text):
    """Return (components, issues) from the flattened 'Thành phần hồ sơ' of the national portal.

    The text is one or more tables, each introduced by 'Tên giấy tờMẫu đơn, tờ khaiSố lượng' and preceded
    by an optional heading ('--' when none, else e.g. 'Trường hợp ủy quyền thực hiện thủ tục:'). A heading
    naming a case becomes the `condition` of the components under it; any other heading becomes their notes.
    """
    text = (text or "").strip()
    if not text or text in NO_INFO or text.strip("-") == "":
        return [], ["không có thành phần hồ sơ"]
    parts = text.split(_COMP_HEAD)
    if len(parts) == 1:
        return [], [f"không tìm thấy bảng thành phần hồ sơ: '{_clip(text)}'"]
    components, issues = [], []
    heading = parts[0]
    for i, part in enumerate(parts[1:]):
        is_last = i == len(parts) - 2
        items, tail = _split_items(part)
        condition, notes = _heading_roles(heading)
        for name, originals, copies in items:
            components.append(_component(name, originals, copies, condition, notes))
        if not items:
            issues.append(f"bảng thành phần hồ sơ không có dòng nào đọc được: '{_clip(part)}'")
        heading = tail
        if is_last and tail.strip(" -\n\t"):
            issues.append(f"phần cuối thành phần hồ sơ không có số lượng: '{_clip(tail)}'")
    return components, issues


def _split_items(part):
    """Return ([(name, originals, copies)], trailing text) for one flattened table."""
    items, pos = [], 0
    for m in _COUNT_RE.finditer(part):
        digits = m.group(1)
        # "nộp 02 bản chính tờ khai" inside a name: a leading zero or a following lower-case word.
        if digits.startswith("0") and len(digits) > 1:
            continue
        nxt = part[m.end() : m.end() + 2]
        if re.match(rf"\s[{_LOWER}]", nxt) or nxt[:1] in (".", ";", ",", ":"):
            continue
        # The name often ends in digits ("Nghị định 116", "năm 2026"): the count is the last digit.
        name = part[pos : m.start()] + digits[:-1]
        originals = int(digits[-1])
        copies = int(m.group(2)) if m.group(2) else 0
        if name.strip():
            items.append((name, originals, copies))
        pos = m.end()
    return items, part[pos:]


def _heading_roles(heading):
    heading = heading.strip().strip("-").strip()
    heading = re.sub(r"^[*\-+•]+\s*", "", heading).strip()
    if not heading:
        return "", ""
    if _CASE_RE.search(heading):
        return heading.rstrip(":").strip(), ""
    return "", heading


def _component(name, originals, copies, condition, notes):
    name = name.strip()
    template = ""
    if _TEMPLATE_RE.search(name):
        # Several files may follow each other: "...Mẫu số 05.docxMẫu số 06.docx".
        ends = [m.end() for m in _TEMPLATE_END_RE.finditer(name)]
        first_end = ends[0]
        head = re.split(r"[;:\n]", name[:first_end])[-1]
        start = first_end - len(_template_start(head))
        files = (name[a:b].strip().lstrip(".;,- ").strip() for a, b in zip([start] + ends[:-1], ends, strict=True))
        template = "; ".join(files)
        name = name[:start].strip()
    return {
        "name": name or template,
        "originals": originals,
        "copies": copies,
        "template": template[:500],
        "condition": condition,
        "notes": notes,
    }


def _template_start(tail):
    """Return the file name at the end of `tail` (which ends in .doc/.docx/.pdf...).

    Look after the name's last ')', ';' or ':' for the first place where the file name is glued to the name:
    a capital after a lower-case letter ('theo mẫuMauBankhai.docx'; not inside 'VNeID'), a capitalised word after an upper-case run
    or a document number ('...NĐ-CPMẫu số 01.docx', '.../TT-BNNPTNTPHỤ LỤC VI.docx'), a full stop glued to a
    capital ('...hợp lệ.Mẫu 01.docx', '...Bộ Công an.NA11.doc'). Failing that, cut at the last sentence end
    ('. '). Names glued to a lower-case file name ('bộvăn bản.docx') stay joined.
    """
    stem = tail[: tail.rfind(".")]
    hard = [m.end() for m in re.finditer(r"[);:]", stem) if stem[m.end() :].strip()]
    start = hard[-1] if hard else 0
    strong_re = (
        rf"(?<![A-ZĐ])[{_LOWER}](?=[A-ZĐÂĂÊÔƠƯ])|[A-ZĐ](?=[A-ZĐ][{_LOWER}]{{2}})|[{_LOWER}](?=\d+-\s?[A-ZĐ])"
        rf"|\.(?=[A-ZĐ][{_LOWER}])|(?<=[{_LOWER}])\.(?=[A-ZĐ\d][\w.\-]*$)|(?<=[A-ZĐ])\.(?=[{_LOWER}])"
    )
    strong = [m.end() for m in re.finditer(strong_re, stem) if m.end() > start]
    strong += [m.end() for m in _GLUED_NUMBER_RE.finditer(stem) if m.end() > start]
    strong = sorted(g for g in strong if tail[start:g].strip(" -") and len(tail) - g <= 100)
    if strong:
        return tail[strong[0] :]
    weak = [m.end() for m in re.finditer(r"\.\s|\.(?=\d+\s*-)", stem) if m.end() > start and stem[m.end() :].strip()]
    return tail[weak[-1] :] if weak else tail[start:]


# ---------------------------------------------------------------------------------------------- steps

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


# ---------------------------------------------------------------------------------------------- legal basis

# Parts of a document number after the year ("NĐ-CP", "TT-BTC", "QH15"). Known abbreviations are tried first so
# that a title glued to the number splits right ("…/TT-BCALuật Khiếu nại" → "TT-BCA" + "Luật …"); an unknown
# part is accepted only when no letter follows it.
_KNOWN_PARTS = sorted(
    """NĐ TT QĐ NQ TTLT CT PL L VBHN ND CP TTg BTC BCA BCT BGTVT BHXH BKHCN BKHĐT BLĐTBXH BNG BNNMT BNNPTNT BNV
    BQP BTNMT BTP BTTTT BVHTTDL BXD BYT BGDĐT NHNN VPCP TANDTC VKSNDTC HĐTP HĐND UBND CTN KTNN VPQH TTCP BDT
    UBDT BKHMT UBTƯMTTQVN NQLT""".split(),
    key=len,
    reverse=True,
)
# Used by the component parser: a number glued to a capitalised template name ("…/TT-BNNPTNTPHỤ LỤC VI.docx").
_GLUED_NUMBER_RE = re.compile(rf"\d{{4}}/(?:{'|'.join(_KNOWN_PARTS)})-(?:{'|'.join(_KNOWN_PARTS)})(?=[A-ZĐÀ-Ỹ])")


_UPPER = "A-ZĐÂĂÊÔƠƯ"
# A part followed by "-" is complete whatever it is ("NQLT-CP-..."); the last one is known or stands alone.
_PART = (
    rf"(?:[{_UPPER}]+\d{{0,2}}(?=-)|UBTVQH\d{{2}}|QH\d{{2}}|{'|'.join(_KNOWN_PARTS)}|[{_UPPER}]+(?![{_UPPER}{_LOWER}]))"
)
_NUMBER_BODY = rf"\d+(?:\.\d+)?(?:/\d{{4}})?(?:/{_PART}(?:-{_PART})*)+|\d+/\d{{4}}(?=$)|\d+-CP(?=$)"
# A number cell may be followed by a title starting in lower case ("…/NĐ-CPsửa đổi…") but not by words that
# continue a citation inside a title ("…/TT-BCAngày 01/7/2025" is a missing space, not a new cell).
_NUMBER_END = rf"(?!-)(?![{_LOWER}])|(?<=[A-ZĐ0-9])(?=(?!ngày|của|về|và|năm|tại|đã|được|do|có)[{_LOWER}]{{2}})"
_NUMBER_RE = re.compile(rf"(?<![\d/])(?<!\d\.)({_NUMBER_BODY})(?:{_NUMBER_END})")
# Every position, overlapping: a number glued to a date before it ("ngày 29/6/202443/2024/QH15").
_NUMBER_ANYWHERE_RE = re.compile(rf"(?=(?<![/])({_NUMBER_BODY})(?:{_NUMBER_END}))")
_LEGAL_HEAD = "Tên văn bản pháp lýMã văn bản"
ISSUERS = [
    # suffix pattern (matched against the part after the last '/'), issuer; only certain ones.
    (r"^NĐ-CP$|^NQ-CP$|^CP$", "Chính phủ"),
    (r"-TTg$", "Thủ tướng Chính phủ"),
    (r"^UBTVQH\d+$|-UBTVQH\d+$", "Ủy ban Thường vụ Quốc hội"),
    (r"^QH\d*$", "Quốc hội"),
    (r"^(?:TT|QĐ|CT)-BTC$", "Bộ Tài chính"),
    (r"^(?:TT|QĐ)-BCA$", "Bộ Công an"),
    (r"^(?:TT|QĐ)-BTP$", "Bộ Tư pháp"),
    (r"^(?:TT|QĐ)-BXD$", "Bộ Xây dựng"),
    (r"^(?:TT|QĐ)-NHNN$", "Ngân hàng Nhà nước Việt Nam"),
    (r"^(?:TT|QĐ)-BNNMT$", "Bộ Nông nghiệp và Môi trường"),
    (r"^(?:TT|QĐ)-BNNPTNT$", "Bộ Nông nghiệp và Phát triển nông thôn"),
    (r"^(?:TT|QĐ)-BTNMT$", "Bộ Tài nguyên và Môi trường"),
    (r"^(?:TT|QĐ)-BGTVT$", "Bộ Giao thông vận tải"),
    (r"^(?:TT|QĐ)-BQP$", "Bộ Quốc phòng"),
    (r"^(?:TT|QĐ)-BYT$", "Bộ Y tế"),
    (r"^(?:TT|QĐ)-BCT$", "Bộ Công Thương"),
    (r"^(?:TT|QĐ)-BLĐTBXH$", "Bộ Lao động - Thương binh và Xã hội"),
    (r"^(?:TT|QĐ)-BGDĐT$", "Bộ Giáo dục và Đào tạo"),
    (r"^(?:TT|QĐ)-BKHĐT$", "Bộ Kế hoạch và Đầu tư"),
    (r"^(?:TT|QĐ)-BTTTT$", "Bộ Thông tin và Truyền thông"),
    (r"^(?:TT|QĐ)-BKHCN$", "Bộ Khoa học và Công nghệ"),
    (r"^(?:TT|QĐ)-BNV$", "Bộ Nội vụ"),
    (r"^(?:TT|QĐ)-BNG$", "Bộ Ngoại giao"),
    (r"^(?:TT|QĐ)-BVHTTDL$", "Bộ Văn hóa, Thể thao và Du lịch"),
    (r"^(?:TT|QĐ)-VPCP$", "Văn phòng Chính phủ"),
    (r"^(?:TT|QĐ|NQ)-TANDTC$", "Tòa án nhân dân tối cao"),
    (r"^NQ-HĐTP$", "Hội đồng Thẩm phán Tòa án nhân dân tối cao"),
    (r"^(?:TT|QĐ)-BHXH$", "Bảo hiểm xã hội Việt Nam"),
]


def infer_issuer(number):
    """Return the issuing body named by a document number's suffix (/NĐ-CP → Chính phủ), or '' if unsure."""
    suffix = (number or "").rsplit("/", 1)[-1] if "/" in (number or "") else ""
    for pattern, issuer in ISSUERS:
        if re.search(pattern, suffix):
            return issuer
    return ""


_DATE_RE = re.compile(
    r"ngày\s+(\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)\s*(\d{1,2})\s*(?:/|-|\.|\s+năm\s+)\s*(\d{4})", re.IGNORECASE
)


def issued_date(number, title):
    """Return the issue date written right after the number in the title ('... 19/2021/TT-BTC ngày 18/3/2021')."""
    for occ in re.finditer(re.escape(number), title or ""):
        window = title[occ.end() : occ.end() + 60]
        m = _DATE_RE.match(re.sub(r"^\s*(?:của[^,;]{0,40}?)?[,\s]*", "", window, count=1) or "")
        if not m:
            m = re.match(r"^\s*,?\s*" + _DATE_RE.pattern, window, re.IGNORECASE)
        if m:
            day, month, year = (int(x) for x in m.groups()[-3:])
            year_in_number = re.search(r"/(\d{4})/", number)
            if year_in_number and int(year_in_number.group(1)) != year:
                continue
            try:
                return datetime.date(year, month, day)
            except ValueError:
                return None
    return None


# The number column often repeats the kind of document ("Thông tư số 27/2025/TT-BNNMT"); glued to the end of
# the previous title it is not part of that title: "...của Bộ Xây dựngThông tư số" + "55/2025/TT-BXD".
_TYPE_PREFIX_RE = re.compile(
    rf"(?<=[{_LOWER}{_UPPER}.;)])(?:(?:Luật|Luất|Bộ luật|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|Quyết định|Pháp lệnh)"
    r"(?: số)?|số)\s*$"
)


def _number_cells(body):
    """Yield (start, end) of document numbers that end a table cell (not followed by a space or punctuation).

    A number glued to digits before it counts only from where it repeats a number cited in its own title.
    """
    last_end = prev_end = 0
    for m in _NUMBER_ANYWHERE_RE.finditer(body):
        start, end = m.start(1), m.end(1)
        if start < last_end:
            continue
        if re.match(r"(?:19|20)\d\d\d+/", body[start:end]) and (start == 0 or not body[start - 1].isdigit()):
            start += 4  # a year glued to the number: "Luật Khiếu nại năm 201102/2011/QH13"
        number, before = body[start:end], body[start - 1 : start]
        cited = body.find(number, prev_end, start) >= 0  # the title quotes the same number
        nxt = body[end : end + 1]
        if nxt and (nxt.isspace() or nxt in ",;.)") and not (before in (";", ".") and cited):
            continue  # a number cited inside a title, unless the title ended with ';'/'.' and quoted it
        glued = before.isdigit() and not re.match(r"(?:19|20)\d\d$", body[start - 4 : start])
        glued = glued or (before == "." and body[start - 2 : start - 1].isdigit())  # "...15/5/2026.55/2026/TT-BTC"
        if glued and not cited:
            continue
        prev_end, last_end = last_end, end
        yield start, end


def parse_legal_bases(text):
    """Return (legal bases, issues) from the flattened 'Căn cứ pháp lý' table: TITLE NUMBER TITLE NUMBER...

    A number cell is a document number written directly after its title, so a number counts as a cell only
    when nothing but another title follows it (not a space: numbers cited inside a title are followed by words).
    """
    text = (text or "").strip()
    if not text or text in NO_INFO:
        return [], []
    body = text[len(_LEGAL_HEAD) :] if text.startswith(_LEGAL_HEAD) else text
    cells, issues, pos = [], [], 0  # (title start, number start, number end)
    for start, end in _number_cells(body):
        if start < pos:
            continue
        if not body[pos:start].strip() and cells and body[cells[-1][1] : cells[-1][2]] == body[start:end]:
            # The previous "number" ended the title: "Luật 54/2014/QH1354/2014/QH13".
            cells[-1] = (cells[-1][0], start, end)
        else:
            cells.append((pos, start, end))
        pos = end
    bases = [{"number": body[b:c], "title": _TYPE_PREFIX_RE.sub("", body[a:b]).rstrip(" ;,")} for a, b, c in cells]
    titled = {b["number"] for b in bases if b["title"].strip()}
    bases = [b for b in bases if b["title"].strip() or b["number"] not in titled]
    tail = body[pos:].strip()
    if tail:
        issues.append(f"căn cứ pháp lý không có số hiệu: '{_clip(tail)}'")
        bases.append({"number": "", "title": tail})
    for b in bases:
        b["title"] = _squash(b["title"])
        b["issued"] = issued_date(b["number"], b["title"]) if b["number"] else None
        b["issuer"] = infer_issuer(b["number"])
    if not bases:
        issues.append(f"không đọc được căn cứ pháp lý: '{_clip(body)}'")
    return bases, issues


# ---------------------------------------------------------------------------------------------- records

_DESCRIPTIVE = {
    "name": "ten_thu_tuc",
    "field": "linh_vuc",
    "level": "cap_thuc_hien",
    "kind": "loai_thu_tuc",
    "subjects": "doi_tuong_thuc_hien",
    "conditions": "yeu_cau_dieu_kien",
    "competent_agency": "co_quan_co_tham_quyen",
    "implementing_agency": "co_quan_thuc_hien",
    "delegated_agency": "co_quan_duoc_uy_quyen",
    "coordinating_agency": "co_quan_phoi_hop",
    "receiving_address": "dia_chi_tiep_nhan",
    "related_procedures": "thu_tuc_lien_quan",
    "source_url": "detail_url",
    "publishing_decision": "so_quyet_dinh",
}
RAW_FIELDS = ("cach_thuc_thuc_hien", "thanh_phan_ho_so", "can_cu_phap_ly", "trinh_tu_thuc_hien", "ket_qua_xu_ly")
_LIMITS = {"level": 255, "kind": 255, "publishing_decision": 255, "source_url": 500, "field": 255}


def parse_dvcqg_record(rec):
    """Return the create_version dict for one national-portal record, with 'raw' and 'parse_issues'."""
    data = {key: _clean(rec.get(src)) for key, src in _DESCRIPTIVE.items()}
    data["results"] = _results(rec.get("ket_qua_xu_ly"))
    issues = []
    legal, legal_issues = parse_legal_bases(rec.get("can_cu_phap_ly"))
    context = "\n".join([rec.get("trinh_tu_thuc_hien") or "", rec.get("cach_thuc_thuc_hien") or ""])
    channels, channel_issues = parse_channels(rec.get("cach_thuc_thuc_hien"), context)
    components, component_issues = parse_components(rec.get("thanh_phan_ho_so"))
    for channel in channels:
        for fee in channel["fees"]:
            _complete_fee(fee, legal)
    issues += [f"Cách thức thực hiện: {i}" for i in channel_issues]
    issues += [f"Thành phần hồ sơ: {i}" for i in component_issues]
    issues += [f"Căn cứ pháp lý: {i}" for i in legal_issues]
    data.update(channels=channels, components=components, legal_bases=legal)
    data["steps"] = parse_steps(rec.get("trinh_tu_thuc_hien"))
    data["raw"] = {"source": "dvcqg", **{k: rec.get(k) or "" for k in RAW_FIELDS}}
    data["parse_issues"] = issues
    return _limit(data)


def _complete_fee(fee, legal):
    text = fee.get("description", "")
    fee.setdefault("set_by", "unknown")
    if fee["kind"] != "mien_phi":
        fee["set_by"] = fee_set_by(text, legal)
    fee["appraisal"] = bool(re.search(r"thẩm định", text, re.IGNORECASE))


def _results(text):
    text = _clean(text)
    text = re.sub(r"Từ khóa.*$", "", text, flags=re.DOTALL).strip()
    return re.sub(r"Mã: (KQ\.[\w.]+)", r" (mã \1)", text).strip()


def _clean(value):
    value = (value or "").strip()
    return "" if value in NO_INFO else value


def _limit(data):
    for key, limit in _LIMITS.items():
        data[key] = (data.get(key) or "")[:limit]
    for c in data["channels"]:
        c["duration_text"] = c["duration_text"][:255]
    for c in data["components"]:
        c["template"] = c["template"][:500]
    for b in data["legal_bases"]:
        b["number"] = b["number"][:255]
    return data


# ---------------------------------------------------------------------------------------------- structured

_S_CONTENT = {
    "subjects": "đối_tượng_thực_hiện",
    "conditions": "yêu_cầu_điều_kiện_thực_hiện",
    "competent_agency": "cơ_quan_có_thẩm_quyền",
    "implementing_agency": "cơ_quan_thực_hiện",
    "delegated_agency": "cơ_quan_được_ủy_quyền",
    "coordinating_agency": "cơ_quan_phối_hợp",
    "receiving_address": "địa_chỉ_tiếp_nhận_hs",
    "results": "kết_quả_thực_hiện",
}
_S_META = {
    "name": "tên_thủ_tục",
    "field": "lĩnh_vực",
    "level": "cấp_thực_hiện",
    "kind": "loại_thủ_tục",
    "publishing_decision": "số_quyết_định",
}


def parse_structured_record(rec):
    """Return the create_version dict for one Ministry of Defence record (tables already split into rows)."""
    meta, content, tables = rec.get("metadata") or {}, rec.get("content") or {}, rec.get("tables") or {}
    data = {key: _clean(meta.get(src)) for key, src in _S_META.items()}
    data.update({key: _clean(content.get(src)) for key, src in _S_CONTENT.items()})
    data["related_procedures"] = ""
    data["source_url"] = ""
    issues = []
    legal = [_structured_basis(row, issues) for row in tables.get("can_cu_phap_ly") or []]
    data["channels"] = [_structured_channel(row, legal, issues) for row in tables.get("hinh_thuc_nop") or []]
    data["components"] = [_structured_component(row, issues) for row in tables.get("thanh_phan_ho_so") or []]
    data["legal_bases"] = legal
    data["steps"] = parse_steps(content.get("trình_tự_thực_hiện"))
    data["raw"] = {"source": "structured", "source_file": rec.get("source_file", ""), "tables": tables}
    data["parse_issues"] = issues
    return _limit(data)


def _structured_channel(row, legal, issues):
    kind = CHANNEL_KINDS.get(row.get("hinh_thuc", "").strip())
    if kind is None:
        issues.append(f"Cách thức thực hiện: hình thức lạ '{row.get('hinh_thuc')}'")
        kind = "direct"
    dur_text = (row.get("thoi_han_giai_quyet") or "").strip()
    value, unit = parse_duration(dur_text)
    if value is not None and not unit:
        issues.append(f"Cách thức thực hiện: {kind}: thời hạn '{dur_text}' không ghi đơn vị")
    elif value is None and unit != "same_day" and dur_text and dur_text not in NO_INFO:
        issues.append(f"Cách thức thực hiện: {kind}: không đọc được thời hạn '{_clip(dur_text)}'")
    fee_text = row.get("phi_le_phi") or ""
    fees = parse_fee_lines(fee_text, strict=False)
    if fee_text.strip() and not fees:
        issues.append(f"Cách thức thực hiện: {kind}: không đọc được phí '{_clip(fee_text)}'")
    for fee in fees:
        if fee["amount"] is None:
            issues.append(f"Cách thức thực hiện: {kind}: không có số tiền bằng đồng '{_clip(fee['description'])}'")
        _complete_fee(fee, legal)
    return {
        "kind": kind,
        "duration_value": value,
        "duration_unit": unit,
        "duration_text": dur_text[:255],
        "description": (row.get("mo_ta") or "").strip(),
        "fees": fees,
    }


def _structured_component(row, issues):
    note = row.get("ghi_chu") or ""
    originals = re.search(r"Bản chính:\s*(\d+)", note)
    copies = re.search(r"Bản sao:\s*(\d+)", note)
    if not originals and not copies:
        issues.append(f"Thành phần hồ sơ: không có số bản '{_clip(row.get('ten_giay_to', ''))}'")
    rest = re.sub(r"Bản (?:chính|sao):\s*\d+", "", note).strip()
    return {
        "name": (row.get("ten_giay_to") or "").strip(),
        "originals": int(originals.group(1)) if originals else 0,
        "copies": int(copies.group(1)) if copies else 0,
        "template": "; ".join(t.strip() for t in (row.get("so_luong") or "").splitlines() if t.strip()),
        "condition": "",
        "notes": rest,
    }


def _structured_basis(row, issues):
    title = _squash(row.get("trich_yeu") or "")
    number = (row.get("so_ky_hieu") or "").strip()
    # Upstream often keeps only the leading digits ("12"); take the full number from the title when it starts so.
    if number.isdigit() or " " in number:
        # Upstream keeps only the digits ("12") or a phrase ("Thông tư số 104/2024/TT-BQP"): find the number.
        found = [m.group(1) for m in _NUMBER_RE.finditer(f"{number} {title} ")]
        same = [n for n in found if n.split("/")[0] == number]
        number = (same or [n for n in found if n in number] or [number])[0]
    issued = None
    m = re.match(r"^(\d{1,2})-(\d{1,2})-(\d{4})$", (row.get("ngay_ban_hanh") or "").strip())
    if m:
        try:
            issued = datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            issues.append(f"Căn cứ pháp lý: ngày ban hành sai '{row.get('ngay_ban_hanh')}'")
    return {
        "number": number,
        "title": title,
        "issued": issued,
        "issuer": (row.get("co_quan_ban_hanh") or "").strip() or infer_issuer(number),
    }


def merge_records(structured, dvcqg):
    """Return the record for a code present in both files: the structured tables win, blanks are filled.

    The Ministry's structured rows need no guessing, so its channels, components and legal basis are kept;
    descriptive fields it leaves empty (and the portal URL) come from the national portal, and the portal's
    raw text is kept in raw['dvcqg'] for comparison.
    """
    merged = dict(structured)
    for key in _DESCRIPTIVE:
        if not merged.get(key) and dvcqg.get(key):
            merged[key] = dvcqg[key]
    for part in ("channels", "components", "legal_bases", "steps"):
        if not merged.get(part) and dvcqg.get(part):
            merged[part] = dvcqg[part]
    merged["raw"] = {**structured["raw"], "dvcqg": dvcqg["raw"]}
    merged["parse_issues"] = structured["parse_issues"] + ["Trùng mã với Cổng DVCQG: dùng bản có cấu trúc"]
    return merged


def content_hash(data):
    """Return a stable hash of a parsed record (raw text included), used to skip unchanged re-imports."""
    payload = {k: v for k, v in data.items() if k != "raw"}
    payload["raw"] = {k: v for k, v in (data.get("raw") or {}).items() if k != "content_hash"}
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def _squash(text):
    return re.sub(r"\s+", " ", text or "").strip()


def _clip(text, n=80):
    text = _squash(text)
    return text if len(text) <= n else text[: n - 1] + "…"
