from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the city: workers that survive a dropped database connection, housekeeping, backups."""

    name = "motcua.ops"
    verbose_name = "Vận hành"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from motcua.catalogue.signals import versions_created

        from .public_pages import catalogue_changed, data_changed

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(data_changed, dispatch_uid=f"ops.public_pages.{id(signal)}")
        versions_created.connect(catalogue_changed, dispatch_uid="ops.public_pages")
