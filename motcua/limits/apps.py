from django.apps import AppConfig


class LimitsConfig(AppConfig):
    name = "motcua.limits"
    verbose_name = "Giới hạn truy cập"
