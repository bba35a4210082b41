"""Public tracking guesses: a budget per dossier code and per client address; the owner is never locked out by
other world's wrong guesses behind the same address, and a right answer costs nothing."""

import pytest

from motcua.dossiers.access import get_dossier_for_tracking
from motcua.dossiers.errors import DossierNotFound, TooManyAttempts
from motcua.limits.services import limit

from .base import applicant, submit_online
from .base import services as dossier_services

pytestmark = pytest.mark.django_db
WARD = "203.0.113.50"  # one address shared by a ward office


def _guess(code, secret, client=WARD):
    try:
        get_dossier_for_tracking(code, secret, client=client)
        return "found"
    except TooManyAttempts:
        return "refused"
    except DossierNotFound:
        return "wrong"


def _other_dossier(version, world):
    from .base import T0, required_components

    return dossier_services.submit_dossier(version, channel="online", applicant=applicant(phone="0987654321"),
                                           at=T0, components=required_components(version))


def test_a_code_gets_exactly_its_budget_of_wrong_answers(world, version):
    dossier = submit_online(version, world)
    allowed = limit("tracking_code").allowed
    answers = [_guess(dossier.reference, f"{n:04d}", client=f"198.51.100.{n}") for n in range(allowed + 5)]
    assert answers.count("wrong") == allowed and answers[allowed:] == ["refused"] * 5
    assert _guess(dossier.reference, "5678", client="192.0.2.1") == "refused"  # the code waits out its window


def test_the_owner_behind_a_shared_address_is_not_locked_out(world, version):
    mine, theirs = submit_online(version, world), _other_dossier(version, world)
    allowed = limit("tracking_address").allowed
    answers = [_guess(theirs.reference, f"{n:04d}") for n in range(allowed)]
    assert answers == ["wrong"] * allowed
    assert _guess(theirs.reference, "0000") == "refused"  # the address spent its budget on that code
    assert _guess(mine.reference, "5678") == "found"  # the owner, same address, right digits
    assert _guess(mine.reference, "5678") == "found"


def test_a_spent_address_cannot_go_on_guessing_a_code_it_got_wrong(world, version):
    mine, theirs = submit_online(version, world), _other_dossier(version, world)
    for n in range(limit("tracking_address").allowed):
        _guess(theirs.reference, f"{n:04d}")
    assert _guess(mine.reference, "1111") == "wrong"  # one try on a fresh code
    assert _guess(mine.reference, "5678") == "refused"  # then that code is closed to this address too
    assert _guess(mine.reference, "5678", client="192.0.2.9") == "found"  # not to the owner elsewhere


def test_right_answers_do_not_spend_the_budget(world, version):
    dossier = submit_online(version, world)
    for _ in range(limit("tracking_code").allowed + 3):
        assert _guess(dossier.reference, "5678") == "found"
