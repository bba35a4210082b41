from django.apps import AppConfig


class SyncConfig(AppConfig):
    name = "motcua.sync"
    verbose_name = "Đồng bộ với hệ thống quốc gia"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from motcua.indicators import sources

        from . import hooks, status

        hooks.connect()
        sources.register("dossier_sync", status.dossier_sync_counts)
