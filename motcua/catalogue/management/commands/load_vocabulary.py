from django.core.management.base import BaseCommand

from ...vocabulary import SEED_FILE, load_seed


class Command(BaseCommand):
    help = "Nạp lại tệp từ ngữ của người dân (chỉ cập nhật các mục từ tệp khởi tạo; mục do cán bộ thêm được giữ nguyên)."

    def handle(self, *args, **options):
        n = load_seed()
        self.stdout.write(
            f"Đã đọc {n['lines']} dòng của {SEED_FILE.name}: thêm mới {n['created']}, cập nhật {n['changed']}, "
            f"giữ nguyên {n['unchanged']}, bỏ qua {n['staff']} (cụm từ do cán bộ thêm); ngừng dùng {n['retired']} mục "
            "không còn trong tệp."
        )
