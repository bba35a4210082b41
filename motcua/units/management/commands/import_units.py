from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.units.importer import import_units, seed_city_agencies


class Command(BaseCommand):
    help = "Nạp 34 tỉnh, 3.321 xã/phường và các cơ quan của thành phố mặc định từ dữ liệu công khai."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", default=settings.SHARED_DATA_DIR / "admin_units")

    def handle(self, *args, data_dir, **options):
        from pathlib import Path

        try:
            provinces, communes, with_population = import_units(Path(data_dir))
        except (FileNotFoundError, KeyError, ValueError) as exc:
            raise CommandError(f"Không nạp được đơn vị hành chính từ {data_dir}: {exc}") from exc
        seed_city_agencies(settings.MOTCUA_CITY_PROVINCE_CODE)
        self.stdout.write(f"{provinces} tỉnh, {communes} xã/phường ({with_population} có số dân).")
