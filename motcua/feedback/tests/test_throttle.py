from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from motcua.feedback.models import Channel, Feedback
from motcua.limits.services import TooManyRequests

from .conftest import vn

pytestmark = pytest.mark.django_db


def test_it_limits_anonymous_filing_per_ip(file_web, centre, settings):
    settings.MOTCUA_LIMITS = {"feedback_address": (2, 3600), "feedback_contact": (100, 86400)}
    file_web(phone="0900000001")
    file_web(phone="0900000002")
    with pytest.raises(TooManyRequests) as refused:
        file_web(phone="0900000003")
    assert refused.value.status == 429
    assert Feedback.objects.count() == 2
    file_web(phone="0900000004", ip="198.51.100.7")  # another address is not affected
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):  # the next hour's window
        file_web(phone="0900000005")
    assert Feedback.objects.count() == 4


def test_it_limits_anonymous_filing_per_contact(file_web, centre, settings):
    settings.MOTCUA_LIMITS = {"feedback_address": (100, 3600), "feedback_contact": (2, 86400)}
    file_web(ip="198.51.100.1")
    file_web(ip="198.51.100.2", phone="0912 345 678")  # the same number written differently
    with pytest.raises(TooManyRequests):
        file_web(ip="198.51.100.3")
    file_web(ip="198.51.100.3", phone="", email="mai@example.vn")
    assert Feedback.objects.count() == 3


def test_officers_filing_on_behalf_are_not_limited(file_web, binh, justice, settings):
    settings.MOTCUA_LIMITS = {"feedback_address": (1, 3600), "feedback_contact": (1, 86400)}
    for _ in range(3):
        file_web(actor=binh, channel=Channel.LETTER, agency=justice)
    assert Feedback.objects.count() == 3


def test_it_limits_tracking_lookups(file_web, centre, settings):
    from motcua.feedback.services import find_for_sender
    from motcua.lib.errors import NotFound

    settings.MOTCUA_LIMITS = {"feedback_lookup": (3, 3600)}
    item = file_web()
    for tail in ("0000", "0001", "0002"):
        with pytest.raises(NotFound):
            find_for_sender(item.code, tail, ip="203.0.113.9", at=vn(2026, 11, 23, 9, 30))
    with pytest.raises(TooManyRequests):
        find_for_sender(item.code, "5678", ip="203.0.113.9", at=vn(2026, 11, 23, 9, 30))
