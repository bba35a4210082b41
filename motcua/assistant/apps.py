from django.apps import AppConfig


class AssistantConfig(AppConfig):
    name = "motcua.assistant"
    verbose_name = "Trợ lý ảo"

    def ready(self):
        from django.db.models.signals import post_save

        from motcua.catalogue.citizen_terms import CitizenTerm
        from motcua.catalogue.models import ProcedureVersion
        from motcua.indicators import sources

        from .receivers import term_saved, version_saved
        from .review import votes_by_agency

        post_save.connect(version_saved, sender=ProcedureVersion, dispatch_uid="assistant-embed-version")
        post_save.connect(term_saved, sender=CitizenTerm, dispatch_uid="assistant-embed-phrase")
        sources.register("assistant_votes", votes_by_agency)
