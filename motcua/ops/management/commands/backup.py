from django.conf import settings
from django.core.management.base import BaseCommand

from motcua.ops.backups import backup
from motcua.ops.backups import prune as prune_archives


class Command(BaseCommand):
    help = ("Sao lưu cơ sở dữ liệu và các tệp đã tải lên vào một tệp nén (var/backups mặc định); "
            "--prune giữ bản mới nhất của 14 ngày và 12 tháng gần nhất (docs/backups.md).")

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(settings.VAR_DIR / "backups"))
        parser.add_argument("--prune", action="store_true")

    def handle(self, *args, output, prune, **options):
        archive = backup(output)
        self.stdout.write(f"Đã sao lưu: {archive}")
        if prune:
            for path in prune_archives(output):
                self.stdout.write(f"Đã xóa bản cũ: {path}")
