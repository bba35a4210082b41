"""units.access: staff of an agency are its members, in their role; a superuser is no exception (the shared city,
tests/world.py: Lan receives at the centre, Minh heads Sở Tư pháp, Ánh is a citizen)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from motcua.units import access
from motcua.units.models import Membership
from tests.world import city_leader

pytestmark = pytest.mark.django_db


def test_membership_and_only_membership_makes_staff(world):
    lan, citizen = world.lan, world.anh
    root = get_user_model().objects.create_superuser("root")
    assert access.agency_ids_of(lan) == {world.centre.id} and access.is_staff(lan)
    assert list(access.staff_agencies(lan)) == [world.centre]
    assert access.roles_in(lan, [world.centre.id, world.justice.id]) == {"reception"}
    for outsider in (root, citizen):
        assert access.agency_ids_of(outsider) == set() and not access.is_staff(outsider)
        assert not access.is_leader(outsider)


def test_heads_and_city_leaders(world):
    head, leader = world.minh, city_leader(world.home_affairs)
    Membership.objects.create(user=head, agency=world.home_affairs, role=Membership.Role.HANDLER)
    assert list(access.headed_agencies(head)) == [world.justice]
    assert access.is_leader(leader) and not access.is_leader(head)


def test_staff_only_lets_members_in_and_turns_refusals_into_pages(world):
    from django.contrib.auth.models import AnonymousUser

    from motcua.lib.errors import Conflict

    lan, root = world.lan, get_user_model().objects.create_superuser("root")

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
