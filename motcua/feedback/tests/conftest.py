"""Named people: Lan (officer at the Justice Department, publishing answers by its head's recorded delegation), Hùng (officer at a ward, always refused elsewhere)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from motcua.units.models import Agency, Delegation, Membership, Province

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(*args):
    return datetime(*args, tzinfo=VN)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hanoi(db):
    return Province.objects.create(code="1", name="Thành phố Hà Nội", short_name="Hà Nội")


@pytest.fixture
def centre(hanoi):
    return Agency.objects.create(code="T01-TTPVHCC", name="Trung tâm Phục vụ hành chính công thành phố Hà Nội",
                                 kind=Agency.Kind.CENTRE, province=hanoi)


@pytest.fixture
def justice(hanoi):
    return Agency.objects.create(code="T01-SO-TP", name="Sở Tư pháp Hà Nội", kind=Agency.Kind.DEPARTMENT,
                                 province=hanoi)


@pytest.fixture
def ward(hanoi):
    return Agency.objects.create(code="T01-X00004", name="UBND phường Ba Đình", kind=Agency.Kind.COMMUNE_PC,
                                 province=hanoi)


@pytest.fixture
def lan(django_user_model, justice, centre):
    user = django_user_model.objects.create_user("lan", first_name="Lan")
    Membership.objects.create(user=user, agency=justice, role=Membership.Role.HANDLER)
    Membership.objects.create(user=user, agency=centre, role=Membership.Role.RECEPTION)
    head = django_user_model.objects.create_user("thanh", first_name="Thanh")
    Membership.objects.create(user=head, agency=justice, role=Membership.Role.HEAD)
    Delegation.objects.create(agency=justice, delegate=user, power="feedback_publish", granted_by=head,
                              granted_at=vn(2026, 1, 5, 8, 0))
    return user


@pytest.fixture
def hung(django_user_model, ward):
    user = django_user_model.objects.create_user("hung", first_name="Hùng")
    Membership.objects.create(user=user, agency=ward, role=Membership.Role.HANDLER)
    return user


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
