"""Satisfaction facts per unit and officer, by period, with the counts behind every rate."""

import uuid
from datetime import date, datetime, timedelta

import pytest

from motcua.ratings import services
from motcua.ratings.facts import counter_facts, evaluation_facts, satisfaction_facts, survey_facts
from motcua.ratings.index import wilson_interval
from motcua.ratings.models import Content, CounterDevice, Element

from .base import HCM, returned_dossier

GOOD = {"time": "2", "contacts": "2", "information": "2", "attitude": "2", "cost": "2"}


@pytest.fixture
def counters(world):
    at_a = CounterDevice.objects.create(agency=world.centre, counter="Quầy 1", officer=world.lan.memberships.get())
    at_b = CounterDevice.objects.create(agency=world.ward, counter="Quầy 1", officer=world.hung.memberships.get())
    return at_a, at_b


def press(device, score, when):
    return services.record_counter_rating(device, score=score, client_id=uuid.uuid4(), at=when)


def test_counter_facts_per_unit_and_officer(counters, world):
    at_a, at_b = counters
    when = datetime(2026, 12, 1, 10, 0, tzinfo=HCM)
    for score in (5, 4, 4, 2):
        press(at_a, score, when)
    press(at_b, 1, when)
    by_unit = counter_facts()
    a = by_unit[(world.centre.pk, None)]
    assert (a.counter_n, a.counter_satisfied, a.counter_rate) == (4, 3, 0.75)
    assert a.counter_interval == wilson_interval(3, 4)
    assert by_unit[(world.ward.pk, None)].counter_rate == 0
    by_officer = counter_facts(by="officer")
    assert by_officer[(world.lan.pk, None)].counter_n == 4
    assert by_officer[(world.hung.pk, None)].counter_n == 1


def test_periods_follow_the_hanoi_calendar(counters, world):
    at_a, _ = counters
    # 00:30 on 01/12 in Hanoi is still 30/11 in UTC: it belongs to December here.
    press(at_a, 5, datetime(2026, 12, 1, 0, 30, tzinfo=HCM))
    press(at_a, 1, datetime(2026, 11, 30, 23, 30, tzinfo=HCM))
    press(at_a, 4, datetime(2026, 12, 31, 23, 59, tzinfo=HCM))
    facts = counter_facts(period="month")
    assert facts[(world.centre.pk, date(2026, 11, 1))].counter_n == 1
    assert facts[(world.centre.pk, date(2026, 12, 1))].counter_n == 2
    days = counter_facts(period="day")
    assert days[(world.centre.pk, date(2026, 12, 1))].counter_satisfied == 1


def test_facts_respect_the_range_end_exclusive(counters, world):
    at_a, _ = counters
    start = datetime(2026, 12, 1, tzinfo=HCM)
    press(at_a, 5, start - timedelta(seconds=1))
    press(at_a, 5, start)
    press(at_a, 5, start + timedelta(days=1))
    facts = counter_facts(start=start, end=start + timedelta(days=1))
    assert facts[(world.centre.pk, None)].counter_n == 1


def test_evaluation_facts_count_complaints_and_mean_points(version, world):
    first = returned_dossier(version, world)
    second = returned_dossier(version, world)
    when = datetime(2026, 12, 3, 9, 0, tzinfo=HCM)
    services.submit_evaluation(first, answers=GOOD, at=when)
    services.submit_evaluation(second, answers=GOOD | {"attitude": "0", "time": "0"}, at=when)
    fact = evaluation_facts()[(world.centre.pk, None)]
    assert (fact.evaluations_n, fact.evaluation_complaints, fact.complaint_rate) == (2, 1, 0.5)
    assert (fact.evaluation_early, fact.evaluation_late) == (1, 1)
    assert fact.evaluation_points["attitude"] == 1.0 and fact.evaluation_points["information"] == 2.0
    assert "online" not in fact.evaluation_points  # nobody answered it
    assert evaluation_facts(by="officer")[(world.lan.pk, None)].evaluations_n == 2


def test_survey_facts_and_the_merged_view(counters, world):
    survey = services.create_survey_from_template("sipas", title="Khảo sát", actor=world.quang, agencies=[world.centre])
    officer_q = survey.questions.get(element=Element.OFFICER, content=Content.SATISFACTION)
    access_q = survey.questions.get(element=Element.ACCESS, content=Content.SATISFACTION)
    required = {q.pk: 4 for q in survey.questions.filter(required=True)}
    when = datetime(2026, 12, 2, 9, 0, tzinfo=HCM)
    services.submit_survey_response(survey, answers=required | {officer_q.pk: 2, access_q.pk: 5}, agency=world.centre,
                                    at=when)
    fact = survey_facts()[(world.centre.pk, None)]
    assert fact.survey_respondents == 1
    assert (fact.survey_answers, fact.survey_satisfied) == (4, 3)
    press(counters[0], 5, when)
    merged = {f.key: f for f in satisfaction_facts(period="month")}
    a = merged[world.centre.pk]
    assert a.period == date(2026, 12, 1)
    assert (a.counter_n, a.survey_respondents, a.survey_rate) == (1, 1, 0.75)
    assert world.ward.pk not in merged  # no ratings of any kind at the ward: no row (the caller treats it as no data)
