from django.core.management.base import BaseCommand
from django.utils import timezone

from motcua.guides.loading import load_layers


class Command(BaseCommand):
    help = "Nạp các hướng dẫn đã duyệt (guides/data/layers.json) cho các thủ tục đã có trong danh mục."

    def handle(self, *args, **options):
        result = load_layers(at=timezone.now())
        self.stdout.write(f"Hướng dẫn cho người dân: {len(result.loaded)} bản mới, {len(result.unchanged)} không đổi, "
                          f"{len(result.skipped)} bỏ qua.")
        for code, reason in result.skipped:
            self.stdout.write(f"  bỏ qua {code}: {reason}")
