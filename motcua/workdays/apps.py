from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "motcua.workdays"
    verbose_name = "Lịch làm việc"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import checks  # noqa: F401 - registers the system check
        from .services import clear_cache

        for model in ("OfficeHours", "CalendarOverride", "CalendarYear"):
            sender = self.get_model(model)
            post_save.connect(clear_cache, sender=sender, dispatch_uid=f"workdays-clear-{model}-save")
            post_delete.connect(clear_cache, sender=sender, dispatch_uid=f"workdays-clear-{model}-delete")
