from motcua.connections import registry
from motcua.lib.following import FollowingCommand
from motcua.sync import sender
from motcua.sync.models import Target


class Command(FollowingCommand):
    help = ("Gửi các bản ghi đồng bộ chưa gửi tới Cổng DVCQG và hệ thống PAKN quốc gia; với --follow thì chạy "
            "liên tục (make run khởi động sẵn).")
    interval, interval_help = 1.0, "số giây nghỉ khi không có gì để gửi"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--target", choices=Target.values, action="append", help="chỉ gửi tới hệ thống này")
        parser.add_argument("--batch", type=int, default=sender.BATCH)

    def handle(self, *args, follow, interval, target, batch, **options):
        targets = target or list(Target.values)
        if follow:
            sender.follow(targets, interval=interval, batch=batch, out=self.stdout.write)
            return
        for t in targets:
            r = sender.drain(t, registry.adapter(t), batch=batch)
            self.stdout.write(f"{t}: đã gửi {r.sent} (trùng {r.duplicates}), lỗi {r.failed}"
                              + (", không kết nối được" if r.unreachable else ""))
