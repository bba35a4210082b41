"""Small deterministic builders for indicator tests: an agency, a procedure, dossiers with their events."""

from datetime import datetime
from zoneinfo import ZoneInfo

from motcua.catalogue.models import Field, Procedure, ProcedureVersion
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.indicators import facts
from motcua.units.models import Agency, Commune, Province

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(month, day, hour=9, minute=0):
    return datetime(2026, month, day, hour, minute, tzinfo=TZ)


def make_agency(code="T01-X00004", name="UBND phường Ba Đình", commune_code="00004", population=65000):
    province, _ = Province.objects.get_or_create(code="1", defaults={"name": "Thành phố Hà Nội", "short_name": "Hà Nội"})
    commune, _ = Commune.objects.get_or_create(
        code=commune_code,
        defaults={"province": province, "name": name.replace("UBND ", "").capitalize(), "short_name": name[-8:],
                  "kind": Commune.Kind.WARD, "population": population},
    )
    agency, _ = Agency.objects.get_or_create(
        code=code, defaults={"name": name, "kind": Agency.Kind.COMMUNE_PC, "province": province, "commune": commune}
    )
    return agency


def make_procedure(code="1.001193", name="Đăng ký khai sinh", field_name="Hộ tịch"):
    field, _ = Field.objects.get_or_create(name=field_name)
    procedure, _ = Procedure.objects.get_or_create(code=code)
    version = procedure.versions.first() or ProcedureVersion.objects.create(procedure=procedure, name=name, field=field)
    procedure.current = version
    procedure.save()
    return procedure


class Story:
    """Build one dossier and append events with snapshots, the way dossiers.services records them."""

    def __init__(self, agency, procedure, *, channel="online", submitted=None, fee_total=0, fee_waived=0, fold=True):
        submitted = submitted or at(3, 2, 8)
        self.dossier = Dossier.objects.create(
            procedure=procedure, version=procedure.current, agency=agency, channel=channel,
            applicant_name="Nguyễn Văn An", submitted_at=submitted, fee_total=fee_total, fee_waived=fee_waived,
        )
        self.seq = 0
        self.status = ""
        self.fold = fold  # fold each event at once (else the test calls facts.catch_up itself)
        self.snap = {"channel": channel, "supplement_count": 0, "fee_total": fee_total, "paid_online": False,
                     "has_result_file": False, "digitised": 0, "reused": 0, "from_data_store": 0}

    def move(self, to_status, when, **snap):
        self.seq += 1
        for key in ("accepted_at", "due_at", "original_due_at", "finished_at"):
            if key in snap and snap[key] is not None:
                snap[key] = snap[key].isoformat()
        self.snap.update(snap)
        DossierEvent.objects.create(
            dossier=self.dossier, seq=self.seq, kind=to_status, at=when, agency=self.dossier.agency,
            from_status=self.status, to_status=to_status, data={"snapshot": dict(self.snap)},
        )
        if self.fold:
            facts.catch_up()  # what the folder does soon after, and every read of the facts first
        self.status = to_status
        return self

    def accept(self, when, due):
        return self.move("accepted", when, accepted_at=when, due_at=due, original_due_at=due)

    def supplement(self, when, back):
        self.move("supplement_requested", when, supplement_count=self.snap["supplement_count"] + 1)
        return self.move("processing", back)

    def finish(self, when, **snap):
        return self.move("done", when, finished_at=when, **snap)
