from django.core.management.base import BaseCommand

from motcua.lib import crypto_fields


class Command(BaseCommand):
    help = ("Mã hóa lại mọi dữ liệu cá nhân (điện thoại, số giấy tờ, thư điện tử) bằng khóa mới nhất của "
            "MOTCUA_DATA_KEYS và tính lại chỉ mục băm. Chạy lại được bất cứ lúc nào: dòng đã dùng khóa mới được "
            "bỏ qua, nên một lần chạy bị ngắt sẽ tiếp tục từ chỗ dở. Xong mới được bỏ khóa cũ khỏi cấu hình.")

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, batch, **options):
        newest = crypto_fields.newest_key_id()
        total = 0
        for model in crypto_fields.models_with_encrypted_fields():
            changed = sum(n for _, n in crypto_fields.reseal(model, batch=batch))
            total += changed
            self.stdout.write(f"{model._meta.label}: mã hóa lại {changed} dòng")
        self.stdout.write(self.style.SUCCESS(f"Xong: {total} dòng; mọi dữ liệu cá nhân dùng khóa {newest}."))
