from django.core.management.base import BaseCommand
from django.utils import timezone

from motcua.sync import status


def _when(value):
    return timezone.localtime(value).strftime("%H:%M:%S %d/%m/%Y") if value else "—"


class Command(BaseCommand):
    help = "Tồn đọng, lỗi và tỷ lệ đồng bộ với các hệ thống quốc gia."

    def handle(self, *args, **options):
        for s in status.overview():
            rate = "—" if s.sync_rate is None else f"{s.sync_rate:.2%}".replace(".", ",")
            self.stdout.write(f"{s.label} ({s.target})")
            self.stdout.write(f"  bản ghi: {s.records:,}  chờ gửi: {s.backlog:,}  đang lỗi: {s.failing:,}  "
                              f"chờ lâu nhất từ: {_when(s.oldest_pending_at)}".replace(",", "."))
            self.stdout.write(f"  đã đồng bộ đủ: {s.streams_synced:,}/{s.streams:,} ({rate})  "
                              f"gửi trong 1 giờ: {s.sent_last_hour:,}  tốc độ 10 phút gần nhất: "
                              f"{s.sent_per_minute:.1f}/phút  lần gửi cuối: {_when(s.last_sent_at)}".replace(",", "."))
            for e in s.errors[:5]:
                self.stdout.write(f"  lỗi {e['key']} (lần {e['attempts']}): {e['last_error'][:160]}")
