"""Records from several sources: merging a code present in two files, hashing for idempotent imports."""

import hashlib
import json

from .portal import DESCRIPTIVE


def merge_records(structured, dvcqg):
    """Return the record for a code present in both files: the structured tables win, blanks are filled.

    The Ministry's structured rows need no guessing, so its channels, components and legal basis are kept;
    descriptive fields it leaves empty (and the portal URL) come from the national portal, and the portal's
    raw text is kept in raw['dvcqg'] for comparison.
    """
    merged = dict(structured)
    for key in DESCRIPTIVE:
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
