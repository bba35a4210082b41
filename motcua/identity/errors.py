from django.utils.translation import gettext_lazy as _

from motcua.lib.errors import DomainError


class SignInFailed(DomainError):
    status = 400

    def __init__(self, detail=""):
        self.detail = detail
        super().__init__(_("Đăng nhập bằng tài khoản định danh điện tử không thành công. Vui lòng thử lại."))


class AssuranceTooLow(DomainError):
    status = 403

    def __init__(self, required):
        self.required = required
        super().__init__(_("Thủ tục này cần tài khoản định danh điện tử mức độ %(level)s.") % {"level": required})
