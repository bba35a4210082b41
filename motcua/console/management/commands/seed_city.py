import csv

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from motcua.catalogue.importer import commune_codes_without_text
from motcua.catalogue.services import link_agencies
from motcua.units.models import Agency, Commune, Membership

DEMO_ADMIN = ("admin", "motcua-demo-2026")
# Demo staff accounts (fictitious people, for trying the console locally) at the first ward of the city.
DEMO_STAFF = [
    ("lan", "Nguyễn Thị", "Lan", Membership.Role.RECEPTION, "Công chức một cửa (tài khoản mẫu)"),
    ("minh", "Trần Văn", "Minh", Membership.Role.HEAD, "Lãnh đạo UBND (tài khoản mẫu)"),
    ("binh", "Lê Thị", "Bình", Membership.Role.HANDLER, "Chuyên viên (tài khoản mẫu)"),
]


class Command(BaseCommand):
    help = "Chuẩn bị một thành phố chạy được: đơn vị hành chính, lịch làm việc, thủ tục, tài khoản quản trị mẫu."

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Không tạo tài khoản và dữ liệu mô phỏng.")

    def handle(self, *args, no_demo, **options):
        call_command("import_units", stdout=self.stdout)
        call_command("seed_calendar", stdout=self.stdout)
        call_command("import_catalogue", stdout=self.stdout)
        self._link_commune_procedures()
        call_command("load_guides", stdout=self.stdout)  # the reviewed citizen layers shipped as data
        call_command("seed_office", stdout=self.stdout)  # priority groups, utility services, programmes
        call_command("embed_catalogue", stdout=self.stdout)  # the assistant's vectors, only for new versions
        if not no_demo:
            self._demo_admin()
            self._demo_staff()

    def _link_commune_procedures(self):
        path = settings.SHARED_DATA_DIR / "tthc" / "capxa_376_tthc_by_linhvuc.csv"
        with open(path, encoding="utf-8-sig", newline="") as f:
            codes = {row["ma_tthc"].strip() for row in csv.DictReader(f)}
        agencies = list(Agency.objects.filter(kind=Agency.Kind.COMMUNE_PC, province__code=settings.MOTCUA_CITY_PROVINCE_CODE))
        added = link_agencies(codes, agencies)
        self.stdout.write(f"Gắn {len(codes)} thủ tục cấp xã với {len(agencies)} UBND xã, phường ({added} liên kết mới).")
        missing = commune_codes_without_text(path)
        if missing:  # said plainly, never invented: see docs/catalogue-import.md
            self.stdout.write(f"{len(missing)} thủ tục cấp xã chưa có nội dung trong dữ liệu công khai: {', '.join(missing)}.")

    def _demo_admin(self):
        username, password = DEMO_ADMIN
        User = get_user_model()
        if not User.objects.filter(username=username).exists():
            User.objects.create_superuser(username, f"{username}@localhost", password)
        self.stdout.write(self.style.SUCCESS(
            f"Quản trị mẫu: http://127.0.0.1:8000/quan-tri/  tài khoản «{username}», mật khẩu «{password}» (chỉ dùng thử)."
        ))

    def _demo_staff(self):
        User = get_user_model()
        _, password = DEMO_ADMIN
        commune = Commune.objects.filter(province__code=settings.MOTCUA_CITY_PROVINCE_CODE).order_by("code").first()
        agency = Agency.objects.filter(commune=commune, kind=Agency.Kind.COMMUNE_PC).first()
        if agency is None:
            return
        for username, last, first, role, title in DEMO_STAFF:
            user, created = User.objects.get_or_create(username=username, defaults={"first_name": first, "last_name": last})
            if created:
                user.set_password(password)
                user.save()
            Membership.objects.get_or_create(user=user, agency=agency, role=role, defaults={"title": title})
        from motcua.office.seed import demo_office

        demo_office(agency, User.objects.filter(username__in=[u for u, *_ in DEMO_STAFF]))
        names = ", ".join(f"«{u}»" for u, *_ in DEMO_STAFF)
        self.stdout.write(f"Cán bộ mẫu tại {agency.name}: {names}, mật khẩu «{password}» — http://127.0.0.1:8000/can-bo/")
