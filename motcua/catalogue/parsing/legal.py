"""The flattened 'Căn cứ pháp lý' table: document numbers, titles, issue dates, issuers."""

import datetime
import re

from .text import LOWER, NO_INFO, UPPER, clip, squash

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
GLUED_NUMBER_RE = re.compile(rf"\d{{4}}/(?:{'|'.join(_KNOWN_PARTS)})-(?:{'|'.join(_KNOWN_PARTS)})(?=[A-ZĐÀ-Ỹ])")


# A part followed by "-" is complete whatever it is ("NQLT-CP-..."); the last one is known or stands alone.
_PART = (
    rf"(?:[{UPPER}]+\d{{0,2}}(?=-)|UBTVQH\d{{2}}|QH\d{{2}}|{'|'.join(_KNOWN_PARTS)}|[{UPPER}]+(?![{UPPER}{LOWER}]))"
)
_NUMBER_BODY = rf"\d+(?:\.\d+)?(?:/\d{{4}})?(?:/{_PART}(?:-{_PART})*)+|\d+/\d{{4}}(?=$)|\d+-CP(?=$)"
# A number cell may be followed by a title starting in lower case ("…/NĐ-CPsửa đổi…") but not by words that
# continue a citation inside a title ("…/TT-BCAngày 01/7/2025" is a missing space, not a new cell).
_NUMBER_END = rf"(?!-)(?![{LOWER}])|(?<=[A-ZĐ0-9])(?=(?!ngày|của|về|và|năm|tại|đã|được|do|có)[{LOWER}]{{2}})"
NUMBER_RE = re.compile(rf"(?<![\d/])(?<!\d\.)({_NUMBER_BODY})(?:{_NUMBER_END})")
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
    rf"(?<=[{LOWER}{UPPER}.;)])(?:(?:Luật|Luất|Bộ luật|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|Quyết định|Pháp lệnh)"
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
        # A number glued to the last word of a title ("…của Bộ Tư pháp18/2026/NĐ-CP Nghị định…") ends its cell even
        # when a stray space follows: a number cited inside a title has "số" or a space before it.
        glued_to_title = before.isalpha() and nxt.isspace()
        if nxt and (nxt.isspace() or nxt in ",;.)") and not (before in (";", ".") and cited) and not glued_to_title:
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
        issues.append(f"căn cứ pháp lý không có số hiệu: '{clip(tail)}'")
        bases.append({"number": "", "title": tail})
    for b in bases:
        b["title"] = squash(b["title"])
        b["issued"] = issued_date(b["number"], b["title"]) if b["number"] else None
        b["issuer"] = infer_issuer(b["number"])
    if not bases:
        issues.append(f"không đọc được căn cứ pháp lý: '{clip(body)}'")
    return bases, issues
