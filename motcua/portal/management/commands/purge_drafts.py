from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from motcua.portal.drafts import purge_drafts


class Command(BaseCommand):
    help = "Xóa tệp của các hồ sơ nộp trực tuyến bỏ dở (mặc định: quá 7 ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args, days, **options):
        removed = purge_drafts(older_than=timedelta(days=days), now=timezone.now())
        self.stdout.write(f"Đã xóa {removed} tệp nháp.")
