"""Taking the pilot's papers from the health-record source, with the citizen's consent.

The catalogue's own words allow it: birth registration (1.001193) "Trường hợp ... cơ quan đăng ký hộ tịch đã khai
thác được dữ liệu điện tử có ký số của Giấy chứng sinh thì không phải nộp bản giấy", and death registration
(1.000656) says the same of the Giấy báo tử. The driving-licence procedures (3.000347 đổi, 3.000348 cấp lại giấy
phép lái xe) ask for the "Giấy khám sức khỏe của người lái xe"; in the pilot it comes from the same source.
The pilot's papers carry `obtainable_from = "health_records"` (apply_to_catalogue, run by `make data`); that source
needs consent, so without it (or when the source has no such paper, or does not answer) the paper is asked.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from motcua.catalogue.models import Component
from motcua.connections import registry
from motcua.connections.errors import Rejected, Unavailable
from motcua.dossiers.services import ComponentInput, submit_dossier

from .models import HealthRecordUse

SOURCE = "health_records"
# procedure code → (paper at the source, the words the catalogue's paper starts with)
PILOT = {
    "1.001193": ("giay_chung_sinh", "giấy chứng sinh"),
    "1.000656": ("giay_bao_tu", "giấy báo tử"),
    "3.000347": ("giay_kham_suc_khoe_lai_xe", "giấy khám sức khỏe của người lái xe"),
    "3.000348": ("giay_kham_suc_khoe_lai_xe", "giấy khám sức khỏe của người lái xe"),
}


def apply_to_catalogue() -> int:
    """Mark the pilot's papers in the versions of the pilot procedures as obtainable from the health source."""
    marked = 0
    for code, (_paper, words) in PILOT.items():
        for component in Component.objects.filter(version__procedure__code=code, kind=Component.Kind.SUBMIT):
            if component.name.lower().lstrip("-–+• ").startswith(words) and component.obtainable_from != SOURCE:
                component.obtainable_from = SOURCE
                component.save(update_fields=["obtainable_from"])
                marked += 1
    return marked


def pilot_papers(version) -> list[tuple[Component, str]]:
    """The version's papers the health source can give, with the source's paper kind."""
    paper = PILOT.get(version.procedure.code, (None,))[0]
    if paper is None:
        return []
    return [(c, paper) for c in version.components.all() if c.obtainable_from == SOURCE]


@dataclass
class Taken:
    component: Component
    paper: str
    document_id: str
    synthetic: bool


@dataclass
class Lookup:
    inputs: list          # ComponentInput for each paper taken from the source
    taken: list           # Taken
    missing: list         # Components the source did not give (asked of the citizen)
    unavailable: bool = False


def take_papers(version, *, subject_id_number, consent, adapter=None) -> Lookup:
    """With consent, fetch each pilot paper of `version` for the person `subject_id_number` (the mother for a
    birth certificate, the deceased for a death notice, the driver for a health certificate)."""
    papers = pilot_papers(version)
    if not consent or not papers or not subject_id_number:
        return Lookup([], [], [c for c, _paper in papers])
    adapter = adapter or registry.adapter(SOURCE)
    out = Lookup([], [], [])
    for component, paper in papers:
        try:
            documents = adapter.documents(paper, subject_id_number)
        except (Unavailable, Rejected):
            out.unavailable = True
            documents = []
        if not documents:
            out.missing.append(component)
            continue
        latest = max(documents, key=lambda d: str(d.date))
        out.inputs.append(ComponentInput(component=component, obtained_from=SOURCE, digitised=True))
        tags = {t.code for t in (latest.meta.tag or [])} if latest.meta else set()
        out.taken.append(Taken(component, paper, latest.id, "synthetic" in tags))
    return out


def submit_with_health_records(version, *, consent, components, applicant, at, subject_id_number="",
                               adapter=None, **kwargs):
    """submit_dossier, with the pilot's papers taken from the health source when the citizen consents (and did
    not upload them anyway). Returns (dossier, lookup)."""
    uploaded = {c.component.pk for c in components if c.component is not None and c.files}
    lookup = take_papers(version, subject_id_number=subject_id_number or applicant.id_number, consent=consent,
                         adapter=adapter)
    inputs = [i for i in lookup.inputs if i.component.pk not in uploaded]
    taken = {t.component.pk: t for t in lookup.taken if t.component.pk not in uploaded}
    with transaction.atomic():
        dossier = submit_dossier(version, components=[*components, *inputs], applicant=applicant, at=at, **kwargs)
        if not dossier.health_records.exists():
            now = timezone.now()
            HealthRecordUse.objects.bulk_create([
                HealthRecordUse(dossier=dossier, component=row, paper=taken[row.component_id].paper,
                                document_id=taken[row.component_id].document_id,
                                subject_id_number=subject_id_number or applicant.id_number, consent_at=at,
                                fetched_at=now, synthetic=taken[row.component_id].synthetic)
                for row in dossier.components.filter(obtained_from=SOURCE) if row.component_id in taken])
    return dossier, lookup
