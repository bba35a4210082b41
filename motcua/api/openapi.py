"""Answers every operation may give, whatever its own: documented once for all of them in the OpenAPI."""

from ninja import NinjaAPI

ERROR = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
COMMON = {
    "400": "Dữ liệu không hợp lệ (ví dụ chứa ký tự điều khiển)",
    "401": "Cần đăng nhập",
    "403": "Không có quyền",
    "404": "Không tìm thấy",
    "422": "Dữ liệu không đúng lược đồ",
    "429": "Quá nhiều yêu cầu",
    "503": "Hệ thống đang bận, thử lại sau (kèm Retry-After)",
}


class DocumentedAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, text in COMMON.items():
                    responses.setdefault(status, {"description": text,
                                                  "content": {"application/json": {"schema": ERROR}}})
        return schema
