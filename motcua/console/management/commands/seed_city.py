import csv

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from motcua.catalogue.services import link_agencies
from motcua.units.models import Agency

DEMO_ADMIN = ("admin", "motcua-demo-2026")


class Command(BaseCommand):
    help = "Chuẩn bị một thành phố chạy được: đơn vị hành chính, lịch làm việc, thủ tục, tài khoản quản trị mẫu."

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Không tạo tài khoản và dữ liệu mô phỏng.")

    def handle(self, *args, no_demo, **options):
        call_command("import_units", stdout=self.stdout)
        call_command("seed_calendar", stdout=self.stdout)
        call_command("import_catalogue", stdout=self.stdout)
        self._link_commune_procedures()
        if not no_demo:
            self._demo_admin()

    def _link_commune_procedures(self):
        path = settings.SHARED_DATA_DIR / "tthc" / "capxa_376_tthc_by_linhvuc.csv"
        with open(path, encoding="utf-8-sig", newline="") as f:
            codes = {row["ma_tthc"].strip() for row in csv.DictReader(f)}
        agencies = list(Agency.objects.filter(kind=Agency.Kind.COMMUNE_PC, province__code=settings.MOTCUA_CITY_PROVINCE_CODE))
        added = link_agencies(codes, agencies)
        self.stdout.write(f"Gắn {len(codes)} thủ tục cấp xã với {len(agencies)} UBND xã, phường ({added} liên kết mới).")

    def _demo_admin(self):
        username, password = DEMO_ADMIN
        User = get_user_model()
        if not User.objects.filter(username=username).exists():
            User.objects.create_superuser(username, f"{username}@localhost", password)
        self.stdout.write(self.style.SUCCESS(
            f"Quản trị mẫu: http://127.0.0.1:8000/quan-tri/  tài khoản «{username}», mật khẩu «{password}» (chỉ dùng thử)."
        ))
