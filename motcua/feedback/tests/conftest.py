"""The shared test city (tests/world.py): Bình (handler, Sở Tư pháp) works feedback and publishes answers by her
head Minh's recorded delegation; Hùng (reception at a ward) is always refused elsewhere."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from motcua.units.models import Delegation

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(*args):
    return datetime(*args, tzinfo=VN)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def centre(world):
    return world.centre


@pytest.fixture
def justice(world):
    return world.justice


@pytest.fixture
def ward(world):
    return world.ward


@pytest.fixture
def binh(world):
    Delegation.objects.create(agency=world.justice, delegate=world.binh, power="feedback_publish",
                              granted_by=world.minh, granted_at=vn(2026, 1, 5, 8, 0))
    return world.binh


@pytest.fixture
def hung(world):
    return world.hung


@pytest.fixture
def file_web():
    """File a web item as an anonymous citizen; keyword arguments override the defaults."""
    from motcua.feedback import services
    from motcua.feedback.models import Category, Channel

    def make(**overrides):
        data = {
            "category": Category.PROCEDURE,
            "title": "Chậm trả kết quả đăng ký khai sinh",
            "content": "Tôi nộp hồ sơ đã quá hạn mà chưa nhận được kết quả.",
            "channel": Channel.WEB,
            "at": vn(2026, 11, 23, 9, 0),
            "citizen_name": "Nguyễn Văn An",
            "phone": "0912345678",
            "ip": "203.0.113.5",
        }
        data.update(overrides)
        return services.file_feedback(**data)

    return make
