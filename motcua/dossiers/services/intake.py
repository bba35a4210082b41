"""Intake on every channel (Decree 61 Arts.16–17): online, at the counter, by post.

An online or postal dossier starts as "Mới đăng ký" and waits for an officer; a counter dossier is accepted on
the spot. Intake is one transaction: files are stored before it commits and removed if it fails. A retried
submission with the same idempotency key returns the first dossier.

Idempotency keys are scoped: the key a client sends is stored hashed together with who submits (the signed-in
citizen, the officer, or "anonymous"), and with a digest of everything submitted (applicant, papers and the
bytes of their files). A retry with the same key and the same payload returns the first dossier; the same key
with another payload is refused without saying anything about the first (IdempotencyMismatch, 422).
"""

import hashlib
import json
import mimetypes
from dataclasses import asdict, dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from motcua.guides.applicable import plan_for
from motcua.identity.models import StoredPaper
from motcua.identity.store import keep

from .. import applicant_rules, written
from ..access import check_member
from ..errors import IdempotencyMismatch, InvalidDossier
from ..events import EventKind
from ..models import Channel, Delivery, Dossier, DossierComponent, DossierFile
from ..uploads import StoredFiles, validate_upload
from ..workflow import Status
from ._core import component_rows, record


@dataclass
class Applicant:
    name: str
    kind: str = "person"
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    source: str = ""  # models.ApplicantSource: typed, from the national identity, from the registry, or unverified


@dataclass
class ComponentInput:
    """A paper handed in. `component` is the catalogue Component it answers, if any."""

    name: str = ""
    component: object = None
    files: list = field(default_factory=list)
    originals: int | None = None
    copies: int | None = None
    digitised: bool | None = None  # default: True when files are attached
    reused_from: Dossier | None = None
    from_data_store: bool = False
    stored_paper: object = None  # an identity.StoredPaper the citizen consented to reuse (implies from_data_store)
    obtained_from: str = ""  # a connected database the paper was taken from (catalogue DATABASES key)


def submit_dossier(version, *, channel, applicant, components, at, actor=None, agency=None,
                   delivery=Delivery.COUNTER, delivery_address="", notes="", idempotency_key=None, citizen=None,
                   time_limit_days=None, assisted_by=None, situation=None):
    """Take in a dossier for `version` on `channel` and return it (accepted already if handed in at a counter,
    with `time_limit_days` as in accept_dossier). `assisted_by`: the officer who keyed in an online dossier with
    the citizen (a home-visit team); the channel stays online. `situation` holds the applicant's answers to the
    reviewed layer's questions ({question key: answer key}); they decide which papers are required."""
    agency = agency or version.procedure.agencies.order_by("pk").first()
    applicant_rules.clean_text(notes, applicant_rules.NOTES_MAX, _("Ghi chú"))
    digest = ""
    if idempotency_key:
        idempotency_key = _scoped(idempotency_key, citizen or actor)
        digest = _payload_digest(version, channel, applicant, components, agency, delivery, delivery_address, notes)
        existing = _existing(idempotency_key, digest)
        if existing is not None:
            return existing
    _check_intake(version, channel=channel, applicant=applicant, components=components, agency=agency,
                  actor=actor, delivery=delivery, delivery_address=delivery_address, time_limit_days=time_limit_days,
                  situation=situation)
    if assisted_by is not None and channel != Channel.ONLINE:
        raise InvalidDossier(_("Chỉ hồ sơ nộp trực tuyến mới ghi nhận cán bộ hỗ trợ nộp."))
    kinds = [validate_upload(f) for c in components for f in c.files]
    try:
        with StoredFiles() as stored, transaction.atomic():
            dossier = _create(version, channel=channel, applicant=applicant, agency=agency, actor=actor, at=at,
                              delivery=delivery, delivery_address=delivery_address, notes=notes,
                              idempotency_key=idempotency_key, idempotency_digest=digest, citizen=citizen, assisted_by=assisted_by)
            add_components(dossier, components, kinds, stored)
            record(dossier, kind=EventKind.SUBMITTED, to_status=Status.SUBMITTED, actor=actor or citizen, at=at,
                   agency=agency, note=notes, check=False, save=channel != Channel.DIRECT)
            if channel == Channel.DIRECT:
                from .acceptance import accept_locked

                # Created in this transaction, so nobody else can see it; the actor was checked above.
                dossier = accept_locked(dossier, actor=actor, at=at, time_limit_days=time_limit_days)
    except IntegrityError:
        # Two submissions with one idempotency key raced; the loser's files were removed by StoredFiles.
        existing = _existing(idempotency_key, digest) if idempotency_key else None
        if existing is None:
            raise
        return existing
    return dossier


def _scoped(key, submitter):
    scope = f"user:{submitter.pk}" if getattr(submitter, "pk", None) else "anonymous"
    return hashlib.sha256(f"{scope}\n{key}".encode()).hexdigest()


def _payload_digest(version, channel, applicant, components, agency, delivery, delivery_address, notes):
    papers = []
    for c in components:
        hashes = []
        for f in c.files:
            h = hashlib.sha256()
            for chunk in f.chunks():
                h.update(chunk)
            f.seek(0)
            hashes.append(h.hexdigest())
        papers.append([getattr(c.component, "pk", None), c.name, c.originals, c.copies, c.from_data_store,
                       getattr(c.reused_from, "pk", None), getattr(c.stored_paper, "pk", None), hashes])
    payload = [version.pk, channel, asdict(applicant), papers, getattr(agency, "pk", None), delivery,
               delivery_address, notes]
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def _existing(key, digest):
    dossier = Dossier.objects.filter(idempotency_key=key).first()
    if dossier is not None and dossier.idempotency_digest and dossier.idempotency_digest != digest:
        raise IdempotencyMismatch(_("Khóa chống gửi trùng (Idempotency-Key) này đã được dùng cho một nội dung "
                                    "khác. Hãy dùng khóa mới cho hồ sơ mới."))
    return dossier


