from django.core.management.base import BaseCommand

from motcua.office.seed import seed_office


class Command(BaseCommand):
    help = "Nạp nhóm ưu tiên, dịch vụ tiện ích và hai chương trình của thành phố (chạy lại không tạo trùng)."

    def handle(self, *args, **options):
        seed_office(stdout=self.stdout)
