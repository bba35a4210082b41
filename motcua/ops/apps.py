from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the city: workers that survive a dropped database connection, housekeeping, backups."""

    name = "motcua.ops"
    verbose_name = "Vận hành"
