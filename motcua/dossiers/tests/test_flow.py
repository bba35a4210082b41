"""A dossier's whole road on the service layer: online intake, acceptance, two agencies, result, return."""

from datetime import timedelta

import pytest

from motcua.dossiers import services
from motcua.dossiers.errors import RuleViolation
from motcua.dossiers.models import DossierEvent, StepState
from motcua.dossiers.uploads import InvalidUpload
from motcua.dossiers.workflow import Status
from motcua.identity.models import StoredPaper

from .base import T0, accepted_dossier, applicant, pdf, submit_online, two_agency_route


def test_online_submission_waits_as_new(world, version):
    dossier = submit_online(version, world)
    assert dossier.status == Status.SUBMITTED and dossier.national_status == 1
    assert dossier.code is None and len(dossier.reference) == 12
    assert list(dossier.events.values_list("kind", "to_status")) == [("submitted", "submitted")]
    component = dossier.components.get()
    assert component.digitised and component.files.get().content_type == "application/pdf"


def test_accept_issues_code_and_freezes_deadline(world, version):
    dossier = accepted_dossier(version, world)
    assert dossier.code == "T01-TTPVHCC-261201-0001"
    assert dossier.status == Status.ACCEPTED
    # 5 working days from Tuesday 01/12/2026 09:00, hour-precise: Tuesday 08/12/2026 09:00.
    assert dossier.due_at == T0 + timedelta(days=7)
    assert dossier.original_due_at == dossier.due_at
    assert dossier.steps.get().state == StepState.ACTIVE


def test_two_agency_route_to_return(world, version):
    two_agency_route(version, world)
    dossier = accepted_dossier(version, world)
    step_a, step_c = dossier.steps.order_by("group")
    assert step_a.due_at == T0 + timedelta(days=1) and step_c.state == StepState.PENDING
    dossier = services.assign_handler(dossier, actor=world.quang, handler=world.lan, at=T0 + timedelta(minutes=5))
    assert dossier.status == Status.PROCESSING and dossier.holder == world.lan
    dossier = services.complete_step(dossier, actor=world.lan, at=T0 + timedelta(hours=2))
    assert dossier.holder_agency == world.justice
    dossier = services.assign_handler(dossier, actor=world.minh, handler=world.binh, at=T0 + timedelta(hours=3))
    # Two working days after the handover, plus an hour: late at Sở Tư pháp.
    dossier = services.complete_step(dossier, actor=world.binh, at=T0 + timedelta(days=2, hours=3))
    step_a.refresh_from_db()
    step_c.refresh_from_db()
    assert (step_a.on_time, step_c.on_time) == (True, False)
    assert dossier.holder_agency == world.centre
    dossier = services.issue_result(dossier, actor=world.lan, at=T0 + timedelta(days=3))
    dossier = services.return_result(dossier, actor=world.lan, at=T0 + timedelta(days=3, hours=1))
    assert dossier.status == Status.RETURNED and dossier.national_status == 10
    kinds = list(dossier.events.values_list("kind", flat=True))
    assert kinds == ["submitted", "accepted", "assigned", "step_completed", "assigned", "step_completed",
                     "result_issued", "returned"]


def test_status_always_equals_last_event(world, version):
    dossier = accepted_dossier(version, world)
    dossier = services.assign_handler(dossier, actor=world.quang, handler=world.lan, at=T0)
    last = DossierEvent.objects.filter(dossier=dossier).order_by("-seq").first()
    assert last.to_status == dossier.status == Status.PROCESSING
    assert last.data["snapshot"]["channel"] == "online" and last.data["snapshot"]["digitised"] == 1


def test_refusal_at_intake_gives_reasons(world, version):
    dossier = services.refuse_intake(submit_online(version, world), actor=world.lan, at=T0,
                                     reason="Không thuộc thẩm quyền")
    assert dossier.status == Status.NOT_ACCEPTED and dossier.national_status == 3
    assert dossier.reason == "Không thuộc thẩm quyền" and dossier.code is None


def test_refusal_after_appraisal_is_the_result(world, version):
    dossier = accepted_dossier(version, world)
    dossier = services.refuse_dossier(dossier, actor=world.quang, at=T0 + timedelta(days=1), reason="Không đủ điều kiện")
    assert (dossier.status, dossier.outcome) == (Status.DONE, "refused")
    assert dossier.finished_at == T0 + timedelta(days=1)
    dossier = services.return_result(dossier, actor=world.lan, at=T0 + timedelta(days=1))
    assert dossier.status == Status.RETURNED


def test_result_waits_for_every_step(world, version):
    dossier = accepted_dossier(version, world)
    with pytest.raises(RuleViolation, match="Còn bước"):
        services.issue_result(dossier, actor=world.lan, at=T0)


def test_result_file_is_stored_signed_by_the_agency(world, version, settings, tmp_path):
    from weasyprint import HTML

    from motcua.esign.pdf import verify

    settings.MOTCUA_SIGNING_DIR = tmp_path / "signing"
    result = HTML(string="<p>Giấy chứng nhận</p>").write_pdf()
    dossier = accepted_dossier(version, world)
    dossier = services.complete_step(dossier, actor=world.lan, at=T0 + timedelta(hours=1))
    dossier = services.issue_result(dossier, actor=world.lan, at=T0 + timedelta(hours=2),
                                    result_file=pdf("kq.pdf", result))
    assert dossier.result_file.name.startswith("dossiers/results/") and dossier.result_file.name.endswith(".pdf")
    assert dossier.events.order_by("-seq").first().data["snapshot"]["has_result_file"] is True
    verdict = verify(dossier.result_file.read())
    assert verdict.valid and dossier.agency.name in verdict.signer
    kept = StoredPaper.objects.get(owner_pid_hash__matches="001190012345", origin="result")  # in the applicant's data store
    assert kept.source_dossier == dossier.code and verify(kept.file.read()).valid


def test_a_stored_paper_replaces_the_upload_and_is_flagged(world, version):
    from motcua.identity.store import keep

    paper = keep(owner_pid="001190012345", title="Tờ khai", content=b"%PDF-1.7 x", origin="result", at=T0)
    first = version.components.get(order=1)
    dossier = services.submit_dossier(version, channel="online", applicant=applicant(), at=T0, citizen=world.chi,
                                      components=[services.ComponentInput(component=first, stored_paper=paper)])
    row = dossier.components.get()
    assert row.from_data_store and row.reused and row.files.get().sha256 == paper.sha256


def test_a_damaged_result_pdf_is_refused_and_nothing_moves(world, version, settings, tmp_path):
    settings.MOTCUA_SIGNING_DIR = tmp_path / "signing"
    dossier = accepted_dossier(version, world)
    dossier = services.complete_step(dossier, actor=world.lan, at=T0 + timedelta(hours=1))
    with pytest.raises(InvalidUpload):
        services.issue_result(dossier, actor=world.lan, at=T0 + timedelta(hours=2), result_file=pdf("kq.pdf"))
    dossier.refresh_from_db()
    assert dossier.status != "done" and not dossier.result_file
