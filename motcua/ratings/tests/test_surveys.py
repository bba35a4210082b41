"""SIPAS surveys: made from the shipped template, answered by link or QR, summarised with n and an interval."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model

from motcua.ratings import services
from motcua.ratings.errors import RatingError
from motcua.ratings.index import wilson_interval
from motcua.ratings.models import Answer, Content, Element, Question, Survey, SurveyResponse

from .base import T0


@pytest.fixture
def survey(world):
    return services.create_survey_from_template(
        "sipas", title="Khảo sát hài lòng quý IV/2026", actor=world.quang, agencies=[world.centre, world.justice]
    )


def satisfaction_question(survey, element):
    return survey.questions.get(element=element, content=Content.SATISFACTION)


def answer(survey, agency, values, *, at=T0, extra=None):
    """values: {element: 1–5} for the satisfaction questions; other questions left blank unless required."""
    answers = {satisfaction_question(survey, e).pk: v for e, v in values.items()}
    answers.update(extra or {})
    return services.submit_survey_response(survey, answers=answers, agency=agency, at=at)


ALL = {e: 5 for e in [Element.ACCESS, Element.PROCEDURE, Element.OFFICER, Element.RESULT]}


def test_the_template_covers_five_elements_and_three_contents(survey):
    questions = list(survey.questions.all())
    assert survey.template_code == "sipas" and len(questions) == 26
    assert {q.element for q in questions if q.content == Content.SATISFACTION} == set(Element.values)
    assert {q.content for q in questions} == set(Content.values)
    assert all(q.kind in ("scale", "agreement") for q in questions if q.content != Content.EXPECTATION)
    assert survey.intro


def test_admin_makes_a_survey_from_the_template(client, world):
    admin = get_user_model().objects.create_superuser("quantri", password=None)
    client.force_login(admin)
    response = client.post("/quan-tri/ratings/survey/add/", {
        "title": "Khảo sát tại Chi nhánh số 1", "slug": "cn1-2026", "intro": "", "agencies": [world.centre.pk],
        "is_open": "on", "template": "sipas",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    survey = Survey.objects.get(slug="cn1-2026")
    assert survey.questions.count() == 26 and survey.created_by == admin
    assert list(survey.agencies.all()) == [world.centre]


def test_a_response_is_stored_with_its_answers(survey, world):
    expectation = survey.questions.get(kind=Question.Kind.CHOICE)
    response = answer(survey, world.centre, ALL | {Element.FEEDBACK: 3}, extra={expectation.pk: ["0", "4"]})
    assert response.agency == world.centre
    assert response.answers.count() == 6
    assert Answer.objects.get(question=expectation).choices == [0, 4]


@pytest.mark.parametrize(
    "change, message",
    [
        ({Element.OFFICER: None}, "Xin Ông/Bà trả lời câu"),  # a required satisfaction question left out
        ({Element.OFFICER: 6}, "từ 1 đến 5"),
        ({Element.OFFICER: "tốt"}, "từ 1 đến 5"),
    ],
)
def test_it_refuses_an_invalid_response_and_stores_nothing(survey, world, change, message):
    values = {e: v for e, v in (ALL | change).items() if v is not None}
    with pytest.raises(RatingError, match=message):
        answer(survey, world.centre, values)
    assert not SurveyResponse.objects.exists() and not Answer.objects.exists()


def test_it_refuses_more_choices_than_allowed(survey, world):
    expectation = survey.questions.get(kind=Question.Kind.CHOICE)
    with pytest.raises(RatingError, match="tối đa 3"):
        answer(survey, world.centre, ALL, extra={expectation.pk: ["0", "1", "2", "3"]})
    with pytest.raises(RatingError, match="không hợp lệ"):
        answer(survey, world.centre, ALL, extra={expectation.pk: ["99"]})


def test_index_per_element_overall_and_per_unit(survey, world):
    # Four people at the centre, two at Sở Tư pháp. Officer element: 5, 4, 2, 3 at the centre; 5, 1 at Sở Tư pháp.
    for officer in (5, 4, 2, 3):
        answer(survey, world.centre, ALL | {Element.OFFICER: officer})
    for officer in (5, 1):
        answer(survey, world.justice, ALL | {Element.OFFICER: officer})
    results = services.survey_results(survey)
    by_element = {e.element: e for e in results.elements}
    officer = by_element[Element.OFFICER]
    assert (officer.share.satisfied, officer.share.n) == (3, 6)
    assert (officer.index.low, officer.index.high) == wilson_interval(3, 6)
    assert by_element[Element.FEEDBACK].share.n == 0 and by_element[Element.FEEDBACK].index.value is None
    # Overall: mean of the four elements with answers (1, 1, 0.5, 1), counted over 6 respondents.
    assert results.respondents == 6
    assert results.overall.value == pytest.approx(0.875)
    assert results.overall.n == 6
    at_a = results.by_agency[world.centre]
    assert at_a.n == 4 and at_a.value == pytest.approx((1 + 1 + 0.5 + 1) / 4)
    only_c = services.survey_results(survey, agency=world.justice)
    assert only_c.respondents == 2 and only_c.overall.value == pytest.approx(0.875)


def test_expectations_are_counted_per_option(survey, world):
    expectation = survey.questions.get(kind=Question.Kind.CHOICE)
    answer(survey, world.centre, ALL, extra={expectation.pk: ["4"]})
    answer(survey, world.centre, ALL, extra={expectation.pk: ["4", "0"]})
    [(question, counts)] = services.survey_results(survey).expectations
    assert counts[4] == ("Rút ngắn thời gian giải quyết", 2) and counts[0][1] == 1


def test_a_closed_survey_takes_no_answers(survey):
    survey.closes_on = date(2026, 11, 30)
    survey.save()
    with pytest.raises(RatingError) as refused:
        services.get_open_survey(survey.slug, at=T0)
    assert refused.value.status == 410
    assert services.get_open_survey(survey.slug, at=T0 - timedelta(days=2)) == survey


# --- the pages ----------------------------------------------------------------------------------------------


def test_a_citizen_answers_by_the_link_for_one_unit(client, survey, world):
    url = f"/khao-sat/{survey.slug}/?don-vi={world.justice.code}"
    page = client.get(url).content.decode()
    assert "Sở Tư pháp" in page and "Công chức giải quyết công việc" in page and "Rất hài lòng" in page
    data = {f"q{satisfaction_question(survey, e).pk}": "4" for e in ALL}
    data[f"q{survey.questions.get(kind=Question.Kind.TEXT).pk}"] = "<script>alert(1)</script> Cần thêm ghế chờ"
    response = client.post(url, data)
    assert response.status_code == 200 and "Cảm ơn" in response.content.decode()
    saved = SurveyResponse.objects.get()
    assert saved.agency == world.justice and saved.source == "link"


def test_an_incomplete_form_comes_back_with_the_answers_kept(client, survey):
    data = {f"q{satisfaction_question(survey, Element.ACCESS).pk}": "5"}
    response = client.post(f"/khao-sat/{survey.slug}/", data)
    body = response.content.decode()
    assert response.status_code == 400 and "Xin Ông/Bà trả lời câu" in body
    assert 'value="5" checked' in body
    assert not SurveyResponse.objects.exists()


def test_a_unit_outside_the_survey_is_refused(client, survey, world):
    assert client.get(f"/khao-sat/{survey.slug}/?don-vi={world.ward.code}").status_code == 400


def test_qr_code_points_to_the_survey(client, survey, world):
    response = client.get(f"/khao-sat/{survey.slug}/qr.svg?don-vi={world.centre.code}")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert f"/khao-sat/{survey.slug}/?don-vi={world.centre.code}&amp;nguon=qr" in response.content.decode()


def test_results_page_shows_index_n_and_interval(client, survey, world):
    for officer in (5, 4, 2):
        answer(survey, world.centre, ALL | {Element.OFFICER: officer})
    body = client.get(f"/khao-sat/{survey.slug}/ket-qua/").content.decode()
    assert '<p id="respondents">3</p>' in body
    assert "66,67%" in body  # officer element: 2 of 3
    assert "Khoảng tin cậy 95%" in body and "Trung tâm Phục vụ hành chính công thành phố Hà Nội" in body


def test_one_address_cannot_flood_a_units_index(survey, world, settings):
    settings.MOTCUA_RATINGS_SURVEY_MAX_PER_HOUR = 2
    for minute in (0, 10):
        answer_from(survey, world, "203.0.113.7", T0 + timedelta(minutes=minute))
    with pytest.raises(RatingError, match="nhiều phiếu") as refused:
        answer_from(survey, world, "203.0.113.7", T0 + timedelta(minutes=20))
    assert refused.value.status == 429
    answer_from(survey, world, "198.51.100.1", T0 + timedelta(minutes=20))  # another address is welcome
    answer_from(survey, world, "203.0.113.7", T0 + timedelta(minutes=61))  # and the first again an hour later
    assert SurveyResponse.objects.count() == 4
    assert "203.0.113.7" not in {r.client_hash for r in SurveyResponse.objects.all()}


def answer_from(survey, world, address, at):
    answers = {satisfaction_question(survey, e).pk: 4 for e in ALL}
    return services.submit_survey_response(survey, answers=answers, agency=world.centre, at=at, sender=address)


def test_the_page_answers_429_when_an_address_floods(client, survey, settings):
    settings.MOTCUA_RATINGS_SURVEY_MAX_PER_HOUR = 1
    data = {f"q{satisfaction_question(survey, e).pk}": "4" for e in ALL}
    assert client.post(f"/khao-sat/{survey.slug}/", data).status_code == 200
    second = client.post(f"/khao-sat/{survey.slug}/", data)
    assert second.status_code == 429 and "xin thử lại sau" in second.content.decode()
