"""Per-dossier evaluation (NĐ 61 Art.31): one per dossier, by a signed link, editable for a few days."""

from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError, transaction

from motcua.ratings import services
from motcua.ratings.errors import RatingConflict, RatingError, RatingNotFound
from motcua.ratings.models import DossierEvaluation

from .base import T0, returned_dossier, submit

GOOD = {"time": "2", "contacts": "2", "information": "2", "attitude": "2", "cost": "2", "online": "2"}
LATER = T0 + timedelta(days=2)


@pytest.fixture
def dossier(version, world):
    return returned_dossier(version, world)


def test_the_citizen_evaluates_a_returned_dossier(dossier, world):
    evaluation = services.submit_evaluation(dossier, answers=GOOD, comment="Cán bộ hướng dẫn tận tình", at=LATER)
    assert evaluation.agency == world.centre and evaluation.officer == world.lan  # Lan accepted the dossier
    assert evaluation.editable_until == LATER + timedelta(days=7)
    assert (evaluation.time, evaluation.online, evaluation.comment) == (2, 2, "Cán bộ hướng dẫn tận tình")


def test_one_evaluation_per_dossier_is_a_database_rule(dossier):
    services.submit_evaluation(dossier, answers=GOOD, at=LATER)
    with pytest.raises(IntegrityError), transaction.atomic():
        DossierEvaluation.objects.create(dossier=dossier, agency=dossier.agency, time=0, contacts=0, information=0,
                                         attitude=0, cost=0, created_at=LATER, updated_at=LATER,
                                         editable_until=LATER)
    assert DossierEvaluation.objects.count() == 1


def test_a_second_submission_within_the_window_changes_the_first(dossier):
    first = services.submit_evaluation(dossier, answers=GOOD, at=LATER)
    changed = services.submit_evaluation(dossier, answers=GOOD | {"attitude": "0"}, at=LATER + timedelta(days=3))
    assert changed.pk == first.pk and changed.attitude == 0 and changed.revisions == 1
    assert changed.editable_until == first.editable_until  # editing does not extend the window
    assert DossierEvaluation.objects.count() == 1


def test_after_the_window_the_evaluation_is_final(dossier, settings):
    settings.MOTCUA_RATINGS_EDIT_DAYS = 3
    services.submit_evaluation(dossier, answers=GOOD, at=LATER)
    with pytest.raises(RatingConflict, match="hết thời hạn"):
        services.submit_evaluation(dossier, answers=GOOD | {"time": "0"}, at=LATER + timedelta(days=3, seconds=1))
    assert DossierEvaluation.objects.get().time == 2


def test_a_dossier_not_yet_returned_cannot_be_evaluated(version, world):
    accepted = submit(version, world)
    with pytest.raises(RatingConflict, match="chưa được trả kết quả"):
        services.submit_evaluation(accepted, answers=GOOD, at=LATER)
    assert not DossierEvaluation.objects.exists()


@pytest.mark.parametrize(
    "answers, message",
    [
        ({k: v for k, v in GOOD.items() if k != "attitude"}, "Thái độ của cán bộ"),  # a required criterion left out
        (GOOD | {"cost": "3"}, "lựa chọn không hợp lệ"),
        (GOOD | {"time": "sớm"}, "lựa chọn không hợp lệ"),
    ],
)
def test_it_refuses_incomplete_or_invalid_answers(dossier, answers, message):
    with pytest.raises(RatingError, match=message):
        services.submit_evaluation(dossier, answers=answers, at=LATER)
    assert not DossierEvaluation.objects.exists()


def test_online_quality_is_optional_and_unofficial_costs_are_recorded(dossier):
    answers = {k: v for k, v in GOOD.items() if k != "online"} | {"cost": "0"}
    evaluation = services.submit_evaluation(dossier, answers=answers, unofficial_cost="500.000", at=LATER)
    assert evaluation.online is None and evaluation.unofficial_cost == 500_000
    assert evaluation.signals_complaint


def test_comment_length_is_limited(dossier):
    with pytest.raises(RatingError, match="2000"):
        services.submit_evaluation(dossier, answers=GOOD, comment="x" * 2001, at=LATER)


def test_signed_link_round_trip_and_forgery(dossier, settings):
    settings.MOTCUA_PUBLIC_BASE_URL = "https://dichvucong.hanoi.example"
    url = services.evaluation_url(dossier)
    assert url.startswith("https://dichvucong.hanoi.example/danh-gia/ho-so/") and url.endswith("/")
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert services.dossier_for_token(token) == dossier
    with pytest.raises(RatingNotFound):
        services.dossier_for_token(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    with pytest.raises(RatingNotFound):
        services.dossier_for_token(str(dossier.pk))


def test_an_old_link_expires(dossier, settings):
    with time_machine.travel(T0, tick=False):
        token = services.evaluation_token(dossier)
    settings.MOTCUA_RATINGS_LINK_MAX_AGE_DAYS = 30
    with time_machine.travel(T0 + timedelta(days=31), tick=False), pytest.raises(RatingNotFound, match="hết hạn"):
        services.dossier_for_token(token)


# --- the page -----------------------------------------------------------------------------------------------


def test_page_asks_the_criteria_in_plain_vietnamese(client, dossier):
    body = client.get(services.evaluation_url(dossier, absolute=False)).content.decode()
    assert dossier.code in body
    for phrase in ("Sớm hơn ngày hẹn", "bổ sung, đi lại", "được công khai", "Thái độ của cán bộ",
                   "khoản không chính thức", "Dịch vụ công trực tuyến", "Ý kiến khác"):
        assert phrase in body
    assert "Vũ Thị Chi" not in body  # the link may be shared; it shows no personal data


def test_page_submits_then_shows_the_edit_deadline(client, dossier):
    url = services.evaluation_url(dossier, absolute=False)
    response = client.post(url, GOOD | {"comment": "<b>Nhanh</b> <script>alert(1)</script>"})
    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()
    assert "Đánh giá đã được ghi nhận" in body and "có thể sửa đánh giá đến" in body
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body
    assert DossierEvaluation.objects.get().comment.startswith("<b>Nhanh</b>")


def test_page_keeps_the_answers_when_one_is_missing(client, dossier):
    url = services.evaluation_url(dossier, absolute=False)
    response = client.post(url, {"time": "1"})
    assert response.status_code == 400
    assert 'value="1" checked' in response.content.decode()


def test_forged_link_and_unreturned_dossier_pages(client, version, world):
    assert client.get("/danh-gia/ho-so/gia-mao:abc/").status_code == 404
    accepted = submit(version, world)
    response = client.get(services.evaluation_url(accepted, absolute=False))
    assert response.status_code == 409 and "chưa được trả kết quả" in response.content.decode()
