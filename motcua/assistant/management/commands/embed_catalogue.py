import time

from django.core.management.base import BaseCommand

from motcua.catalogue.models import Procedure, ProcedureVersion

from ...embeddings import embed_versions, embed_vocabulary

BATCH = 100


class Command(BaseCommand):
    help = ("Tính véc-tơ ngữ nghĩa còn thiếu cho các phiên bản thủ tục đang có hiệu lực và các cụm từ người dân gọi tên thủ "
            "tục (chạy lại chỉ tính phần thiếu).")

    def add_arguments(self, parser):
        parser.add_argument("--all-versions", action="store_true", help="Tính cho mọi phiên bản, không chỉ bản đang có hiệu lực.")

    def handle(self, *args, all_versions=False, **options):
        started = time.perf_counter()
        qs = ProcedureVersion.objects.select_related("field").order_by("pk")
        if not all_versions:
            qs = qs.filter(pk__in=Procedure.objects.filter(current__isnull=False).values("current_id"))
        qs = qs.filter(embedding__isnull=True)
        ids = list(qs.values_list("pk", flat=True))
        total, done = len(ids), 0
        for start in range(0, len(ids), BATCH):
            batch = ProcedureVersion.objects.select_related("field").filter(pk__in=ids[start : start + BATCH])
            done += embed_versions(batch)
            if total > BATCH:
                self.stdout.write(f"  {done}/{total}", ending="\r")
        phrases = embed_vocabulary()
        self.stdout.write(f"Đã tính {done} véc-tơ ngữ nghĩa của thủ tục và {phrases} của cụm từ người dân "
                          f"({time.perf_counter() - started:.1f} s).")
