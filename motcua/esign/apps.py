from django.apps import AppConfig


class EsignConfig(AppConfig):
    name = "motcua.esign"
    verbose_name = "Ký số"
