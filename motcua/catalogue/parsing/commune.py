"""One commune-level record in the portal's structured form (capxa_structured.json.gz) into the create_version dict.

The portal's own export: channels, papers and legal bases are already rows (`cach_thuc_thuc_hien[]`, `tphs[]`,
`ccpl[]`), so they are only normalised. A paper's `ban_chinh`/`ban_sao` say whether an original or a copy is
asked, not how many: they become a count of 1. `bm_dien_tu` = "Có" means the portal has an electronic form for it.
"""

import datetime
import re

from .channels import channel, kind_of
from .durations import UNITS, infer_limit
from .fees import parse_fee_lines
from .legal import infer_issuer
from .papers import meaning
from .portal import DESCRIPTIVE, clean, complete_fee, limit_lengths
from .steps import parse_steps
from .text import clip, squash

__all__ = ["parse_commune_record", "CHANNELS"]

CHANNELS = {"Trực tiếp": "direct", "Trực tuyến": "online", "Bưu chính": "postal", "Dịch vụ bưu chính": "postal"}
# The portal's field names (portal.DESCRIPTIVE) but for three; the commune records list no related procedures.
_FIELDS = {key: src for key, src in DESCRIPTIVE.items() if key != "related_procedures"} | {
    "name": "ten_tthc",
    "kind": "loai_tthc",
    "source_url": "link_truy_cap",
}
_DURATION_RE = re.compile(rf"^\s*(\d+(?:[.,]\d+)?)\s*({'|'.join(UNITS)})\s*$", re.IGNORECASE)
_FORM_KINDS = ("Tờ khai", "Đơn yêu cầu")


def parse_commune_record(rec):
    """Return the create_version dict for one record of capxa_structured.json.gz, with 'raw' and 'parse_issues'."""
    data = {key: clean(rec.get(src)) for key, src in _FIELDS.items()}
    data["related_procedures"] = ""
    data["results"] = "; ".join(r["ten_ket_qua"].strip() for r in rec.get("kqth") or [] if r.get("ten_ket_qua"))
    issues = []
    steps = _steps(rec.get("trinh_tu_thuc_hien") or [])
    legal = [_basis(row, issues) for row in rec.get("ccpl") or []]
    data["channels"] = [_channel(row, legal, "\n".join(steps), issues) for row in rec.get("cach_thuc_thuc_hien") or []]
    data["components"] = [_component(row) for row in rec.get("tphs") or []]
    if not data["components"]:
        issues.append("Thành phần hồ sơ: không có thành phần hồ sơ")
    data["legal_bases"] = legal
    data["steps"] = steps
    data["raw"] = {"source": "commune", "record": rec}
    data["parse_issues"] = issues
    return limit_lengths(data)


def _steps(rows):
    steps = []
    for row in rows:
        text = (row.get("mo_ta_chi_tiet") or "").strip()
        case = (row.get("truong_hop_xu_ly") or "").strip()
        parts = parse_steps(text) if len(rows) == 1 else [text]
        steps += [f"{case}: {p}" if case else p for p in parts if p]
    return steps


def _channel(row, legal, steps_text, issues):
    kind = kind_of((row.get("hinh_thuc_nop") or "").strip(), CHANNELS, issues)
    dur_text = (row.get("thoi_gian") or "").strip()
    description = (row.get("mo_ta") or "").strip()
    value, unit, evidence = _duration(dur_text, description, steps_text)
    if value is not None and not unit:
        issues.append(f"Cách thức thực hiện: {kind}: thời hạn '{dur_text}' không ghi đơn vị")
    elif value is None and unit != "same_day":
        issues.append(f"Cách thức thực hiện: {kind}: thời hạn '{clip(description or dur_text or 'trống')}' không đọc được")
    if dur_text.startswith("Khác") and description:
        dur_text = description  # "Khác": the limit is written in the description ("02 tháng và 15 ngày làm việc")
    fees = [_free_if_zero(f) for f in parse_fee_lines(row.get("phi_le_phi") or "")]
    for fee in fees:
        complete_fee(fee, legal)
    return channel(kind, duration=(value, unit, evidence), dur_text=dur_text, description=description, fees=fees)


def _duration(text, description, steps_text):
    """Return (value, unit, evidence) of '10 ngày làm việc', '12 giờ'; a bare number ('1 Khác') takes the unit of
    the record's own words (durations.infer_limit) or none."""
    m = _DURATION_RE.match(text)
    if m:
        return m.group(1).replace(",", "."), UNITS[m.group(2).lower()], ""
    bare = re.match(r"^(\d+)\s*(?:Khác)?$", text)
    if not bare:
        return None, "", ""
    return infer_limit(bare.group(1), description, steps_text)


def _free_if_zero(fee):
    """'Phí: 0 VNĐ' is the portal's way of saying nothing is charged."""
    if fee["amount"] == 0:
        return {**fee, "kind": "mien_phi"}
    return fee


def _component(row):
    name = squash(row.get("ten_giay_to") or "")
    counts = {"originals": int(bool(row.get("ban_chinh"))), "copies": int(bool(row.get("ban_sao")))}
    form = (row.get("bm_dien_tu") or "").strip() == "Có" or (row.get("loai_giay_to") or "").strip() in _FORM_KINDS
    return {
        "name": name,
        **counts,
        "template": "",
        "notes": "",
        **meaning(name, **counts, counted=bool(counts["originals"] or counts["copies"]), form_hint=form),
    }


def _basis(row, issues):
    number = (row.get("so_ky_hieu") or "").strip()
    issued = None
    raw_date = (row.get("ngay_ban_hanh") or "").strip()
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", raw_date)
    if m:
        try:
            issued = datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            issues.append(f"Căn cứ pháp lý: ngày ban hành sai '{raw_date}'")
    return {
        "number": number,
        "title": squash(row.get("trich_yeu") or ""),
        "issued": issued,
        "issuer": (row.get("co_quan_ban_hanh") or "").strip() or infer_issuer(number),
    }
