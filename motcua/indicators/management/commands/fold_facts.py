from motcua.indicators.facts import catch_up
from motcua.lib.following import FollowingCommand
from motcua.lib.resilience import keep_going


class Command(FollowingCommand):
    help = ("Gộp các sự kiện hồ sơ mới vào dữ kiện chỉ số; với --follow thì lặp lại mỗi vài giây "
            "(chạy cùng máy chủ để trang chỉ số ít khi phải tự gộp).")
    interval, interval_help = 2.0, "số giây giữa hai lần gộp (với --follow)"

    def handle(self, *args, follow, interval, **options):
        if not follow:
            self.stdout.write(f"Đã gộp {catch_up()} sự kiện.")
            return
        keep_going(self.fold, interval=interval)  # survives a dropped database connection

    def fold(self):
        n = catch_up()
        if n:
            self.stdout.write(f"Đã gộp {n} sự kiện.")
