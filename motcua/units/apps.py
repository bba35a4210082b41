from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "motcua.units"
    verbose_name = "Đơn vị hành chính và cơ quan"
