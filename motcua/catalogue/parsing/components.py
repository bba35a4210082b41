"""The flattened 'Thành phần hồ sơ' tables of the national portal: names, counts, templates, headings."""

import re

from .legal import GLUED_NUMBER_RE
from .papers import heading_condition, is_generic_heading, meaning
from .text import LOWER, NO_INFO, clip

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
        return [], [f"không tìm thấy bảng thành phần hồ sơ: '{clip(text)}'"]
    components, issues = [], []
    headings = [parts[0]] + [_split_items(part)[1] for part in parts[1:-1]]
    # Tables under several specific headings ("Đăng ký tạm trú theo danh sách, hồ sơ gồm:", "Đăng ký thường trú
    # vào chỗ ở hợp pháp do thuê, mượn, ở nhờ") are the cases of the procedure, even without "trường hợp".
    specific = {h for h in map(_clean_heading, headings) if h and not is_generic_heading(h)}
    heading = parts[0]
    for i, part in enumerate(parts[1:]):
        is_last = i == len(parts) - 2
        items, tail = _split_items(part)
        condition, notes = _heading_roles(heading, cases=len(specific) >= 2)
        for name, originals, copies in items:
            components.append(_component(name, originals, copies, condition, notes))
        if not items:
            issues.append(f"bảng thành phần hồ sơ không có dòng nào đọc được: '{clip(part)}'")
        heading = tail
        if is_last and tail.strip(" -\n\t"):
            issues.append(f"phần cuối thành phần hồ sơ không có số lượng: '{clip(tail)}'")
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
        if re.match(rf"\s[{LOWER}]", nxt) or nxt[:1] in (".", ";", ",", ":"):
            continue
        # The name often ends in digits ("Nghị định 116", "năm 2026"): the count is the last digit.
        name = part[pos : m.start()] + digits[:-1]
        originals = int(digits[-1])
        copies = int(m.group(2)) if m.group(2) else 0
        if name.strip():
            items.append((name, originals, copies))
        pos = m.end()
    return items, part[pos:]


def _clean_heading(heading):
    heading = heading.strip().strip("-").strip()
    return re.sub(r"^[*\-+•]+\s*", "", heading).strip()


def _heading_roles(heading, *, cases=False):
    """Return (condition, notes) of a table heading: a case becomes the condition of its rows."""
    heading = _clean_heading(heading)
    if not heading:
        return "", ""
    if (_CASE_RE.search(heading) or cases) and not is_generic_heading(heading):
        return heading_condition(heading), ""
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
    name = name or template
    return {
        "name": name,
        "originals": originals,
        "copies": copies,
        "template": template[:500],
        "notes": notes,
        **meaning(name, originals=originals, copies=copies, heading_condition=condition, heading_notes=notes),
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
        rf"(?<![A-ZĐ])[{LOWER}](?=[A-ZĐÂĂÊÔƠƯ])|[A-ZĐ](?=[A-ZĐ][{LOWER}]{{2}})|[{LOWER}](?=\d+-\s?[A-ZĐ])"
        rf"|\.(?=[A-ZĐ][{LOWER}])|(?<=[{LOWER}])\.(?=[A-ZĐ\d][\w.\-]*$)|(?<=[A-ZĐ])\.(?=[{LOWER}])"
    )
    strong = [m.end() for m in re.finditer(strong_re, stem) if m.end() > start]
    strong += [m.end() for m in GLUED_NUMBER_RE.finditer(stem) if m.end() > start]
    strong = sorted(g for g in strong if tail[start:g].strip(" -") and len(tail) - g <= 100)
    if strong:
        return tail[strong[0] :]
    weak = [m.end() for m in re.finditer(r"\.\s|\.(?=\d+\s*-)", stem) if m.end() > start and stem[m.end() :].strip()]
    return tail[weak[-1] :] if weak else tail[start:]
