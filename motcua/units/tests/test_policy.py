"""units.policy: every action × every role, and the head's recorded delegation (the shared city, tests/world.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from motcua.lib.errors import Forbidden, NotFound
from motcua.units import policy
from motcua.units.models import Delegation, Membership
from tests.world import city_leader

pytestmark = pytest.mark.django_db

R = Membership.Role
WORKING = {R.RECEPTION, R.HANDLER, R.HEAD}
# Written out here, not read from the table: the test pins who may do what.
EXPECTED = {
    "accept": WORKING, "request_supplement": WORKING, "refuse_intake": WORKING, "supplement": WORKING,
    "assign": {R.HEAD}, "complete_step": WORKING, "apologise": WORKING, "request_payment": WORKING,
    "record_payment": WORKING, "refuse": {R.HEAD}, "issue_result": {R.HEAD}, "return_result": WORKING,
    "withdraw": WORKING, "stop": {R.HEAD}, "feedback_handle": WORKING, "feedback_publish": {R.HEAD},
    "view_records": {R.HEAD},
}
# The signing powers, and reading the record of staff views.
DELEGABLE = {"assign", "refuse", "issue_result", "stop", "feedback_publish", "view_records"}


@pytest.fixture
def staff(world):
    """One person of each role in the shared city (tests/world.py), with the agency where they hold it: Hùng
    receives at the ward (no delegation), Bình handles and Minh heads at Sở Tư pháp, Tuấn leads the city."""
    return {R.RECEPTION: (world.hung, world.ward), R.HANDLER: (world.binh, world.justice),
            R.HEAD: (world.minh, world.justice), R.LEADER: (city_leader(world.home_affairs), world.home_affairs)}


def test_the_table_covers_every_action_of_the_console_and_api():
    from motcua.dossiers.actions import ACTIONS

    assert set(ACTIONS) <= set(policy.POLICY)
    assert set(policy.POLICY) == set(EXPECTED)


def test_every_action_for_every_role(world, staff):
    outsider = world.anh
    root = get_user_model().objects.create_superuser("root")
    (reception, ward), (head, justice) = staff[R.RECEPTION], staff[R.HEAD]
    for action, allowed in EXPECTED.items():
        for role, (user, agency) in staff.items():
            assert policy.may(user, action, [agency.id]) == (role in allowed), (action, role)
        assert not policy.may(outsider, action, [ward.id]) and not policy.may(root, action, [ward.id])
        assert policy.POLICY[action].basis  # every row cites its basis
        assert policy.POLICY[action].delegable == (action in DELEGABLE)
        assert policy.agencies_where(head, action) == {justice.id}
        assert policy.agencies_where(reception, action) == ({ward.id} if R.RECEPTION in allowed else set())


def test_the_head_delegates_a_signing_power_recorded_and_revocable(world):
    head, binh, justice = world.minh, world.binh, world.justice
    now = timezone.now()
    assert not policy.may(binh, "issue_result", [justice.id])
    given = policy.delegate(justice, head=head, to=binh, power="issue_result", at=now, note="Quyết định số 12/QĐ-STP")
    assert policy.may(binh, "issue_result", [justice.id]) and not policy.may(binh, "stop", [justice.id])
    assert Delegation.objects.get(delegate=binh).granted_by == head
    policy.revoke(given, head=head, at=now)
    assert not policy.may(binh, "issue_result", [justice.id])
    assert Delegation.objects.get(delegate=binh).revoked_by == head  # kept, not deleted


def test_only_the_head_delegates_only_signing_powers_only_to_members(world):
    head, binh, justice = world.minh, world.binh, world.justice
    now, before = timezone.now(), Delegation.objects.count()
    with pytest.raises(Forbidden):
        policy.delegate(justice, head=binh, to=head, power="stop", at=now)
    with pytest.raises(NotFound):
        policy.delegate(justice, head=head, to=binh, power="accept", at=now)
    with pytest.raises(Forbidden):
        policy.delegate(justice, head=head, to=world.anh, power="stop", at=now)
    assert Delegation.objects.count() == before
