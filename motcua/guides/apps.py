from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "motcua.guides"
    verbose_name = "Hướng dẫn cho người dân"

    def ready(self):
        from motcua.catalogue.signals import versions_created

        from . import receivers

        versions_created.connect(receivers.check_sources, dispatch_uid="guides.check_sources")
