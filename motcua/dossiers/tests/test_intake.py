"""Intake: idempotent retries, counter acceptance on the spot, required papers, uploads checked by content."""

import pytest
from django.core.files.storage import default_storage

from motcua.dossiers import services
from motcua.dossiers.errors import InvalidDossier, InvalidUpload, NotAllowed
from motcua.dossiers.models import Dossier, DossierFile
from motcua.dossiers.workflow import Status

from .base import PDF, PNG, T0, applicant, pdf, required_components, submit_online


def stored_files():
    try:
        _dirs, files = default_storage.listdir("dossiers/files/2026/")
    except FileNotFoundError:
        return []
    return files


def all_stored(path="dossiers"):
    try:
        dirs, files = default_storage.listdir(path)
    except FileNotFoundError:
        return []
    return files + [f for d in dirs for f in all_stored(f"{path}/{d}")]


def test_a_retried_submission_returns_the_same_dossier(world, version):
    first = submit_online(version, world, key="b6c1-retry")
    again = submit_online(version, world, key="b6c1-retry")
    assert again.pk == first.pk
    assert Dossier.objects.count() == 1 and DossierFile.objects.count() == 1


def test_an_idempotency_key_is_scoped_to_its_submitter(world, version):
    first = submit_online(version, world, key="k-1")
    other = services.submit_dossier(version, channel="online", applicant=applicant(), at=T0, citizen=world.lan,
                                    components=required_components(version), idempotency_key="k-1")
    assert other.pk != first.pk and Dossier.objects.count() == 2


def test_the_same_key_with_another_payload_is_refused_without_disclosing_the_first(world, version):
    from motcua.dossiers.errors import IdempotencyMismatch

    first = submit_online(version, world, key="k-2")
    with pytest.raises(IdempotencyMismatch) as refused:
        services.submit_dossier(version, channel="online", applicant=applicant(name="Người Khác"), at=T0,
                                citizen=world.chi, components=required_components(version), idempotency_key="k-2")
    assert refused.value.status == 422
    assert first.reference not in refused.value.message and first.applicant_name not in refused.value.message


def test_counter_intake_is_accepted_on_the_spot(world, version):
    dossier = services.submit_dossier(version, channel="direct", applicant=applicant(), at=T0, actor=world.lan,
                                      agency=world.centre, components=required_components(version))
    assert dossier.status == Status.ACCEPTED and dossier.code.endswith("-0001")
    assert list(dossier.events.values_list("kind", flat=True)) == ["submitted", "accepted"]


def test_papers_digitised_at_the_counter_go_to_the_citizens_data_store(world, version):
    from motcua.identity.models import StoredPaper

    dossier = services.submit_dossier(version, channel="direct", applicant=applicant(), at=T0, actor=world.lan,
                                      agency=world.centre, components=required_components(version))
    kept = StoredPaper.objects.get(owner_pid_hash__matches="001190012345")
    assert kept.origin == "digitised" and not kept.reuse_consent
    assert kept.file.name == dossier.components.get().files.get().file.name  # the same file, not a copy


def test_counter_intake_by_an_officer_of_another_agency_is_refused(world, version):
    with pytest.raises(NotAllowed):
        services.submit_dossier(version, channel="direct", applicant=applicant(), at=T0, actor=world.hung,
                                agency=world.centre, components=required_components(version))
    assert not Dossier.objects.exists()


def test_online_intake_needs_every_required_paper(world, version):
    with pytest.raises(InvalidDossier, match="Còn thiếu giấy tờ: Tờ khai theo mẫu"):
        services.submit_dossier(version, channel="online", applicant=applicant(), at=T0, components=[])


def test_intake_needs_a_second_factor_for_tracking(world, version):
    with pytest.raises(InvalidDossier, match="số điện thoại hoặc số giấy tờ"):
        services.submit_dossier(version, channel="online", applicant=applicant(phone="", id_number=""), at=T0,
                                components=required_components(version))


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        # An executable renamed to .pdf: the name lies, the content does not.
        (pdf("to-khai.pdf", b"MZ\x90\x00" + b"\x00" * 60), "không phải PDF, JPEG hoặc PNG"),
        # A Word document.
        (pdf("to-khai.docx", b"PK\x03\x04" + b"\x00" * 60), "không phải PDF, JPEG hoặc PNG"),
        # One byte over the limit set below (1,000 bytes).
        (pdf("lon.pdf", PDF + b"0" * (1001 - len(PDF))), "quá lớn"),
        (pdf("rong.pdf", b""), "rỗng"),
    ],
)
def test_bad_uploads_are_refused_and_leave_nothing(world, version, settings, upload, message):
    settings.MOTCUA_UPLOAD_MAX_BYTES = 1000
    with pytest.raises(InvalidUpload, match=message):
        services.submit_dossier(version, channel="online", applicant=applicant(), at=T0,
                                components=required_components(version, pdf(), upload))
    assert not Dossier.objects.exists() and not DossierFile.objects.exists()
    assert all_stored() == []


def test_a_failure_after_files_were_stored_removes_them(world, version, monkeypatch):
    from motcua.dossiers.services import intake

    def boom(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(intake, "record", boom)
    with pytest.raises(RuntimeError):
        services.submit_dossier(version, channel="online", applicant=applicant(), at=T0,
                                components=required_components(version, pdf(), pdf("anh.png", PNG)))
    assert not Dossier.objects.exists()
    assert all_stored() == []


def test_png_and_pdf_are_stored_with_their_detected_type(world, version):
    dossier = services.submit_dossier(version, channel="online", applicant=applicant(), at=T0,
                                      components=required_components(version, pdf(), pdf("anh.pdf", PNG)))
    files = DossierFile.objects.filter(component__dossier=dossier).order_by("pk")
    assert [f.content_type for f in files] == ["application/pdf", "image/png"]
    assert files[1].file.name.endswith(".png") and default_storage.exists(files[1].file.name)
