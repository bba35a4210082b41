from django.apps import AppConfig


class HealthPilotConfig(AppConfig):
    name = "motcua.health_pilot"
    verbose_name = "Thí điểm hồ sơ sức khỏe điện tử"
    default_auto_field = "django.db.models.BigAutoField"
