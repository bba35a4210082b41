import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from motcua.indicators.facts import catch_up


class Command(BaseCommand):
    help = ("Gộp các sự kiện hồ sơ mới vào dữ kiện chỉ số; với --follow thì lặp lại mỗi vài giây "
            "(chạy cùng máy chủ để trang chỉ số ít khi phải tự gộp).")

    def add_arguments(self, parser):
        parser.add_argument("--follow", action="store_true", help="chạy liên tục")
        parser.add_argument("--interval", type=float, default=2.0, help="số giây giữa hai lần gộp (với --follow)")

    def handle(self, *args, follow, interval, **options):
        while True:
            n = catch_up()
            if n or not follow:
                self.stdout.write(f"Đã gộp {n} sự kiện.")
            if not follow:
                return
            close_old_connections()
            time.sleep(interval)
