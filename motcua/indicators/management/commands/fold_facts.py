from django.core.management.base import BaseCommand

from motcua.indicators.facts import catch_up
from motcua.lib.resilience import keep_going


class Command(BaseCommand):
    help = ("Gộp các sự kiện hồ sơ mới vào dữ kiện chỉ số; với --follow thì lặp lại mỗi vài giây "
            "(chạy cùng máy chủ để trang chỉ số ít khi phải tự gộp).")

    def add_arguments(self, parser):
        parser.add_argument("--follow", action="store_true", help="chạy liên tục")
        parser.add_argument("--interval", type=float, default=2.0, help="số giây giữa hai lần gộp (với --follow)")

    def handle(self, *args, follow, interval, **options):
        if not follow:
            self.stdout.write(f"Đã gộp {catch_up()} sự kiện.")
            return
        keep_going(self.fold, interval=interval)  # survives a dropped database connection

    def fold(self):
        n = catch_up()
        if n:
            self.stdout.write(f"Đã gộp {n} sự kiện.")
