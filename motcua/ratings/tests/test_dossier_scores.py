"""TT 01/2018 Art.13 indicators 1–4 and 7 (2 / 1 / 0) from real event sequences made by the dossiers services.

The dossier of the fixtures is accepted Tuesday 01/12/2026 09:00 with 5 working days: due Tuesday 08/12 09:00.
Route: appraisal at the centre (8 working hours: due Wed 02/12 09:00), decision at Sở Tư pháp (16 working hours from the centre's handover).
"""

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest

from motcua.ratings import services
from motcua.ratings.dossier_scores import compare_days, dossier_scores, score_events

from .base import HCM, T0, returned_dossier, submit

GOOD = {"time": "2", "contacts": "2", "information": "2", "attitude": "2", "cost": "2"}


def at(day, hour, minute=0):
    return datetime(2026, 12, day, hour, minute, tzinfo=HCM)


@pytest.mark.parametrize(
    "finished, expected",
    [
        (at(7, 16), 2),  # Monday, the day before the due day: shorter than the limit
        (at(8, 8, 30), 1),  # the due day, before 09:00: equal
        (at(8, 9, 0), 1),  # exactly at the due moment still counts as on time
        (at(8, 10), 0),  # the due day but after 09:00: longer (the dossiers app marks it late too)
        (at(9, 8), 0),  # the next day
    ],
)
def test_total_time_against_the_limit(version, world, finished, expected):
    dossier = returned_dossier(version, world, finished=finished)
    assert dossier_scores(dossier).total_time == expected


@pytest.mark.parametrize(
    "a_done, c_done, expected",
    [
        (at(1, 15), at(2, 10), {"a": 2, "c": 2}),  # both units finish on an earlier day than their limits
        (at(2, 8), at(2, 10), {"a": 1, "c": 2}),  # A on its due day (Wed, due 09:00), C early
        (at(2, 11), at(4, 16), {"a": 0, "c": 0}),  # A two hours late; C after its limit
    ],
)
def test_each_units_time_against_its_own_limit(version, world, a_done, c_done, expected):
    dossier = returned_dossier(version, world, a_done=a_done, c_done=c_done, finished=at(7, 9))
    scores = dossier_scores(dossier)
    assert scores.unit_times == {world.centre.pk: expected["a"], world.justice.pk: expected["c"]}
    assert scores.unit_time == min(expected.values())


def test_contacts_count_the_supplement_requests(version, world):
    assert dossier_scores(returned_dossier(version, world)).contacts == 2
    asked_once = returned_dossier(version, world, supplement=True)
    assert asked_once.supplement_count == 1
    assert dossier_scores(asked_once).contacts == 1


def ev(kind, when, to_status="processing", agency_id=1, **data):
    return SimpleNamespace(kind=kind, at=when, to_status=to_status, agency_id=agency_id, data=data)


def test_contacts_more_than_once_score_zero_unless_the_applicant_is_at_fault():
    due = {"snapshot": {"due_at": at(8, 9).isoformat(), "channel": "online"}}
    base = [ev("submitted", at(1, 9), "submitted", **due), ev("supplement_requested", at(1, 10), "supplement_requested")]
    done = ev("result_issued", at(4, 9), "done", **due)
    twice = base + [ev("supplement_requested", at(2, 10), "supplement_requested"), done]
    assert score_events(twice).contacts == 0
    second_was_applicants_fault = base + [
        ev("supplement_requested", at(2, 10), "supplement_requested", applicant_at_fault=True), done]
    assert score_events(second_was_applicants_fault).contacts == 1


@pytest.mark.parametrize(
    "channel, delivery, expected",
    [
        ("online", "online", 2),  # filed and received online: no agency visited
        ("postal", "post", 2),  # by post both ways
        ("online", "counter", 1),  # came to the one-stop to collect the result
        ("direct", "counter", 1),  # handed in and collected at the one-stop only
    ],
)
def test_agencies_contacted(version, world, channel, delivery, expected):
    dossier = returned_dossier(version, world, channel=channel, delivery=delivery)
    assert dossier_scores(dossier).agencies_contacted == expected


def test_a_visit_to_another_agency_scores_zero():
    snap = {"snapshot": {"channel": "online", "due_at": at(8, 9).isoformat()}}
    events = [ev("submitted", at(1, 9), "submitted", **snap),
              ev("appointment", at(2, 9), agency_id=3, citizen_contact=True),
              ev("result_issued", at(4, 9), "done", **snap),
              ev("returned", at(4, 10), "returned", delivery="online")]
    assert score_events(events, receiving_agency_id=1).agencies_contacted == 0


@pytest.mark.parametrize(
    "finished, evaluation, complaints, expected",
    [
        (at(4, 9), None, 0, 2),  # early, no complaint
        (at(8, 8), None, 0, 1),  # on the due day, no complaint
        (at(9, 9), None, 0, 0),  # late (a late dossier without complaint scores 0)
        (at(4, 9), GOOD | {"attitude": "0"}, 0, 0),  # the citizen reported improper conduct
        (at(4, 9), GOOD | {"cost": "0"}, 0, 0),  # the citizen reported an unofficial payment
        (at(4, 9), GOOD | {"attitude": "1"}, 0, 2),  # "bình thường" is not a complaint
        (at(4, 9), None, 1, 0),  # a complaint filed through the feedback hotline, counted by the caller
    ],
)
def test_attitude(version, world, finished, evaluation, complaints, expected):
    dossier = returned_dossier(version, world, finished=finished)
    if evaluation:
        services.submit_evaluation(dossier, answers=evaluation, at=finished + timedelta(hours=2))
    assert dossier_scores(dossier, complaints=complaints).attitude == expected


def test_an_open_dossier_has_no_scores_yet(version, world):
    scores = dossier_scores(submit(version, world))
    assert (scores.total_time, scores.contacts, scores.agencies_contacted, scores.attitude) == (None,) * 4
    assert scores.unit_times == {}


def test_scoring_a_dossier_takes_three_queries(version, world, django_assert_num_queries):
    dossier = returned_dossier(version, world)
    with django_assert_num_queries(3):
        dossier_scores(dossier)


def test_days_are_local_days():
    # 23:30 on 07/12 in Hanoi is 16:30 UTC the same day; 00:30 on 08/12 is 17:30 UTC on 07/12.
    due = at(8, 9)
    assert compare_days(at(7, 23, 30), due) == 2
    assert compare_days(at(8, 0, 30), due) == 1
    assert compare_days(T0 + timedelta(days=7, minutes=1), due) == 0
