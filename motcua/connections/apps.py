from django.apps import AppConfig


class ConnectionsConfig(AppConfig):
    name = "motcua.connections"
    verbose_name = "Kết nối hệ thống ngoài"
    default_auto_field = "django.db.models.BigAutoField"
