import time

from django.core.management.base import BaseCommand

from motcua.indicators.facts import rebuild


class Command(BaseCommand):
    help = "Tính lại toàn bộ dữ kiện chỉ số từ các sự kiện hồ sơ (cho kết quả giống cập nhật tăng dần)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=5000, help="hồ sơ mỗi lô (theo khoảng mã số)")
        parser.add_argument("--workers", type=int, default=1, help="số tiến trình gộp sự kiện (PostgreSQL)")

    def handle(self, *args, batch, workers, **options):
        started = time.perf_counter()
        n = rebuild(batch=batch, workers=workers)
        took = time.perf_counter() - started
        self.stdout.write(f"Đã tính lại {n} hồ sơ trong {took:.1f} giây ({n / took if took else 0:.0f} hồ sơ/giây).")
