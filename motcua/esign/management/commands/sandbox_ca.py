from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.esign import credentials


class Command(BaseCommand):
    help = "Create the sandbox certification authority that signs e-results where no real CA is configured."

    def handle(self, *args, **options):
        if not settings.MOTCUA_SIGNING_SANDBOX:
            raise CommandError("MOTCUA_SIGNING_SANDBOX is off: place the real CA's root and agency certificates.")
        path = credentials.make_sandbox_root()
        self.stdout.write(f"CA mô phỏng: {path}")
