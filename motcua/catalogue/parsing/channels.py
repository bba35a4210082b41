"""The flattened 'Cách thức thực hiện' table of the national portal: channels, durations, fees."""

import re

from .durations import UNIT_PATTERN, infer_limit, parse_duration, same_number
from .fees import CURRENCY, fee_kind, mentioned_amounts, parse_amount, parse_fee_cell, parse_fee_lines
from .text import NO_INFO, balanced_end, clip, squash

CHANNEL_KINDS = {"Trực tiếp": "direct", "Trực tuyến": "online", "Dịch vụ bưu chính": "postal"}
_CHANNEL_NAMES = "|".join(CHANNEL_KINDS)
_ROW_RE = re.compile(
    rf"({_CHANNEL_NAMES})"
    rf"(?=(\d+(?:[.,]\d+)?\s*{UNIT_PATTERN}|\d+\s*-\s*\d+(?:\s*{UNIT_PATTERN})?|\d+|Không có thông tin|Không quy định|Trong ngày|"
    rf"[^\d\n()]{{3,60}}?|)"
    rf"(Miễn phí|Không có thông tin|Không quy định|\d[\d.,]*\s*{CURRENCY}))"
)
_TABLE_HEAD = "Hình thức nộpThời gianPhí, lệ phíMô tả"
# Fallback when no row reads strictly: a long free-text duration ("Kết thúc trước khi tàu cập cảng ...").
_LOOSE_ROW_RE = re.compile(
    rf"({_CHANNEL_NAMES})(?=([^()]{{1,300}}?)(Miễn phí|Không có thông tin|Không quy định|\d[\d.,]*\s*{CURRENCY}))"
)


def kind_of(name, kinds, issues):
    """The channel kind `kinds` gives `name`; an unknown name is noted in `issues` and read as at the counter."""
    kind = kinds.get(name)
    if kind is None:
        issues.append(f"Cách thức thực hiện: hình thức lạ '{name}'")
        kind = "direct"
    return kind


def channel(kind, *, duration, dur_text, description, fees):
    """One channel of the create_version dict; `duration` is (value, unit, evidence)."""
    value, unit, evidence = duration
    return {"kind": kind, "duration_value": value, "duration_unit": unit, "duration_text": dur_text[:255],
            "duration_evidence": evidence, "description": description, "fees": fees}


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
        return [], [f"không tách được cách thức thực hiện: '{clip(body)}'"]
    if starts[0].start() > 0:
        issues.append(f"bỏ qua phần đầu không thuộc hàng nào: '{clip(body[: starts[0].start()])}'")
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
        end = balanced_end(after, 0)
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
        row["duration_evidence"] = ""
        if value is not None and not unit:
            unit, evidence = _sibling_unit(rows, value)
            if not unit:
                stated = value
                value, unit, evidence = infer_limit(value, row["description"], paren, context)
                if value != stated:
                    issues.append(f"{row['kind']}: bảng ghi '{dur_text}' không đơn vị, câu của hồ sơ ghi {value} "
                                  f"{unit}: lấy theo câu")
            row["duration_evidence"] = evidence[:1000]
            if not unit:
                issues.append(f"{row['kind']}: thời hạn '{dur_text}' không ghi đơn vị")
        elif value is None and unit != "same_day" and dur_text not in NO_INFO and dur_text:
            issues.append(f"{row['kind']}: không đọc được thời hạn '{clip(dur_text)}'")
        row["duration_value"], row["duration_unit"] = value, unit
        if head is None:  # amount lost in an ambiguous run: keep the item, without amount
            fees = [{"amount": None, "kind": fee_kind(paren), "description": squash(f"({paren})" if paren else "")}]
            fees += parse_fee_lines(paren) + parse_fee_lines(row["description"])
            fee_issues = []
        else:
            fees, fee_issues = parse_fee_cell(head, paren, row["description"])
        issues.extend(f"{row['kind']}: {i}" for i in fee_issues)
        row["fees"] = fees


def _sibling_unit(rows, value):
    """Return (unit, evidence) when the other rows of the same table give one unit (to `value` or to any number)."""
    units = {}
    for r in rows:
        if r.get("duration_value") is not None and r.get("duration_unit"):
            units.setdefault(r["duration_unit"], r.get("duration_evidence") or _table_cell(r))
        stated_value, stated_unit = parse_duration(r["duration_text"])
        if stated_unit and same_number(stated_value or "x", value):
            units.setdefault(stated_unit, _table_cell(r))
    return next(iter(units.items())) if len(units) == 1 else ("", "")


def _table_cell(row):
    name = next(name for name, kind in CHANNEL_KINDS.items() if kind == row["kind"])
    return f"Cách thức thực hiện: {name} {row['duration_text']}"


def _split_run(run, paren, rows, issues, kind):
    """Split 'DURATION+AMOUNT CURRENCY' written together ('1100 VNĐ') when only one split makes sense.

    A split is acceptable when the amount is a well-formed number; ties are broken by an amount repeated in
    the fee detail ('100.000 đồng/lần'). Ambiguous runs keep neither value and are reported.
    """
    m = re.match(rf"^(\d[\d.,]*)\s*({CURRENCY})$", run)
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
    mentioned = mentioned_amounts(paren)
    chosen = [o for o in options if o[2] > 0 and o[2] in mentioned]
    chosen = chosen or [o for o in options if 0 < o[2] < 1000 and o[2] * 1000 in mentioned]
    if len(chosen) == 1:
        dur, amount_text, _ = chosen[0]
        issues.append(f"{kind}: thời hạn và phí viết liền '{run}', tách theo số tiền ở phần chi tiết")
        return dur, f"{amount_text} {currency}"
    issues.append(f"{kind}: thời hạn và phí viết liền '{run}', không tách được chắc chắn")
    return "", None
