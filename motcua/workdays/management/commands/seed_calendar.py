"""`manage.py seed_calendar`: create the default office hours and the verified calendar decisions (idempotent)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from motcua.workdays.models import CalendarOverride, CalendarYear, OfficeHours
from motcua.workdays.seed import seed_calendar


class Command(BaseCommand):
    help = "Nạp giờ làm việc mặc định và các điều chỉnh lịch đã xác minh (chạy lại nhiều lần không sao)."

    def handle(self, **options):
        with transaction.atomic():
            created = seed_calendar(OfficeHours, CalendarOverride, CalendarYear)
        self.stdout.write(
            f"Lịch làm việc: thêm {created['office_hours']} giờ làm việc, {created['years']} năm, "
            f"{created['overrides']} điều chỉnh."
        )
