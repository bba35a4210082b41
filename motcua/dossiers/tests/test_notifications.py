"""Notifications to the citizen: message text per event, email + SMS delivery, SMS backends."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from motcua.dossiers import sms
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.notifications import compose, deliver

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def locmem_sms(settings):
    settings.MOTCUA_SMS_BACKEND = "motcua.dossiers.sms.LocmemBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


def event(kind, **dossier_fields):
    values = dict(
        code="T01-TTPVHCC-261127-0001",
        applicant_name="Lê Văn Hùng",
        applicant_phone="0987654321",
        applicant_email="hung@example.vn",
        accepted_at=datetime(2026, 11, 27, 9, 0, tzinfo=HCM),
        due_at=datetime(2026, 12, 2, 9, 0, tzinfo=HCM),
    )
    return DossierEvent(kind=kind, dossier=Dossier(**(values | dossier_fields)), note="Thiếu chữ ký")


def test_accepted_message_gives_the_code_due_time_and_tracking_link(settings):
    settings.MOTCUA_PUBLIC_BASE_URL = "https://dichvucong.example.vn"
    subject, text = compose(event("accepted"))
    assert "T01-TTPVHCC-261127-0001" in subject
    assert "Hẹn trả kết quả: 09:00 ngày 02/12/2026" in text
    assert "https://dichvucong.example.vn/tra-cuu/?ma=T01-TTPVHCC-261127-0001" in text


def test_apology_message_gives_the_reason_and_new_date():
    _, text = compose(event("apology", due_at=datetime(2026, 12, 9, 16, 30, tzinfo=HCM)))
    assert "xin lỗi" in text and "Thiếu chữ ký" in text and "16:30 ngày 09/12/2026" in text


def test_internal_events_are_not_told_to_the_citizen():
    assert compose(event("handover")) is None


def test_it_sends_one_email_and_one_sms(locmem_sms):
    assert deliver(event("result_issued")) == {"email": 1, "sms": 1}
    assert mail.outbox[0].to == ["hung@example.vn"]
    assert "đã có kết quả" in mail.outbox[0].body
    assert locmem_sms[0].to == "0987654321"


def test_it_skips_channels_without_an_address(locmem_sms):
    assert deliver(event("accepted", applicant_email="", applicant_phone="")) == {"email": 0, "sms": 0}
    assert mail.outbox == [] and locmem_sms == []


def test_a_failing_sms_gateway_does_not_stop_the_email(settings, locmem_sms):
    settings.MOTCUA_SMS_BACKEND = "motcua.dossiers.tests.test_notifications.BrokenBackend"
    assert deliver(event("accepted")) == {"email": 1, "sms": 0}


class BrokenBackend(sms.BaseBackend):
    def send_messages(self, messages):
        raise ConnectionError("gateway unreachable")


def test_file_backend_writes_one_file_per_message(tmp_path):
    backend = sms.FileBackend(path=tmp_path / "sms")
    backend.send_messages([sms.SmsMessage("0900000001", "Hồ sơ đã được tiếp nhận")])
    [written] = (tmp_path / "sms").iterdir()
    assert written.read_text(encoding="utf-8") == "To: 0900000001\n\nHồ sơ đã được tiếp nhận\n"


def test_console_backend_prints_the_message():
    out = io.StringIO()
    sms.ConsoleBackend(stream=out).send_messages([sms.SmsMessage("0900000001", "Xin chào")])
    assert out.getvalue() == "SMS to 0900000001: Xin chào\n"


@pytest.mark.django_db
def test_accepting_a_dossier_texts_the_citizen_in_the_background(locmem_sms, django_capture_on_commit_callbacks):
    from motcua.dossiers.services import Applicant, ComponentInput, submit_dossier
    from tests.world import build_world

    w = build_world()
    with django_capture_on_commit_callbacks(execute=True):
        d = submit_dossier(w.version, channel="direct", actor=w.lan, agency=w.centre,
                           at=datetime(2026, 11, 27, 9, 0, tzinfo=HCM),
                           applicant=Applicant(name="Lê Văn Hùng", phone="0987654321", email="hung@example.vn"),
                           components=[ComponentInput(component=w.version.components.first())])
    [text] = [m for m in locmem_sms if d.code in m.text]
    assert text.to == "0987654321" and "đã được tiếp nhận" in text.text
    assert any(d.code in m.subject for m in mail.outbox)
