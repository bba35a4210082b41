import pytest

from motcua.feedback import facts, services

from .conftest import vn

pytestmark = pytest.mark.django_db

NOV = {"start": vn(2026, 11, 1), "end": vn(2026, 12, 1)}


def test_facts_per_agency_for_a_month(file_web, binh, justice, centre):
    on_time = file_web(agency=justice, phone="0900000001", ip="10.0.0.1")
    services.accept_feedback(on_time, actor=binh, at=vn(2026, 11, 23, 10, 0))
    services.answer_feedback(on_time, actor=binh, at=vn(2026, 11, 24, 10, 0), answer="Đã xử lý.")
    services.publish_answer(on_time, actor=binh, at=vn(2026, 11, 24, 11, 0))

    late = file_web(agency=justice, phone="0900000002", ip="10.0.0.2", at=vn(2026, 11, 2, 9, 0))
    services.accept_feedback(late, actor=binh, at=vn(2026, 11, 2, 10, 0))
    services.answer_feedback(late, actor=binh, at=vn(2026, 11, 25, 10, 0), answer="Trả lời muộn.")

    reopened = file_web(agency=justice, phone="0900000003", ip="10.0.0.3")
    services.accept_feedback(reopened, actor=binh, at=vn(2026, 11, 23, 10, 0))
    services.answer_feedback(reopened, actor=binh, at=vn(2026, 11, 23, 11, 0), answer="Xong.")
    services.reopen_feedback(reopened, at=vn(2026, 11, 24, 9, 0), reason="Chưa xong.")

    refused = file_web(agency=justice, phone="0900000004", ip="10.0.0.4")
    services.refuse_feedback(refused, actor=binh, at=vn(2026, 11, 23, 10, 0), reason="Khiếu nại, không phải PAKN")

    open_overdue = file_web(agency=justice, phone="0900000005", ip="10.0.0.5", at=vn(2026, 11, 3, 9, 0))
    file_web(phone="0900000006", ip="10.0.0.6")  # the centre's
    file_web(agency=justice, phone="0900000007", ip="10.0.0.7", at=vn(2026, 10, 30, 9, 0))  # October

    justice_facts = facts.facts_for(agency=justice, **NOV)
    assert justice_facts == {
        "received": 5, "answered": 2, "answered_on_time": 1, "overdue": 2, "reopened": 1, "refused": 1,
        "published": 1, "confirmed": 0,
    }
    # Overdue as of the end of the month: the late answer, and the open item whose answer was due on 24/11.
    assert open_overdue.pk in set(facts.cohort(agency=justice, **NOV).filter(due_at__lt=NOV["end"]).values_list(
        "pk", flat=True))
    by_agency = facts.facts_by_agency(**NOV)
    assert set(by_agency) == {justice.pk, centre.pk}
    assert by_agency[centre.pk]["received"] == 1
    assert by_agency[justice.pk] == justice_facts


def test_facts_per_officer_count_answers_and_reopened_answers(file_web, binh, hung, justice, ward):
    first = file_web(agency=justice, phone="0900000001", ip="10.0.0.1")
    services.accept_feedback(first, actor=binh, at=vn(2026, 11, 23, 10, 0))
    services.answer_feedback(first, actor=binh, at=vn(2026, 11, 23, 11, 0), answer="Xong.")
    services.reopen_feedback(first, at=vn(2026, 11, 24, 9, 0), reason="Chưa xong.")
    services.answer_feedback(first, actor=binh, at=vn(2026, 11, 25, 9, 0), answer="Xong hẳn.")

    late = file_web(agency=ward, phone="0900000002", ip="10.0.0.2", at=vn(2026, 11, 2, 9, 0))
    services.accept_feedback(late, actor=hung, at=vn(2026, 11, 2, 10, 0))
    services.answer_feedback(late, actor=hung, at=vn(2026, 11, 27, 10, 0), answer="Muộn.")
    refused = file_web(agency=ward, phone="0900000003", ip="10.0.0.3")
    services.refuse_feedback(refused, actor=hung, at=vn(2026, 11, 23, 10, 0), reason="Không thuộc phạm vi")

    by_officer = facts.facts_by_officer(**NOV)
    assert by_officer[binh.pk] == {"answered": 2, "answered_on_time": 2, "answered_late": 0, "refused": 0,
                                  "reopened": 1}
    assert by_officer[hung.pk] == {"answered": 1, "answered_on_time": 0, "answered_late": 1, "refused": 1,
                                   "reopened": 0}
    assert set(facts.facts_by_officer(agency=justice, **NOV)) == {binh.pk}
