"""Text messages (SMS) to citizens through a pluggable backend, chosen like EMAIL_BACKEND by a dotted path.

    MOTCUA_SMS_BACKEND = "motcua.dossiers.sms.ConsoleBackend"   # default: print to stdout
                         "motcua.dossiers.sms.FileBackend"      # one .txt per message in MOTCUA_SMS_FILE_PATH
                         "motcua.dossiers.sms.LocmemBackend"    # tests: messages kept in `sms.outbox`

A real gateway (a telecom's brand-name SMS API) implements `BaseBackend.send_messages`; none is reachable from
the development sandbox, so none ships here.
"""

import logging
import sys
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

outbox: list["SmsMessage"] = []


@dataclass(frozen=True)
class SmsMessage:
    to: str
    text: str


class BaseBackend:
    def __init__(self, fail_silently=False):
        self.fail_silently = fail_silently

    def send_messages(self, messages: list[SmsMessage]) -> int:
        """Send `messages` and return how many were sent; raise on failure unless fail_silently."""
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    _lock = threading.Lock()

    def __init__(self, fail_silently=False, stream=None):
        super().__init__(fail_silently)
        self.stream = stream or sys.stdout

    def send_messages(self, messages):
        with self._lock:
            for m in messages:
                self.stream.write(f"SMS to {m.to}: {m.text}\n")
            self.stream.flush()
        return len(messages)


class FileBackend(BaseBackend):
    def __init__(self, fail_silently=False, path=None):
        super().__init__(fail_silently)
        self.path = Path(path or settings.MOTCUA_SMS_FILE_PATH)

    def send_messages(self, messages):
        self.path.mkdir(parents=True, exist_ok=True)
        for m in messages:
            name = f"{datetime.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.txt"
            (self.path / name).write_text(f"To: {m.to}\n\n{m.text}\n", encoding="utf-8")
        return len(messages)


class LocmemBackend(BaseBackend):
    def send_messages(self, messages):
        outbox.extend(messages)
        return len(messages)


def get_backend(fail_silently=False) -> BaseBackend:
    return import_string(settings.MOTCUA_SMS_BACKEND)(fail_silently=fail_silently)


def send_sms(to: str, text: str, *, fail_silently=False) -> int:
    """Send one text message to phone number `to`; return 1 if sent, 0 if there was no number."""
    if not to:
        return 0
    return get_backend(fail_silently).send_messages([SmsMessage(to=to, text=text)])


def send_email_and_sms(*, email, phone, subject, text, email_text=None, label=""):
    """Send `text` by email and SMS to whichever of `email` / `phone` is given; return {"email": n, "sms": n}.

    A failing mail server or gateway is logged, not raised: the act that triggered the message stands.
    """
    sent = {"email": 0, "sms": 0}
    if email:
        try:
            sent["email"] = send_mail(subject, email_text or text, None, [email])
        except Exception:
            logging.getLogger(__name__).exception("email for %s failed", label)
    if phone:
        try:
            sent["sms"] = send_sms(phone, text)
        except Exception:
            logging.getLogger(__name__).exception("SMS for %s failed", label)
    return sent
