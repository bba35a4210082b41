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


def test_staff_see_only_their_agencies_dossiers(people, version):
    dossier = accepted_dossier(version, people)
    assert list(dossiers_visible_to(people.lan)) == [dossier]
    assert list(dossiers_visible_to(people.hung)) == []
    assert get_dossier_for_staff(people.minh, dossier.code, page=PAGE) == dossier
    seen = ViewRecord.objects.get()
    assert (seen.user, seen.code, seen.agency, seen.via_agency, seen.via_role, seen.page) == (
        people.minh, dossier.code, people.a, people.a, "head", PAGE)


def test_it_refuses_staff_of_other_unit(people, version):
    dossier = accepted_dossier(version, people)
    with pytest.raises(DossierNotFound):
        get_dossier_for_staff(people.hung, dossier.code, page=PAGE)
    assert not ViewRecord.objects.exists()  # nothing seen, nothing recorded
    with pytest.raises(NotAllowed):
        services.assign_handler(dossier, actor=people.hung, handler=people.hung, at=T0)
    with pytest.raises(NotAllowed):
        services.refuse_dossier(dossier, actor=people.hung, at=T0, reason="Không đủ điều kiện")
    dossier.refresh_from_db()
    assert dossier.events.count() == 2


def test_an_agency_on_the_route_sees_the_dossier(people, version):
    two_agency_route(version, people)
    dossier = accepted_dossier(version, people)
    assert get_dossier_for_staff(people.binh, dossier.code, page=PAGE) == dossier
    seen = ViewRecord.objects.get()  # seen by a member of the agency on the route, as such
    assert (seen.agency, seen.via_agency, seen.via_role) == (people.a, people.c, "handler")


def test_only_the_head_assigns_a_handler(people, version):
    dossier = accepted_dossier(version, people)
    with pytest.raises(NotAllowed, match="Lãnh đạo đơn vị"):
        services.assign_handler(dossier, actor=people.lan, handler=people.lan, at=T0)


def test_citizens_see_only_their_own(people, version):
    dossier = submit_online(version, people)
    assert list(dossiers_visible_to(people.chi)) == [dossier]
    assert get_dossier_for_citizen(people.chi, dossier.reference) == dossier
    with pytest.raises(DossierNotFound):
        get_dossier_for_citizen(people.hung, dossier.reference)


@pytest.mark.parametrize(("secret", "found"), [("5678", True), ("2345", True), ("1234", False), ("", False)])
def test_tracking_needs_the_last_four_digits_of_phone_or_id(people, version, secret, found):
    dossier = accepted_dossier(version, people)
    if found:
        assert get_dossier_for_tracking(dossier.code, secret) == dossier
    else:
        with pytest.raises(DossierNotFound):
            get_dossier_for_tracking(dossier.code, secret)
