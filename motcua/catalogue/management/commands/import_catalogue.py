import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.catalogue.importer import CatalogueFileError, import_catalogue

LABELS = {
    "channels": "cách thức thực hiện",
    "durations": "thời hạn (mọi kênh có số và đơn vị)",
    "fees": "phí, lệ phí",
    "components": "thành phần hồ sơ",
    "legal_bases": "căn cứ pháp lý",
    "steps": "trình tự thực hiện",
    "with_issues": "có phần chưa phân tích được",
}


class Command(BaseCommand):
    help = ("Nạp danh mục thủ tục hành chính từ Cổng DVCQG, bản có cấu trúc của Bộ Quốc phòng và bản có cấu trúc cấp xã "
            "(chạy lại không tạo bản trùng).")

    def add_arguments(self, parser):
        tthc = Path(settings.SHARED_DATA_DIR) / "tthc"
        parser.add_argument("--dvcqg", default=tthc / "dvcqg_tthc_2642.jsonl.gz")
        parser.add_argument("--structured", default=tthc / "bqp_tthc_207_structured.jsonl")
        parser.add_argument("--commune", default=tthc / "capxa_structured.json.gz")

    def handle(self, *args, dvcqg, structured, commune, **options):
        started = time.perf_counter()
        try:
            result = import_catalogue(dvcqg or None, structured or None, commune or None)
        except CatalogueFileError as exc:
            raise CommandError(f"{exc.message} Không có gì được nạp.") from exc
        elapsed = time.perf_counter() - started
        cov = result.coverage
        total = cov["procedures"] or 1
        self.stdout.write(
            f"{cov['procedures']} thủ tục: {result.created} phiên bản mới, {result.unchanged} không đổi ({elapsed:.1f} s)."
        )
        for key, label in LABELS.items():
            self.stdout.write(f"  {label}: {cov[key]} ({100 * cov[key] / total:.1f}%)")
