"""One Ministry of Defence record (bqp_tthc_207_structured, tables already rows) into the create_version dict."""

import datetime
import re

from .channels import CHANNEL_KINDS, channel, kind_of
from .durations import infer_limit, parse_duration
from .fees import parse_fee_lines
from .legal import NUMBER_RE, infer_issuer
from .papers import meaning
from .portal import clean, complete_fee, limit_lengths
from .steps import parse_steps
from .text import NO_INFO, clip, squash

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
    data = {key: clean(meta.get(src)) for key, src in _S_META.items()}
    data.update({key: clean(content.get(src)) for key, src in _S_CONTENT.items()})
    data["related_procedures"] = ""
    data["source_url"] = ""
    issues = []
    legal = [_structured_basis(row, issues) for row in tables.get("can_cu_phap_ly") or []]
    steps_text = content.get("trình_tự_thực_hiện") or ""
    data["channels"] = [
        _structured_channel(row, legal, issues, steps_text) for row in tables.get("hinh_thuc_nop") or []
    ]
    data["components"] = [_structured_component(row, issues) for row in tables.get("thanh_phan_ho_so") or []]
    data["legal_bases"] = legal
    data["steps"] = parse_steps(content.get("trình_tự_thực_hiện"))
    data["raw"] = {"source": "structured", "source_file": rec.get("source_file", ""), "tables": tables}
    data["parse_issues"] = issues
    return limit_lengths(data)


def _structured_channel(row, legal, issues, steps_text=""):
    kind = kind_of(row.get("hinh_thuc", "").strip(), CHANNEL_KINDS, issues)
    dur_text = (row.get("thoi_han_giai_quyet") or "").strip()
    value, unit = parse_duration(dur_text)
    evidence = ""
    if value is not None and not unit:
        value, unit, evidence = infer_limit(value, row.get("mo_ta") or "", steps_text)
    if value is not None and not unit:
        issues.append(f"Cách thức thực hiện: {kind}: thời hạn '{dur_text}' không ghi đơn vị")
    elif value is None and unit != "same_day" and dur_text and dur_text not in NO_INFO:
        issues.append(f"Cách thức thực hiện: {kind}: không đọc được thời hạn '{clip(dur_text)}'")
    fee_text = row.get("phi_le_phi") or ""
    fees = parse_fee_lines(fee_text, strict=False)
    if fee_text.strip() and not fees:
        issues.append(f"Cách thức thực hiện: {kind}: không đọc được phí '{clip(fee_text)}'")
    for fee in fees:
        if fee["amount"] is None:
            issues.append(f"Cách thức thực hiện: {kind}: không có số tiền bằng đồng '{clip(fee['description'])}'")
        complete_fee(fee, legal)
    return channel(kind, duration=(value, unit, evidence), dur_text=dur_text,
                   description=(row.get("mo_ta") or "").strip(), fees=fees)


def _structured_component(row, issues):
    note = row.get("ghi_chu") or ""
    originals = re.search(r"Bản chính:\s*(\d+)", note)
    copies = re.search(r"Bản sao:\s*(\d+)", note)
    if not originals and not copies:
        issues.append(f"Thành phần hồ sơ: không có số bản '{clip(row.get('ten_giay_to', ''))}'")
    rest = re.sub(r"Bản (?:chính|sao):\s*\d+", "", note).strip()
    name = (row.get("ten_giay_to") or "").strip()
    counts = {"originals": int(originals.group(1)) if originals else 0, "copies": int(copies.group(1)) if copies else 0}
    return {
        "name": name,
        **counts,
        "template": "; ".join(t.strip() for t in (row.get("so_luong") or "").splitlines() if t.strip()),
        "notes": rest,
        **meaning(name, **counts, counted=bool(originals or copies)),
    }


def _structured_basis(row, issues):
    title = squash(row.get("trich_yeu") or "")
    number = (row.get("so_ky_hieu") or "").strip()
    # Upstream often keeps only the leading digits ("12"); take the full number from the title when it starts so.
    if number.isdigit() or " " in number:
        # Upstream keeps only the digits ("12") or a phrase ("Thông tư số 104/2024/TT-BQP"): find the number.
        found = [m.group(1) for m in NUMBER_RE.finditer(f"{number} {title} ")]
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
