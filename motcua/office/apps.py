from django.apps import AppConfig


class OfficeConfig(AppConfig):
    name = "motcua.office"
    verbose_name = "Bộ phận Một cửa hiện đại"
