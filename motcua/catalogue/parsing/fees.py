"""Fee cells and fee lines: amounts, kinds (phí, lệ phí), who sets them."""

import re

from .text import LOWER, NO_INFO, paren_after, squash

_AMOUNT_RE = re.compile(r"^\d{1,3}(?:([.,])\d{3})?(?:\1\d{3})*$|^\d+$")


def parse_amount(text):
    """Return the integer amount of '2,500,000', '8.000' or '15000000', or None if it is not a plain amount."""
    text = (text or "").strip()
    if not _AMOUNT_RE.match(text):
        return None
    return int(re.sub(r"[.,]", "", text))


# fees

CURRENCY = r"(?:Việt Nam Đồng|VNĐ|VND|Đồng|đồng|USD)"
_FEE_HEAD_RE = re.compile(rf"(?:Miễn phí|Không có thông tin|Không quy định|\d[\d.,]*\s*{CURRENCY})")
_FEE_LINE_RE = re.compile(
    rf"(?<![{LOWER}])(Lệ phí|Phí|lệ phí|phí)\s*:\s*(\d[\d.,]*|Không|không|0)?\s*({CURRENCY})",
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
            desc = paren_after(text, m.end())
            consumed = m.end() + len(desc) + 2 if desc else m.end()
            items.append(_fee_item(m.group(1), m.group(2), m.group(3), desc))
        return items
    labels = list(re.finditer(r"(?:^|\n)\s*(Lệ phí|Phí)\s*:", text))
    items = []
    for i, m in enumerate(labels):
        segment = text[m.end() : labels[i + 1].start() if i + 1 < len(labels) else len(text)].strip()
        amount = re.match(rf"^(\d[\d.,]*|[Kk]hông|o)?\s*({CURRENCY})?\s*", segment)
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
        "description": squash(f"{label} : {number} {currency} {f'({desc.strip()})' if desc.strip() else ''}"),
    }


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
        return [{"amount": 0, "kind": "mien_phi", "description": squash(paren)}], issues
    m = re.match(rf"^(\d[\d.,]*)\s*({CURRENCY})$", head)
    amount = parse_amount(m.group(1)) if m else None
    if m and m.group(2) == "USD":
        issues.append(f"phí tính bằng USD ({head}), không quy ra đồng")
        amount = None
    elif amount is None:
        issues.append(f"không đọc được số tiền '{head}'")
    elif amount < 1000 and amount * 1000 in mentioned_amounts(paren):
        issues.append(f"cột phí ghi '{head}', phần chi tiết ghi {amount * 1000:,} đồng: lấy theo chi tiết (nghìn đồng)")
        amount *= 1000
    elif 0 < amount < 1000:
        # No fee is below 1.000 đ: the column was filled in thousands of đồng or in USD ("155 VNĐ (155 USD/thẻ)").
        issues.append(f"cột phí ghi '{head}' (dưới 1.000 đồng), không rõ đơn vị: để trống số tiền")
        amount = None
    if any(line["amount"] == amount and amount is not None for line in lines):
        return lines, issues
    kind = fee_kind(paren)
    return [
        {"amount": amount, "kind": kind, "description": squash(f"{head} {f'({paren})' if paren else ''}")}
    ] + lines, issues


def mentioned_amounts(text):
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
        return [{"amount": None, "kind": fee_kind(clause.group(1)), "description": squash(paren)}]
    if _RATE_BY_RE.search(text):
        return [
            {
                "amount": None,
                "kind": fee_kind(_RATE_BY_RE.search(text).group(0)),
                "description": squash(paren or description),
            }
        ]
    return [line for line in parse_fee_lines(description, strict=False) if line["amount"] is None][:5]


def fee_kind(text):
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
