from django.core.management.base import BaseCommand, CommandError

from motcua.ops.backups import BackupError, restore


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu và các tệp đã tải lên từ một tệp sao lưu (thay thế toàn bộ dữ liệu hiện có)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="xác nhận thay thế dữ liệu hiện có")

    def handle(self, *args, archive, yes, **options):
        if not yes:
            raise CommandError("Khôi phục sẽ thay thế toàn bộ dữ liệu hiện có: chạy lại với --yes để xác nhận.")
        try:
            manifest = restore(archive)
        except BackupError as exc:
            raise CommandError(f"Không khôi phục được: {exc}") from exc
        self.stdout.write(f"Đã khôi phục bản sao lưu lúc {manifest['created_at']}: "
                          f"{sum(manifest['rows'].values())} dòng, {len(manifest['files'])} tệp.")
