"""A conversation: numbered choices, follow-ups that stay on the chosen procedure, life events, 👍/👎 and the
staff review queue turning a mapping into vocabulary at once."""

import datetime

from django.contrib.auth import get_user_model

from motcua.assistant import review
from motcua.assistant.models import AnswerVote, DeclinedQuestion
from motcua.assistant.services import ask
from motcua.catalogue.models import CitizenTerm

AT = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def test_a_number_an_ordinal_or_a_name_picks_one_of_the_offered_procedures(catalogue):
    offer = ask("căn cước", at=AT)
    assert offer.choose and len(offer.offered) >= 2
    second = offer.procedures[1]["code"]
    for reply_text in ("2", "số 2", "cái thứ hai", "thứ 2 ạ"):
        reply = ask(reply_text, offered=offer.offered, at=AT)
        assert reply.code == second and not reply.choose, reply_text
    assert ask("cấp lại thẻ", offered=offer.offered, at=AT).code == "1.014064"
    # API clients send the codes back
    assert ask("cái đầu tiên", offered=[p["code"] for p in offer.offered], at=AT).code == offer.procedures[0]["code"]


def test_a_follow_up_facet_stays_on_the_chosen_procedure(catalogue):
    offer = ask("căn cước", at=AT)
    chosen = ask("2", offered=offer.offered, at=AT)
    follow = ask("mất bao lâu?", context_code=chosen.code, offered=[], at=AT)
    assert follow.code == chosen.code and follow.facets == ["time"]
    assert follow.code != "1.012783"  # "mất" is the time it takes, not a lost land certificate
    assert ask("bao lâu thì có giấy", context_code="1.000894", at=AT).code == "1.000894"
    # a bare facet right after a choice, before picking: the choice is offered again
    again = ask("phí bao nhiêu?", offered=offer.offered, at=AT)
    assert again.choose and [p["code"] for p in again.procedures] == [p["code"] for p in offer.offered]


def test_a_life_event_gets_the_short_list_it_usually_needs_and_a_pick(catalogue):
    reply = ask("bố tôi vừa mất thì gia đình cần làm những thủ tục gì", at=AT)
    assert reply.life_event == "Người thân qua đời" and not reply.declined
    assert [p["code"] for p in reply.procedures] == ["1.000656", "2.000821"]  # those of the seed found in the catalogue
    assert "1. Thủ tục đăng ký khai tử" in reply.answer
    assert ask("2", offered=reply.offered, at=AT).code == "2.000821"
    # the event named with one procedure: that procedure
    assert ask("bố em mất rồi thì làm giấy khai tử ở đâu", at=AT).code == "1.000656"


def test_votes_are_kept_and_a_dislike_queues_the_question(catalogue):
    review.vote("đăng ký kết hôn", "1.000894", True, at=AT)
    review.vote("đổi bằng lái", "3.000347", False, at=AT)
    assert review.vote_counts() == {"answers_rated": 2, "useful": 1, "not_useful": 1}
    queued = DeclinedQuestion.objects.get()
    assert (queued.reason, queued.answered_code, queued.status) == ("disliked", "3.000347", "waiting")
    assert AnswerVote.objects.filter(useful=False).count() == 1


def test_a_mapping_in_the_review_queue_becomes_vocabulary_at_once(catalogue):
    officer = get_user_model().objects.create_user("canbo", password="x")
    question = "xin giấy chào đời cho bé"
    assert ask(question, channel="page", at=AT).declined
    assert ask("bói toán tử vi", channel="page", at=AT).declined
    s = review.queue_summary()
    assert (s["waiting"], s["declined"], s["disliked"], s["oldest"]) == (2, 2, 0, AT)
    first, second = DeclinedQuestion.objects.order_by("id")
    term = review.resolve(first, user=officer, code="1.001193", at=AT)
    assert (term.kind, term.codes, term.added_by, term.source) == ("procedure", "1.001193", officer, "review")
    assert "canbo" in term.reason and "1.001193" in term.reason
    assert ask(question, at=AT).code == "1.001193"  # learnt without a restart or code
    review.resolve(second, user=officer, offtopic=True, at=AT)
    assert CitizenTerm.objects.filter(kind="offtopic", phrase="bói toán tử vi").exists()
    reply = ask("Bói toán tử vi", at=AT)
    assert reply.declined and "đã được ghi lại" not in reply.answer  # and it does not say so
    assert review.queue_summary()["waiting"] == 0  # a question marked off-topic is not queued again
    first.refresh_from_db()
    assert (first.status, first.mapped_code, first.reviewed_by) == ("mapped", "1.001193", officer)


def test_the_review_refuses_bad_input_and_double_review(catalogue):
    import pytest

    from motcua.lib.errors import DomainError

    officer = get_user_model().objects.create_user("canbo2", password="x")
    ask("một câu không liên quan gì cả", at=AT)
    item = DeclinedQuestion.objects.get()
    with pytest.raises(DomainError):
        review.resolve(item, user=officer, code="9.999999")
    with pytest.raises(DomainError):
        review.resolve(item, user=officer)
    review.resolve(item, user=officer, offtopic=True)
    with pytest.raises(DomainError):
        review.resolve(item, user=officer, code="1.001193")
    assert CitizenTerm.objects.filter(source="review").count() == 1
