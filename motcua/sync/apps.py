from django.apps import AppConfig


class SyncConfig(AppConfig):
    name = "motcua.sync"
    verbose_name = "Đồng bộ với hệ thống quốc gia"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import hooks

        hooks.connect()
