from django.apps import AppConfig


class AssistantConfig(AppConfig):
    name = "motcua.assistant"
    verbose_name = "Trợ lý ảo"

    def ready(self):
        from django.db.models.signals import post_save

        from motcua.catalogue.models import ProcedureVersion

        from .receivers import version_saved

        post_save.connect(version_saved, sender=ProcedureVersion, dispatch_uid="assistant-embed-version")
