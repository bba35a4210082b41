"""The security tests' city: the shared one (tests/world.py) with a dossier of the citizen Ánh received by the
service centre and a feedback item; the citizen Chi has nothing of her own there."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers.services import Applicant, ComponentInput, accept_dossier, submit_dossier
from motcua.feedback import services as feedback

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def city(world):
    w = world
    scan = SimpleUploadedFile("a.pdf", b"%PDF-1.4 a", content_type="application/pdf")
    dossier = submit_dossier(w.version, channel="online", at=datetime(2026, 11, 27, 8, 0, tzinfo=HCM),
                             citizen=w.anh, applicant=Applicant(name="Nguyễn Thị Ngọc Ánh", phone="0912345678",
                                                                id_number="001190012345",
                                                                email="anh.secret@example.vn"),
                             components=[ComponentInput(component=w.version.components.first(), files=[scan])])
    dossier = accept_dossier(dossier, actor=w.lan, at=datetime(2026, 11, 27, 9, 0, tzinfo=HCM))
    item = feedback.file_feedback(category="thu_tuc", title="Chậm trả kết quả", content="Hồ sơ chậm.",
                                  channel="web", at=datetime(2026, 11, 27, 10, 0, tzinfo=HCM), ip="192.0.2.1",
                                  citizen_name="Nguyễn Thị Ngọc Ánh", phone="0912345678", agency=w.centre)
    return w, dossier, item, w.chi
