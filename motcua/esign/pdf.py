"""Sign a PDF for an agency (PAdES baseline B, pyHanko) and check a signed PDF's integrity and signer."""

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from io import BytesIO

from asn1crypto import pem, x509
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from . import credentials


def _outside_event_loop(fn, *args):
    """pyHanko's synchronous calls start an event loop: inside one already running (ASGI, a browser test's
    thread) they run in a worker thread instead."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args).result()


def sign(pdf: bytes, agency, *, reason="") -> bytes:
    """The PDF with the agency's signature appended as an incremental update (PAdES, SHA-256)."""
    return _outside_event_loop(_sign, pdf, agency, reason)


def _sign(pdf, agency, reason):
    cred = credentials.for_agency(agency)
    signer = signers.SimpleSigner.load(str(cred.key_file), str(cred.cert_file),
                                       ca_chain_files=[str(p) for p in cred.chain])
    meta = signers.PdfSignatureMetadata(field_name="ChuKyCoQuan", subfilter=fields.SigSeedSubFilter.PADES,
                                        md_algorithm="sha256", reason=reason or _("Ký số văn bản"),
                                        location=agency.name)
    out = signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(pdf)), meta, signer=signer)
    return out.getvalue()


@dataclass(frozen=True)
class Verdict:
    signed: bool
    intact: bool = False  # the signed bytes are unchanged
    whole_file: bool = False  # nothing was added after the signature
    trusted: bool = False  # the signer's certificate chains to a trusted root
    signer: str = ""
    signed_at: object = None
    sandbox: bool = False
    problem: str = ""

    @property
    def valid(self):
        return self.signed and self.intact and self.whole_file and self.trusted


def _trust_roots():
    path = credentials.root_file()
    if not path.exists():
        return []
    data = path.read_bytes()
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return [x509.Certificate.load(data)]


def verify(pdf: bytes) -> Verdict:
    """What a signed PDF proves: whether it is signed, unchanged since, and by whom."""
    return _outside_event_loop(_verify, pdf)


def _verify(pdf):
    try:
        signatures = PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures
    except Exception:  # noqa: BLE001 - any unreadable upload is "not a signed PDF", never a 500
        return Verdict(signed=False, problem=_("Tệp không phải PDF đọc được."))
    if not signatures:
        return Verdict(signed=False, problem=_("Tệp không có chữ ký số."))
    roots = _trust_roots()
    try:
        status = validate_pdf_signature(signatures[-1], ValidationContext(trust_roots=roots, allow_fetching=False))
    except Exception as e:  # noqa: BLE001 - a damaged signature is a verdict, not an error
        return Verdict(signed=True, problem=_("Chữ ký số bị hỏng: %(e)s") % {"e": type(e).__name__})
    return Verdict(
        signed=True,
        intact=bool(status.intact and status.valid),
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        trusted=bool(status.trusted),
        signer=status.signing_cert.subject.human_friendly,
        signed_at=status.signer_reported_dt,
        sandbox=credentials.SANDBOX_ROOT_NAME in status.signing_cert.issuer.human_friendly,
    )
