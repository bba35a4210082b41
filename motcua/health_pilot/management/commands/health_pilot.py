from django.core.management.base import BaseCommand

from motcua.health_pilot import report, services


class Command(BaseCommand):
    help = ("Thí điểm hồ sơ sức khỏe điện tử: đánh dấu các giấy tờ lấy được từ nguồn dữ liệu y tế (--apply) "
            "và in báo cáo thí điểm.")

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="đánh dấu giấy tờ thí điểm trong danh mục")

    def handle(self, *args, apply, **options):
        if apply:
            self.stdout.write(f"Đã đánh dấu {services.apply_to_catalogue()} giấy tờ lấy từ nguồn dữ liệu y tế.")
            return
        table = report.rows()
        for r in [*table, report.totals(table)]:
            saved = "—" if r.days_saved is None else f"{r.days_saved:.1f}".replace(".", ",")
            self.stdout.write(f"{r.month:8} {r.commune[:40]:40} hồ sơ {r.dossiers:5}  dùng dữ liệu y tế {r.reused:5}  "
                              f"giấy tờ không phải nộp {r.papers_not_asked:5}  ngày tiết kiệm {saved}")
