from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.dossiers.forms import render_form
from motcua.dossiers.forms.adapter import form_data
from motcua.dossiers.services import Applicant, ComponentInput, submit_dossier
from tests.world import BIRTH_CERTIFICATE, build_world

from .test_render import pdf_text

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def test_receipt_slip_of_a_counter_dossier_prints_its_code_papers_and_times():
    w = build_world()
    dossier = submit_dossier(
        w.version, channel="direct", actor=w.lan, agency=w.centre, at=datetime(2026, 11, 27, 9, 30, tzinfo=HCM),
        applicant=Applicant(name="Nguyễn Thị Ngọc Ánh", phone="0912345678", address="12 Hàng Bạc"),
        components=[ComponentInput(component=w.version.components.first())],
    )
    data = form_data(dossier)
    assert data.officer_name == "Nguyễn Thị Lan"
    assert data.lead_agency == "Sở Tư pháp" and data.coordinating_agencies == ["Sở Nội vụ"]
    text = pdf_text(render_form("01", data))
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert dossier.code in text
    assert "Nguyễn Thị Ngọc Ánh" in text
    assert "09:30 ngày 27/11/2026" in text
    assert "1 ngày làm việc" in text
    assert BIRTH_CERTIFICATE[:30] in text.replace("\n", " ")
