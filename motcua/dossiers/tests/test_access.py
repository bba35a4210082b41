"""Who sees and acts on which dossier."""

import pytest

from motcua.dossiers import services
from motcua.dossiers.access import (
    dossiers_visible_to,
    get_dossier_for_citizen,
    get_dossier_for_staff,
    get_dossier_for_tracking,
)
from motcua.dossiers.errors import DossierNotFound, NotAllowed
from motcua.units.models import ViewRecord

from .base import T0, accepted_dossier, submit_online, two_agency_route

PAGE = ViewRecord.Page.CONSOLE_DOSSIER


def test_staff_see_only_their_agencies_dossiers(world, version):
    dossier = accepted_dossier(version, world)
    assert list(dossiers_visible_to(world.lan)) == [dossier]
    assert list(dossiers_visible_to(world.hung)) == []
    assert get_dossier_for_staff(world.quang, dossier.code, page=PAGE) == dossier
    seen = ViewRecord.objects.get()
    assert (seen.user, seen.code, seen.agency, seen.via_agency, seen.via_role, seen.page) == (
        world.quang, dossier.code, world.centre, world.centre, "head", PAGE)


def test_it_refuses_staff_of_other_unit(world, version):
    dossier = accepted_dossier(version, world)
    with pytest.raises(DossierNotFound):
        get_dossier_for_staff(world.hung, dossier.code, page=PAGE)
    assert not ViewRecord.objects.exists()  # nothing seen, nothing recorded
    with pytest.raises(NotAllowed):
        services.assign_handler(dossier, actor=world.hung, handler=world.hung, at=T0)
    with pytest.raises(NotAllowed):
        services.refuse_dossier(dossier, actor=world.hung, at=T0, reason="Không đủ điều kiện")
    dossier.refresh_from_db()
    assert dossier.events.count() == 2


def test_an_agency_on_the_route_sees_the_dossier(world, version):
    two_agency_route(version, world)
    dossier = accepted_dossier(version, world)
    assert get_dossier_for_staff(world.binh, dossier.code, page=PAGE) == dossier
    seen = ViewRecord.objects.get()  # seen by a member of the agency on the route, as such
    assert (seen.agency, seen.via_agency, seen.via_role) == (world.centre, world.justice, "handler")


def test_only_the_head_assigns_a_handler(world, version):
    dossier = accepted_dossier(version, world)
    with pytest.raises(NotAllowed, match="Lãnh đạo đơn vị"):
        services.assign_handler(dossier, actor=world.lan, handler=world.lan, at=T0)


def test_citizens_see_only_their_own(world, version):
    dossier = submit_online(version, world)
    assert list(dossiers_visible_to(world.chi)) == [dossier]
    assert get_dossier_for_citizen(world.chi, dossier.reference) == dossier
    with pytest.raises(DossierNotFound):
        get_dossier_for_citizen(world.hung, dossier.reference)


@pytest.mark.parametrize(("secret", "found"), [("5678", True), ("2345", True), ("1234", False), ("", False)])
def test_tracking_needs_the_last_four_digits_of_phone_or_id(world, version, secret, found):
    dossier = accepted_dossier(version, world)
    if found:
        assert get_dossier_for_tracking(dossier.code, secret) == dossier
    else:
        with pytest.raises(DossierNotFound):
            get_dossier_for_tracking(dossier.code, secret)
