"""units.policy: every action × every role, and the head's recorded delegation."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from motcua.lib.errors import Forbidden, NotFound
from motcua.units import policy
from motcua.units.models import Agency, Delegation, Membership, Province

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
def ward():
    hanoi = Province.objects.create(code="1", name="Thành phố Hà Nội", short_name="Hà Nội")
    return Agency.objects.create(code="T01-X00004", name="UBND phường Ba Đình", kind=Agency.Kind.COMMUNE_PC,
                                 province=hanoi)


@pytest.fixture
def staff(ward):
    users = {}
    for role in R:
        users[role] = get_user_model().objects.create_user(f"u-{role}")
        Membership.objects.create(user=users[role], agency=ward, role=role)
    return users


def test_the_table_covers_every_action_of_the_console_and_api():
    from motcua.dossiers.actions import ACTIONS

    assert set(ACTIONS) <= set(policy.POLICY)
    assert set(policy.POLICY) == set(EXPECTED)


def test_every_action_for_every_role(ward, staff):
    outsider = get_user_model().objects.create_user("citizen")
    root = get_user_model().objects.create_superuser("root")
    for action, allowed in EXPECTED.items():
        for role, user in staff.items():
            assert policy.may(user, action, [ward.id]) == (role in allowed), (action, role)
        assert not policy.may(outsider, action, [ward.id]) and not policy.may(root, action, [ward.id])
        assert policy.POLICY[action].basis  # every row cites its basis
        assert policy.POLICY[action].delegable == (action in DELEGABLE)
        assert policy.agencies_where(staff[R.HEAD], action) == {ward.id}
        assert policy.agencies_where(staff[R.RECEPTION], action) == ({ward.id} if R.RECEPTION in allowed else set())


def test_the_head_delegates_a_signing_power_recorded_and_revocable(ward, staff):
    head, lan = staff[R.HEAD], staff[R.RECEPTION]
    now = timezone.now()
    assert not policy.may(lan, "issue_result", [ward.id])
    given = policy.delegate(ward, head=head, to=lan, power="issue_result", at=now, note="Quyết định số 12/QĐ-UBND")
    assert policy.may(lan, "issue_result", [ward.id]) and not policy.may(lan, "stop", [ward.id])
    assert Delegation.objects.get().granted_by == head
    policy.revoke(given, head=head, at=now)
    assert not policy.may(lan, "issue_result", [ward.id])
    assert Delegation.objects.get().revoked_by == head  # kept, not deleted


def test_only_the_head_delegates_only_signing_powers_only_to_members(ward, staff):
    head, lan, handler = staff[R.HEAD], staff[R.RECEPTION], staff[R.HANDLER]
    now = timezone.now()
    with pytest.raises(Forbidden):
        policy.delegate(ward, head=handler, to=lan, power="stop", at=now)
    with pytest.raises(NotFound):
        policy.delegate(ward, head=head, to=lan, power="accept", at=now)
    with pytest.raises(Forbidden):
        policy.delegate(ward, head=head, to=get_user_model().objects.create_user("x"), power="stop", at=now)
    assert not Delegation.objects.exists()
