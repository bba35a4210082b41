"""Ends of the road: refusal after appraisal, withdrawal, stop, result issued and result returned."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.identity.models import StoredPaper
from motcua.identity.store import keep

from ..access import check_member, check_owner, check_staff_of_any
from ..errors import InvalidDossier, RuleViolation
from ..events import EventKind
from ..models import Delivery, Outcome
from ..uploads import InvalidUpload, StoredFiles, validate_upload
from ..workflow import Status
from ._core import check_move, lock, record
from .routing import route_finished


def _reason(reason, message):
    if not (reason or "").strip():
        raise InvalidDossier(message)
    return reason.strip()


@transaction.atomic
def refuse_dossier(dossier, *, actor, at, reason):
    """Refuse to grant after appraisal, with reasons; recorded as the result (Decree 61 Art.19.8)."""
    dossier = lock(dossier)
    check_member(actor, dossier.holder_agency or dossier.agency, "refuse")
    reason = _reason(reason, _("Cần nêu rõ lý do từ chối giải quyết."))
    check_move(dossier, Status.DONE)
    dossier.outcome, dossier.reason, dossier.refused_at, dossier.finished_at = Outcome.REFUSED, reason, at, at
    dossier.holder_agency, dossier.holder = dossier.agency, None
    record(dossier, kind=EventKind.REFUSED, to_status=Status.DONE, actor=actor, at=at, note=reason)
    return dossier


@transaction.atomic
def withdraw_dossier(dossier, *, actor, at, reason=""):
    """Record the applicant's request to withdraw the dossier (status 7); an officer then stops it."""
    dossier = lock(dossier)
    if dossier.citizen_id and getattr(actor, "pk", None) == dossier.citizen_id:
        check_owner(actor, dossier)
    else:
        check_member(actor, dossier.agency, "withdraw")
    check_move(dossier, Status.WITHDRAWAL_REQUESTED)
    record(dossier, kind=EventKind.WITHDRAWAL_REQUESTED, to_status=Status.WITHDRAWAL_REQUESTED, actor=actor, at=at,
           note=reason or "")
    return dossier


@transaction.atomic
def stop_dossier(dossier, *, actor, at, reason):
    """Stop processing (status 8): after a withdrawal, or for a legal reason given in the notice."""
    dossier = lock(dossier)
    check_member(actor, dossier.agency, "stop")
    reason = _reason(reason, _("Cần nêu rõ lý do dừng xử lý."))
    check_move(dossier, Status.STOPPED)
    dossier.reason, dossier.finished_at = reason, at
    record(dossier, kind=EventKind.STOPPED, to_status=Status.STOPPED, actor=actor, at=at, note=reason)
    return dossier


def issue_result(dossier, *, actor, at, result_file=None, note=""):
    """Mark processing done (status 9) and attach the digitised result, once every route step is finished."""
    kind = validate_upload(result_file) if result_file is not None else None
    with StoredFiles() as stored, transaction.atomic():
        dossier = lock(dossier)
        _check_issuer(dossier, actor)
        check_move(dossier, Status.DONE)
        if not route_finished(dossier):
            raise RuleViolation(_("Còn bước xử lý chưa hoàn thành; chưa thể trả kết quả."))
        if result_file is not None:
            result_file = _signed(result_file, kind, dossier.agency)
            dossier.result_file.name, _digest = stored.save(result_file, kind[1], folder="dossiers/results")
            _keep_in_citizen_store(dossier, result_file, kind, at)
        dossier.outcome, dossier.finished_at = Outcome.GRANTED, at
        dossier.holder_agency, dossier.holder = dossier.agency, None
        record(dossier, kind=EventKind.RESULT_ISSUED, to_status=Status.DONE, actor=actor, at=at, note=note)
    return dossier


def _signed(upload, kind, agency):
    """A PDF result leaves signed by the agency's certificate (PAdES); a scanned image is kept as handed in."""
    if kind[1] != "pdf":
        return upload
    from motcua.esign.pdf import sign  # late: pyHanko is needed only when a result is issued

    upload.seek(0)
    try:
        signed = sign(upload.read(), agency, reason=_("Kết quả giải quyết thủ tục hành chính"))
    except Exception as e:  # noqa: BLE001 - pyHanko raises many kinds for a damaged PDF
        raise InvalidUpload(_("Tệp kết quả PDF bị hỏng nên không ký số được; vui lòng quét hoặc xuất lại.")) from e
    return ContentFile(signed, name=getattr(upload, "name", "ket-qua.pdf"))


def _keep_in_citizen_store(dossier, result_file, kind, at):
    """The result also goes to the applicant's data store, under their personal number (when they gave one)."""
    result_file.seek(0)
    keep(owner_pid=dossier.applicant_id_number, title=dossier.version.name, content=result_file.read(),
         origin=StoredPaper.Origin.RESULT, at=at, source_dossier=dossier.code or dossier.reference,
         agency=dossier.agency, file_name=f"ket-qua.{kind[1]}", synthetic=dossier.is_synthetic)


def _check_issuer(dossier, actor):
    agencies = {dossier.agency_id} | set(dossier.steps.values_list("agency_id", flat=True))
    check_staff_of_any(actor, agencies, "issue_result", _("Cán bộ không thuộc cơ quan giải quyết hồ sơ này."))


@transaction.atomic
def return_result(dossier, *, actor, at, delivery=None, note=""):
    """Hand the result back (status 10): at the counter, by post or online (Decree 61 Art.20)."""
    dossier = lock(dossier)
    check_member(actor, dossier.agency, "return_result")
    delivery = delivery or dossier.delivery
    if delivery not in Delivery.values:
        raise InvalidDossier(_("Hình thức trả kết quả không hợp lệ."))
    if dossier.status == Status.DONE and dossier.outcome == "":
        raise RuleViolation(_("Hồ sơ chưa có kết quả."))
    check_move(dossier, Status.RETURNED)
    dossier.returned_at = at
    record(dossier, kind=EventKind.RETURNED, to_status=Status.RETURNED, actor=actor, at=at, note=note,
           data={"delivery": delivery})
    return dossier
