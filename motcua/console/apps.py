from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "motcua.console"
    verbose_name = "Bàn làm việc cán bộ"