def _check_intake(version, *, channel, applicant, components, agency, actor, delivery, delivery_address,
                  time_limit_days, situation):
    if channel not in Channel.values:
        raise InvalidDossier(_("Kênh nộp hồ sơ không hợp lệ."))
    if time_limit_days is not None and channel != Channel.DIRECT:
        raise InvalidDossier(_("Thời hạn hẹn trả do nơi tiếp nhận xác định khi tiếp nhận hồ sơ."))
    if delivery not in Delivery.values:
        raise InvalidDossier(_("Hình thức nhận kết quả không hợp lệ."))
    if delivery == Delivery.POST and not (delivery_address or applicant.address):
        raise InvalidDossier(_("Cần địa chỉ nhận kết quả qua bưu chính."))
    if agency is None:
        raise InvalidDossier(_("Chưa xác định cơ quan tiếp nhận hồ sơ."))
    applicant_rules.clean_applicant(applicant)
    for given in components:
        applicant_rules.clean_paper(given)
    applicant_rules.clean_text(delivery_address, 255, _("Địa chỉ nhận kết quả"))
    if len(_digits(applicant.phone)) < 4 and len(_digits(applicant.id_number)) < 4:
        raise InvalidDossier(_("Cần số điện thoại hoặc số giấy tờ tùy thân để tra cứu hồ sơ."))
    offered = {c.kind for c in version.channels.all()}
    if offered and channel not in offered:
        raise InvalidDossier(_("Thủ tục này không tiếp nhận hồ sơ qua kênh “%(c)s”.") % {
            "c": Channel(channel).label})
    if channel in (Channel.DIRECT, Channel.POSTAL):
        check_member(actor, agency, "accept")
    if channel == Channel.ONLINE:
        _check_required(version, components, situation)


def _digits(value):
    return "".join(ch for ch in value or "" if ch.isalnum())


def _check_required(version, components, situation):
    """Every paper that applies to the applicant's situation (guides.applicable: the reviewed layer, else the
    catalogue's rows) must come with a file, from a data store or reused from an earlier dossier."""
    given = {c.component.pk for c in components if c.component is not None
             and (c.files or c.from_data_store or c.stored_paper is not None or c.obtained_from
                  or c.reused_from is not None)}
    required = plan_for(version, situation or {}).required_components()
    missing = [c.name for c in required if c.pk not in given]
    if missing:
        raise InvalidDossier(_("Còn thiếu giấy tờ: %(names)s.") % {"names": "; ".join(missing)})


def _create(version, *, channel, applicant, agency, actor, at, **fields):
    dossier = Dossier.objects.create(
        procedure=version.procedure, version=version, agency=agency, channel=channel,
        applicant_kind=applicant.kind, applicant_name=applicant.name.strip(), applicant_id_number=applicant.id_number,
        applicant_phone=applicant.phone, applicant_email=applicant.email, applicant_address=applicant.address,
        applicant_source=applicant.source,
        submitted_by=actor if getattr(actor, "pk", None) else None, submitted_at=at, holder_agency=agency, **fields)
    dossier._component_rows, dossier._last_seq = [], 0  # nothing written yet: no need to ask the database
    written.start(dossier)
    return dossier


def add_components(dossier, components, kinds, stored, *, supplement=None):
    """Write the components and their files; `kinds` are validate_upload() results in file order."""
    kinds = iter(kinds)
    rows = component_rows(dossier)
    for index, given in enumerate(components, start=len(rows)):
        row = DossierComponent.objects.create(
            dossier=dossier, component=given.component, order=index,
            name=given.name or (given.component.name if given.component else ""),
            originals=_default(given.originals, given.component, "originals"),
            copies=_default(given.copies, given.component, "copies"),
            digitised=bool(given.files) if given.digitised is None else given.digitised,
            reused=given.reused_from is not None or given.stored_paper is not None, reused_from=given.reused_from,
            from_data_store=given.from_data_store or given.stored_paper is not None,
            obtained_from=given.obtained_from, supplement=supplement)
        if given.stored_paper is not None:
            paper = given.stored_paper
            DossierFile.objects.create(component=row, file=paper.file.name, original_name=paper.title[:255],
                                       content_type=mimetypes.guess_type(paper.file.name)[0] or "application/pdf",
                                       size=paper.file.size, sha256=paper.sha256)
        for upload in given.files:
            content_type, ext = next(kinds)
            name, digest = stored.save(upload, ext)
            DossierFile.objects.create(component=row, file=name, original_name=upload.name[:255],
                                       content_type=content_type, size=upload.size, sha256=digest)
            if dossier.channel == Channel.DIRECT:  # digitised at the counter: kept in the citizen's data store
                keep(owner_pid=dossier.applicant_id_number, title=row.name, origin=StoredPaper.Origin.DIGITISED,
                     at=dossier.submitted_at, stored_name=name, sha256=digest, source_dossier=dossier.reference,
                     agency=dossier.agency, catalogue_name=row.name, synthetic=dossier.is_synthetic)
        rows.append(row)


def _default(value, component, attr):
    if value is not None:
        return value
    return getattr(component, attr, 0) if component is not None else 0
