"""👍/👎 feed 766 indicator 5.3 per unit: each vote records the agency the answer was about."""

import datetime

from motcua.assistant import review
from motcua.assistant.models import AnswerVote
from motcua.catalogue.models import Procedure
from motcua.indicators import sources
from motcua.indicators.services import Period, unit_report
from motcua.indicators.tests.factories import make_agency

AT = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
MARCH = Period.of("month", datetime.date(2026, 3, 15))


def _units():
    ba_dinh = make_agency()
    hoan_kiem = make_agency(code="T01-X00070", name="UBND phường Hoàn Kiếm", commune_code="00070")
    Procedure.objects.get(code="1.000894").agencies.add(ba_dinh, hoan_kiem)  # marriage: every commune
    Procedure.objects.get(code="3.000347").agencies.add(hoan_kiem)  # one receiving agency
    return ba_dinh, hoan_kiem


def test_a_vote_records_the_agency_the_answer_was_about(catalogue):
    ba_dinh, hoan_kiem = _units()
    # the asker's commune: the agency of that commune receiving the procedure
    assert review.vote("đăng ký kết hôn", "1.000894", True, commune=ba_dinh.commune, at=AT).agency == ba_dinh
    # the asker's agency context wins
    assert review.vote("đăng ký kết hôn", "1.000894", False, agency=hoan_kiem, at=AT).agency == hoan_kiem
    # no context: the procedure's only receiving agency, or none when several receive it
    assert review.vote("đổi bằng lái", "3.000347", False, at=AT).agency == hoan_kiem
    assert review.vote("đăng ký kết hôn", "1.000894", True, at=AT).agency is None
    assert review.vote("đăng ký kết hôn", "", True, at=AT).agency is None


def test_votes_feed_indicator_5_3_of_the_unit(catalogue):
    ba_dinh, hoan_kiem = _units()
    review.vote("đăng ký kết hôn", "1.000894", True, commune=ba_dinh.commune, at=AT)
    review.vote("đăng ký kết hôn", "1.000894", True, commune=ba_dinh.commune, at=AT)
    review.vote("đăng ký kết hôn", "1.000894", False, commune=ba_dinh.commune, at=AT)
    review.vote("đổi bằng lái", "3.000347", False, at=AT)
    review.vote("đổi bằng lái", "3.000347", False, at=AT + datetime.timedelta(days=40))  # April: another period
    assert AnswerVote.objects.count() == 5
    assert sources.per_agency("assistant_votes", MARCH) == {ba_dinh.id: (3, 1), hoan_kiem.id: (1, 1)}

    def indicator_5_3(agency):
        report = unit_report(agency, MARCH, now=AT + datetime.timedelta(days=60))
        return next((i.numerator, i.denominator) for i in report["unit_index"].indicators if i.id == "5.3")

    # (total − disliked − overdue − repeated) / total, no feedback items in March
    assert indicator_5_3(ba_dinh) == (2, 3)
    assert indicator_5_3(hoan_kiem) == (0, 1)


def test_the_chat_page_rates_the_unit_of_the_askers_commune(catalogue, client):
    ba_dinh, _ = _units()
    page = client.get("/tro-ly-ao/?xa=00004").content.decode()
    assert "UBND phường Ba Đình" in page or ba_dinh.commune.name in page
    client.post("/tro-ly-ao/", {"question": "đăng ký kết hôn"})
    client.post("/tro-ly-ao/", {"vote": "down", "turn": "0"})
    vote = AnswerVote.objects.get()
    assert (vote.code, vote.useful, vote.agency) == ("1.000894", False, ba_dinh)
