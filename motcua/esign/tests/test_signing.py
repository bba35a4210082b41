"""Signed e-results: an agency signs, anyone verifies; a changed byte or an added page is caught."""

import pytest
from weasyprint import HTML

from motcua.esign import pdf
from motcua.units.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def signing(settings, tmp_path):
    settings.MOTCUA_SIGNING_DIR = tmp_path / "signing"
    settings.MOTCUA_SIGNING_SANDBOX = True


@pytest.fixture
def agency():
    return Agency.objects.create(code="T-UBND-XA", name="UBND phường Thử", kind="ubnd_xa")


@pytest.fixture
def document():
    return HTML(string="<h1>Giấy khai sinh</h1><p>Bản điện tử thử nghiệm</p>").write_pdf()


def test_a_signed_result_verifies_with_its_signer(signing, agency, document):
    verdict = pdf.verify(pdf.sign(document, agency))
    assert verdict.valid and verdict.sandbox
    assert "UBND phường Thử" in verdict.signer


def test_a_changed_byte_breaks_the_signature(signing, agency, document):
    signed = bytearray(pdf.sign(document, agency))
    signed[len(document) // 2] ^= 0x01  # a byte of the original document, inside the signed range
    verdict = pdf.verify(bytes(signed))
    assert not verdict.valid


def test_content_added_after_signing_is_reported(signing, agency, document):
    from io import BytesIO

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(pdf.sign(document, agency)))
    writer.root["/Tampered"] = generic.TextStringObject("yes")
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    verdict = pdf.verify(out.getvalue())
    assert verdict.intact and not verdict.whole_file and not verdict.valid


def test_unsigned_and_unreadable_files_are_verdicts_not_errors(signing, document):
    assert not pdf.verify(document).signed
    assert pdf.verify(b"not a pdf").problem


def test_a_signature_from_another_ca_is_not_trusted(signing, agency, document, settings, tmp_path):
    signed = pdf.sign(document, agency)
    settings.MOTCUA_SIGNING_DIR = tmp_path / "other"  # another root: the verifier no longer trusts the signer
    from motcua.esign import credentials

    credentials.make_sandbox_root()
    verdict = pdf.verify(signed)
    assert verdict.intact and not verdict.trusted and not verdict.valid
