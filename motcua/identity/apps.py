from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "motcua.identity"
    verbose_name = "Định danh và dữ liệu công dân"
    default_auto_field = "django.db.models.BigAutoField"
