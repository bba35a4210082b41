from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "motcua.indicators"
    verbose_name = "Chỉ số"

    def ready(self):
        from django.db.models.signals import post_save

        from motcua.dossiers.models import DossierEvent

        from . import facts

        post_save.connect(facts.on_event_saved, sender=DossierEvent, dispatch_uid="indicators_facts")
