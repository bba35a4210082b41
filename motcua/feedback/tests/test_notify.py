import pytest
from django.core import mail

from motcua.dossiers import sms
from motcua.feedback import services

from .conftest import vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def outboxes(settings):
    settings.MOTCUA_SMS_BACKEND = "motcua.dossiers.sms.LocmemBackend"
    settings.MOTCUA_PUBLIC_BASE_URL = "https://dichvucong.example.vn"
    sms.outbox.clear()
    yield mail.outbox, sms.outbox
    sms.outbox.clear()


def test_sender_is_told_of_the_answer_by_email_and_sms(file_web, binh, justice, outboxes,
                                                        django_capture_on_commit_callbacks):
    emails, texts = outboxes
    item = file_web(agency=justice, email="mai@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_feedback(item, actor=binh, at=vn(2026, 11, 23, 10, 0))
    assert emails == [] and texts == []  # acceptance is not worth a message
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_feedback(item, actor=binh, at=vn(2026, 11, 23, 11, 0), answer="Ông An đã nhận kết quả.")
    assert [m.to for m in emails] == [["mai@example.vn"]] and [t.to for t in texts] == ["0912345678"]
    assert item.code in emails[0].subject
    assert "https://dichvucong.example.vn/phan-anh/tra-cuu/" in texts[0].text
    assert "Ông An" not in texts[0].text and "Ông An" not in emails[0].body  # the answer stays behind the code


def test_refusal_goes_by_email_only_when_there_is_no_phone(file_web, binh, justice, outboxes,
                                                            django_capture_on_commit_callbacks):
    item = file_web(agency=justice, phone="", email="mai@example.vn")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.refuse_feedback(item, actor=binh, at=vn(2026, 11, 23, 10, 0), reason="Nội dung là khiếu nại")
    assert callbacks  # the notification (and the public pages' version bumps) run after the commit
    assert len(outboxes[0]) == 1 and outboxes[1] == []
    assert "từ chối" in outboxes[0][0].body
