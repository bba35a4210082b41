from django.core.management.base import BaseCommand

from ...vocabulary import SEED_FILE, load_seed


class Command(BaseCommand):
    help = "Nạp lại tệp từ ngữ của người dân (chỉ cập nhật các mục từ tệp khởi tạo; mục do cán bộ thêm được giữ nguyên)."

    def handle(self, *args, **options):
        n = load_seed()
        self.stdout.write(f"Đã nạp {n} mục từ {SEED_FILE.name}.")
