import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from motcua.portal.apply_counts import table

START, END = "<!-- guide-table:start -->", "<!-- guide-table:end -->"


class Command(BaseCommand):
    help = "In (hoặc ghi vào docs) bảng số màn hình và số tệp tải lên của trường hợp thông thường mỗi thủ tục đã có hướng dẫn."

    def add_arguments(self, parser):
        parser.add_argument("--write", help="Tệp Markdown để thay bảng giữa hai dấu guide-table.")

    def handle(self, *args, write=None, **options):
        text = table()
        if not write:
            self.stdout.write(text)
            return
        path = Path(write) if Path(write).is_absolute() else Path(settings.BASE_DIR) / write
        doc = path.read_text(encoding="utf-8")
        doc = re.sub(f"{START}.*?{END}", f"{START}\n{text}\n{END}", doc, flags=re.S)
        path.write_text(doc, encoding="utf-8")
        self.stdout.write(f"Đã ghi bảng vào {path}.")
