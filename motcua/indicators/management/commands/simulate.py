import time

from django.core.management.base import BaseCommand

from motcua.indicators.simulation import Params, clear_synthetic, simulate


class Command(BaseCommand):
    help = "Sinh dữ liệu mô phỏng (hồ sơ, sự kiện, đánh giá, phản ánh) cho một thành phố; mọi bản ghi được đánh dấu mô phỏng."

    def add_arguments(self, parser):
        parser.add_argument("--city", default="hanoi")
        parser.add_argument("--days", type=int, default=30)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--per-10k", type=float, default=0.3,
                            help="Số hồ sơ mỗi ngày trên 10.000 dân tại UBND xã, phường (giả định).")
        parser.add_argument("--max-dossiers", type=int, default=None)
        parser.add_argument("--keep", action="store_true", help="Giữ dữ liệu mô phỏng cũ (mặc định: thay thế).")
        parser.add_argument("--clear", action="store_true", help="Chỉ xóa dữ liệu mô phỏng.")

    def handle(self, *args, city, days, seed, per_10k, max_dossiers, keep, clear, **options):
        started = time.perf_counter()
        if clear:
            clear_synthetic()
            self.stdout.write("Đã xóa dữ liệu mô phỏng.")
            return
        params = Params(days=days, seed=seed, per_10k=per_10k, max_dossiers=max_dossiers)
        simulate(city=city, params=params, replace=not keep, log=self.stdout.write)
        self.stdout.write(f"Xong sau {time.perf_counter() - started:.1f} giây.")
