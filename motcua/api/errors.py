from django.http import Http404
from ninja.errors import AuthenticationError, ValidationError

from motcua.lib.errors import DomainError

from .validation import describe


def install_error_handlers(api):
    """Answer every refusal as JSON {"detail": "<Vietnamese message>"} with a fitting status."""

    @api.exception_handler(DomainError)
    def domain_error(request, exc):
        return api.create_response(request, {"detail": exc.message}, status=exc.status)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return api.create_response(request, {"detail": "Cần đăng nhập hoặc khóa API hợp lệ."}, status=401)

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        message = "Dữ liệu không hợp lệ: " + describe(exc.errors)
        return api.create_response(request, {"detail": message}, status=422)
