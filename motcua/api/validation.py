"""Pydantic's validation errors told in Vietnamese: which field, and what is wrong with it."""

REASONS = {
    "missing": "bắt buộc",
    "string_too_long": "dài quá {max_length} ký tự",
    "string_too_short": "không được để trống",
    "too_long": "nhiều quá {max_length} mục",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "greater_than": "phải lớn hơn {gt}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "less_than": "phải nhỏ hơn {lt}",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "bool_parsing": "phải là true hoặc false",
    "bool_type": "phải là true hoặc false",
    "string_type": "phải là chuỗi ký tự",
    "list_type": "phải là danh sách",
    "model_type": "phải là một đối tượng JSON",
    "dict_type": "phải là một đối tượng JSON",
    "literal_error": "chỉ nhận: {expected}",
    "enum": "chỉ nhận: {expected}",
    "datetime_parsing": "phải là thời điểm ISO 8601, ví dụ 2026-12-14T16:00:00+07:00",
    "datetime_from_date_parsing": "phải là thời điểm ISO 8601, ví dụ 2026-12-14T16:00:00+07:00",
    "datetime_type": "phải là thời điểm ISO 8601",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "json_invalid": "không đọc được JSON",
}


def describe(errors):
    """'applicant.name: dài quá 255 ký tự; components.0.copies: phải nhỏ hơn hoặc bằng 99'."""
    parts = []
    for error in errors:
        loc = [str(p) for p in error.get("loc", ()) if p not in ("body", "payload", "query", "path")]
        template = REASONS.get(error.get("type", ""), "không hợp lệ")
        try:
            reason = template.format(**(error.get("ctx") or {}))
        except (KeyError, IndexError):
            reason = "không hợp lệ"
        parts.append(f"{'.'.join(loc) or 'dữ liệu'}: {reason}")
    return "; ".join(dict.fromkeys(parts))
