"""units.access: staff of an agency are its members, in their role; a superuser is no exception."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from motcua.units import access
from motcua.units.models import Agency, Membership, Province

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies():
    hanoi = Province.objects.create(code="1", name="Thành phố Hà Nội", short_name="Hà Nội")
    make = lambda code, name: Agency.objects.create(code=code, name=name, kind=Agency.Kind.COMMUNE_PC,  # noqa: E731
                                                    province=hanoi)
    return make("T01-X00004", "UBND phường Ba Đình"), make("T01-X00008", "UBND phường Ngọc Hà")


def test_membership_and_only_membership_makes_staff(agencies):
    ba_dinh, ngoc_ha = agencies
    User = get_user_model()
    lan, root, citizen = User.objects.create_user("lan"), User.objects.create_superuser("root"), User.objects.create_user("dan")
    Membership.objects.create(user=lan, agency=ba_dinh, role=Membership.Role.RECEPTION)
    assert access.agency_ids_of(lan) == {ba_dinh.id} and access.is_staff(lan)
    assert list(access.staff_agencies(lan)) == [ba_dinh]
    assert access.roles_in(lan, [ba_dinh.id, ngoc_ha.id]) == {"reception"}
    for outsider in (root, citizen):
        assert access.agency_ids_of(outsider) == set() and not access.is_staff(outsider)
        assert not access.is_leader(outsider)


def test_heads_and_city_leaders(agencies):
    ba_dinh, ngoc_ha = agencies
    User = get_user_model()
    head, leader = User.objects.create_user("minh"), User.objects.create_user("hung")
    Membership.objects.create(user=head, agency=ba_dinh, role=Membership.Role.HEAD)
    Membership.objects.create(user=head, agency=ngoc_ha, role=Membership.Role.HANDLER)
    Membership.objects.create(user=leader, agency=ngoc_ha, role=Membership.Role.LEADER)
    assert list(access.headed_agencies(head)) == [ba_dinh]
    assert access.is_leader(leader) and not access.is_leader(head)


def test_staff_only_lets_members_in_and_turns_refusals_into_pages(agencies):
    from django.contrib.auth.models import AnonymousUser

    from motcua.lib.errors import Conflict

    User = get_user_model()
    lan, root = User.objects.create_user("lan"), User.objects.create_superuser("root")
    Membership.objects.create(user=lan, agency=agencies[0], role=Membership.Role.RECEPTION)

    @access.staff_only
    def page(request):
        if request.GET.get("conflict"):
            raise Conflict("Không thể.")
        from django.http import HttpResponse
        return HttpResponse("ok")

    def get(user, path="/"):
        request = RequestFactory().get(path)
        request.user = user
        return page(request)

    assert get(lan).status_code == 200
    assert get(root).status_code == 403
    assert get(AnonymousUser()).status_code == 302  # to the login page
    assert get(lan, "/?conflict=1").status_code == 409
