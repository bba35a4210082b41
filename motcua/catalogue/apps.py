from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "motcua.catalogue"
    verbose_name = "Thủ tục hành chính"
