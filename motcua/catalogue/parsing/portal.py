"""One record of the national-portal crawl (dvcqg_tthc_2642) into the create_version dict."""

import re

from .channels import parse_channels
from .components import parse_components
from .fees import fee_set_by
from .legal import parse_legal_bases
from .steps import parse_steps
from .text import NO_INFO

DESCRIPTIVE = {
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
    data = {key: clean(rec.get(src)) for key, src in DESCRIPTIVE.items()}
    data["results"] = _results(rec.get("ket_qua_xu_ly"))
    issues = []
    legal, legal_issues = parse_legal_bases(rec.get("can_cu_phap_ly"))
    context = "\n".join([rec.get("trinh_tu_thuc_hien") or "", rec.get("cach_thuc_thuc_hien") or ""])
    channels, channel_issues = parse_channels(rec.get("cach_thuc_thuc_hien"), context)
    components, component_issues = parse_components(rec.get("thanh_phan_ho_so"))
    for channel in channels:
        for fee in channel["fees"]:
            complete_fee(fee, legal)
    issues += [f"Cách thức thực hiện: {i}" for i in channel_issues]
    issues += [f"Thành phần hồ sơ: {i}" for i in component_issues]
    issues += [f"Căn cứ pháp lý: {i}" for i in legal_issues]
    data.update(channels=channels, components=components, legal_bases=legal)
    data["steps"] = parse_steps(rec.get("trinh_tu_thuc_hien"))
    data["raw"] = {"source": "dvcqg", **{k: rec.get(k) or "" for k in RAW_FIELDS}}
    data["parse_issues"] = issues
    return limit_lengths(data)


def complete_fee(fee, legal):
    text = fee.get("description", "")
    fee.setdefault("set_by", "unknown")
    if fee["kind"] != "mien_phi":
        fee["set_by"] = fee_set_by(text, legal)
    fee["appraisal"] = bool(re.search(r"thẩm định", text, re.IGNORECASE))


def _results(text):
    text = clean(text)
    text = re.sub(r"Từ khóa.*$", "", text, flags=re.DOTALL).strip()
    return re.sub(r"Mã: (KQ\.[\w.]+)", r" (mã \1)", text).strip()


def clean(value):
    value = (value or "").strip()
    return "" if value in NO_INFO else value


def limit_lengths(data):
    for key, limit in _LIMITS.items():
        data[key] = (data.get(key) or "")[:limit]
    for c in data["channels"]:
        c["duration_text"] = c["duration_text"][:255]
    for c in data["components"]:
        c["template"] = c["template"][:500]
    for b in data["legal_bases"]:
        b["number"] = b["number"][:255]
    return data
