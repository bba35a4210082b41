"""The public page that checks a signed e-result."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from weasyprint import HTML

from motcua.esign.pdf import sign
from motcua.units.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(settings, tmp_path):
    settings.MOTCUA_SIGNING_DIR = tmp_path / "signing"
    agency = Agency.objects.create(code="T-XA", name="UBND xã Thử Nghiệm", kind="ubnd_xa")
    return sign(HTML(string="<p>Trích lục khai sinh</p>").write_pdf(), agency)


def upload(client, content):
    return client.post(reverse("portal:verify_document"), {"file": SimpleUploadedFile("kq.pdf", content)})


def test_a_signed_result_is_shown_valid_with_its_signer(client, signed):
    page = upload(client, signed).content.decode()
    assert "Chữ ký hợp lệ" in page and "UBND xã Thử Nghiệm" in page and "CA mô phỏng" in page


def test_a_tampered_result_is_shown_invalid(client, signed):
    tampered = bytearray(signed)
    tampered[200] ^= 0x01
    response = upload(client, bytes(tampered))
    assert response.status_code == 200
    assert "Chữ ký không hợp lệ" in response.content.decode() or "không có chữ ký" in response.content.decode()


def test_no_file_is_a_clear_400(client):
    response = client.post(reverse("portal:verify_document"))
    assert response.status_code == 400 and "Vui lòng chọn tệp" in response.content.decode()
