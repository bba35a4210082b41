"""The workflow map and illegal moves."""

import pytest

from motcua.dossiers import services
from motcua.dossiers.errors import IllegalTransition
from motcua.dossiers.workflow import ALLOWED_TRANSITIONS, NATIONAL_CODE, TERMINAL_STATUSES, Status, can_move

from .base import T0, accepted_dossier, submit_online


def test_every_status_has_its_national_code():
    assert sorted(NATIONAL_CODE[s] for s in Status) == list(range(1, 11))
    assert set(ALLOWED_TRANSITIONS) == set(Status)


@pytest.mark.parametrize(
    ("a", "b", "allowed"),
    [
        ("submitted", "accepted", True),  # an officer accepts an online dossier
        ("submitted", "done", False),  # nothing is decided before it is accepted
        ("accepted", "processing", True),  # the head assigns a handler
        ("processing", "returned", False),  # a result is issued before it is returned
        ("done", "returned", True),
        ("returned", "processing", False),  # returned is final
        ("stopped", "processing", False),  # stopped is final
        ("withdrawal_requested", "stopped", True),  # a withdrawal ends in a stop
        ("supplement_requested", "processing", True),  # supplied during appraisal
        ("supplement_requested", "submitted", True),  # supplied at intake
    ],
)
def test_transition_table(a, b, allowed):
    assert can_move(a, b) is allowed


def test_terminal_statuses():
    assert TERMINAL_STATUSES == {Status.NOT_ACCEPTED, Status.STOPPED, Status.RETURNED}


def test_an_illegal_move_is_refused_and_writes_nothing(world, version):
    dossier = submit_online(version, world)
    with pytest.raises(IllegalTransition, match="“Mới đăng ký” sang “Đã trả kết quả”"):
        services.return_result(dossier, actor=world.lan, at=T0)
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED and dossier.events.count() == 1


def test_a_dossier_cannot_be_accepted_twice(world, version):
    dossier = accepted_dossier(version, world)
    with pytest.raises(IllegalTransition):
        services.accept_dossier(dossier, actor=world.lan, at=T0)
    dossier.refresh_from_db()
    assert dossier.code.endswith("-0001")


def test_steps_do_not_move_while_waiting_for_papers(world, version):
    dossier = accepted_dossier(version, world)
    dossier = services.request_supplement(dossier, actor=world.lan, at=T0, reason="Thiếu tờ khai")
    with pytest.raises(IllegalTransition, match="chưa thể chuyển bước"):
        services.complete_step(dossier, actor=world.lan, at=T0)
    with pytest.raises(IllegalTransition):
        services.assign_handler(dossier, actor=world.quang, handler=world.lan, at=T0)
