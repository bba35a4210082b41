from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Prefetch, Value
from django.db.models.functions import Concat

from motcua.dossiers.models import Dossier, DossierEvent
from motcua.sync.hooks import dossier_row
from motcua.sync.models import OutboxRecord


class Command(BaseCommand):
    help = ("Ghi bản ghi đồng bộ cho các sự kiện hồ sơ chưa có (sự kiện ghi hàng loạt, như thành phố mô phỏng, "
            "không qua móc ghi sự kiện).")

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, batch, **options):
        gone = (OutboxRecord.objects.filter(synthetic=True, stream__startswith="hoso:")
                .exclude(stream__in=Dossier.objects.annotate(stream=Concat(Value("hoso:"), "reference"))
                         .values("stream")))
        removed, _ = gone.delete()  # the records of a replaced synthetic city
        done, last_id = 0, 0
        while True:
            events = list(DossierEvent.objects.filter(id__gt=last_id).order_by("id")
                          .select_related("dossier__procedure", "dossier__version__field", "dossier__agency",
                                          "dossier__holder_agency")
                          .prefetch_related("dossier__components", "dossier__fees", "dossier__supplements",
                                            Prefetch("dossier__events", DossierEvent.objects
                                                     .select_related("actor", "agency")))[:batch])
            if not events:
                break
            last_id = events[-1].id
            keys = {f"hoso:{e.dossier.reference}:{e.seq}" for e in events}
            have = set(OutboxRecord.objects.filter(key__in=keys).values_list("key", flat=True))
            missing = [e for e in events if f"hoso:{e.dossier.reference}:{e.seq}" not in have]
            with transaction.atomic():
                OutboxRecord.objects.bulk_create([OutboxRecord(**dossier_row(e)) for e in missing])
            done += len(missing)
        self.stdout.write(f"Đã ghi {done} bản ghi đồng bộ; đã bỏ {removed} bản ghi của hồ sơ mô phỏng không còn.")
