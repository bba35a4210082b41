"""Birth registration in the pilot: with consent the birth certificate comes from the health source (FHIR R4),
without consent (or when the source has none) the citizen is asked to upload it."""

import dataclasses

import pytest
import requests

from motcua.catalogue.models import Component, ProcedureVersion
from motcua.connections import registry
from motcua.connections.tests.sandbox import running
from motcua.dossiers.errors import InvalidDossier
from motcua.dossiers.tests.base import T0, applicant, pdf
from motcua.health_pilot import report, services
from motcua.health_pilot.models import HealthRecordUse
from motcua.sync.models import OutboxRecord


@pytest.fixture(scope="session")
def source_url():
    with running("health_records") as url:
        yield url


@pytest.fixture(scope="session")
def mother_id(source_url):
    bundle = requests.get(f"{source_url}/fhir/Composition", params={
        "type": "urn:motcua:giay-to-y-te|giay_chung_sinh", "_count": 1}, timeout=5).json()
    return bundle["entry"][0]["resource"]["subject"]["identifier"]["value"]


@pytest.fixture
def source(source_url):
    system = dataclasses.replace(registry.get("health_records"), retries=0)
    return system.adapter(system, source_url)


@pytest.fixture
def birth(world):
    """A new version of the shared city's birth registration (1.001193), also received at the ward."""
    procedure = world.procedure
    procedure.agencies.add(world.ward)
    version = ProcedureVersion.objects.create(procedure=procedure, number=2, name="Thủ tục đăng ký khai sinh")
    procedure.current = version
    procedure.save()
    form = Component.objects.create(version=version, order=1, name="Tờ khai theo mẫu quy định", originals=1)
    Component.objects.create(version=version, order=2, originals=1,
                             name="- Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người "
                                  "làm chứng xác nhận về việc sinh")
    assert services.apply_to_catalogue() == 2  # the paper in the city's first version and in this one
    return world, version, form


def test_with_consent_the_birth_certificate_comes_from_the_source(birth, source, mother_id):
    world, version, form = birth
    dossier, lookup = services.submit_with_health_records(
        version, consent=True, channel="online", applicant=applicant(id_number=mother_id), at=T0,
        citizen=world.chi, components=[services.ComponentInput(component=form, files=[pdf()])], adapter=source)
    taken = dossier.components.get(obtained_from="health_records")
    assert taken.component.name.startswith("- Giấy chứng sinh") and not taken.files.exists()
    use = HealthRecordUse.objects.get(dossier=dossier)
    assert use.paper == "giay_chung_sinh" and use.document_id.startswith("giay-chung-sinh-") and use.synthetic
    # The national portal hears that the paper came from a connected database.
    record = OutboxRecord.objects.get(stream=f"hoso:{dossier.reference}", seq=1).payload
    assert record["DSKetNoiCSDL"] == ["health_records"]
    [row] = report.rows()
    assert (row.dossiers, row.reused, row.papers_not_asked) == (1, 1, 1)


def test_without_consent_the_upload_is_asked(birth, source, mother_id):
    world, version, form = birth
    with pytest.raises(InvalidDossier, match="Giấy chứng sinh"):
        services.submit_with_health_records(
            version, consent=False, channel="online", applicant=applicant(id_number=mother_id), at=T0,
            citizen=world.chi, components=[services.ComponentInput(component=form, files=[pdf()])], adapter=source)
    assert not HealthRecordUse.objects.exists()


def test_a_person_the_source_does_not_know_uploads_the_paper(birth, source):
    world, version, form = birth
    lookup = services.take_papers(version, subject_id_number="000999999999", consent=True, adapter=source)
    assert lookup.inputs == [] and [c.order for c in lookup.missing] == [2] and not lookup.unavailable
