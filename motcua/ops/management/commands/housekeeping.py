from datetime import timedelta

from django.utils import timezone

from motcua.dossiers.partitions import ensure_months
from motcua.lib.following import FollowingCommand
from motcua.lib.resilience import keep_going
from motcua.limits.services import purge_expired
from motcua.portal.drafts import purge_drafts


class Command(FollowingCommand):
    help = ("Dọn dẹp định kỳ: xóa tệp nháp của hồ sơ nộp trực tuyến bỏ dở (quá --draft-days ngày) và các bộ đếm "
            "giới hạn đã hết hạn; tạo trước các phân vùng theo tháng của bảng sự kiện hồ sơ (PostgreSQL). "
            "Với --follow thì chạy lại sau mỗi --interval giây (make run chạy sẵn).")
    interval, interval_help = 3600.0, "số giây giữa hai lần dọn"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--draft-days", type=int, default=7)

    def handle(self, *args, follow, interval, draft_days, **options):
        def sweep():
            now = timezone.now()
            drafts = purge_drafts(older_than=timedelta(days=draft_days), now=now)
            counters = purge_expired(now=now)
            months = ensure_months()
            self.stdout.write(f"Đã xóa {drafts} tệp nháp và {counters} bộ đếm hết hạn; "
                              f"tạo {len(months)} phân vùng sự kiện mới.")

        if follow:
            keep_going(sweep, interval=interval)
        else:
            sweep()
