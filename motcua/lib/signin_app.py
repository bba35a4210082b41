"""django-axes installed under a Vietnamese heading: its app config names no verbose_name, so the admin index
showed its label "Axes"."""

from axes.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignInThrottleConfig(AppConfig):
    verbose_name = _("Đăng nhập sai và tạm khóa")
