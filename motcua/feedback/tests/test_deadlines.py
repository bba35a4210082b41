"""PAKN deadlines (2 / 5 / 15 / 2 working days) across the 2026 holidays, office hours 08–12 and 13–17."""

import pytest

from motcua.feedback import services

from .conftest import vn

pytestmark = pytest.mark.django_db


def test_stage_deadlines_skip_reunification_and_labour_day(file_web, justice):
    # Wed 29/04/2026 10:00; Thu 30/04 and Fri 01/05 are public holidays.
    item = file_web(agency=justice, at=vn(2026, 4, 29, 10, 0))
    # 2 working days = 16 office hours: 6 h on Wed, 8 h on Mon 04/05, 2 h on Tue 05/05.
    assert item.refuse_due_at == vn(2026, 5, 5, 10, 0)
    # 5 working days: Wed (6 h), Mon–Thu 04–07/05 (32 h), Fri 08/05 until 10:00.
    assert item.info_due_at == vn(2026, 5, 8, 10, 0)
    # 15 working days: the 14 working days 04/05–21/05 plus 2 h on Fri 22/05.
    assert item.answer_due_at == vn(2026, 5, 22, 10, 0)
    assert item.due_at == item.answer_due_at


def test_publication_deadline_skips_the_hung_kings_day(file_web, binh, justice):
    item = file_web(agency=justice, at=vn(2026, 4, 20, 9, 0))
    services.accept_feedback(item, actor=binh, at=vn(2026, 4, 20, 10, 0))
    # Answered Thu 23/04 16:00: 1 h on Thu, 8 h on Fri 24/04, Mon 27/04 is Giỗ Tổ (observed), 7 h on Tue 28/04.
    item = services.answer_feedback(item, actor=binh, at=vn(2026, 4, 23, 16, 0), answer="Đã xử lý.")
    assert item.publish_due_at == vn(2026, 4, 28, 16, 0)
    item = services.publish_answer(item, actor=binh, at=vn(2026, 4, 28, 16, 30))
    assert item.events.last().on_time is False
    assert item.finished_late


@pytest.mark.parametrize(
    ("refused_at", "on_time"),
    [
        (vn(2026, 5, 5, 10, 0), True),  # exactly at the deadline, after the two holidays
        (vn(2026, 5, 4, 16, 0), True),  # Monday after the holidays
        (vn(2026, 5, 5, 10, 1), False),  # one minute late
    ],
)
def test_refusal_within_two_working_days_across_the_holidays(file_web, binh, justice, refused_at, on_time):
    item = file_web(agency=justice, at=vn(2026, 4, 29, 10, 0))
    item = services.refuse_feedback(item, actor=binh, at=refused_at, reason="Không thuộc phạm vi phản ánh")
    assert item.events.last().on_time is on_time
    assert item.finished_late is not on_time


def test_supplied_information_restarts_the_clock(file_web, binh, justice):
    item = file_web(agency=justice, at=vn(2026, 11, 23, 9, 0))
    services.accept_feedback(item, actor=binh, at=vn(2026, 11, 23, 10, 0))
    services.request_information(item, actor=binh, at=vn(2026, 11, 27, 9, 0), note="Cần số hồ sơ")
    item.refresh_from_db()
    assert item.due_at is None
    item = services.supply_information(item, at=vn(2026, 12, 1, 9, 0), note="Số hồ sơ 000.00.01.H26-261120-0001")
    assert item.clock_started_at == vn(2026, 12, 1, 9, 0)
    assert item.answer_due_at == vn(2026, 12, 22, 9, 0)  # 15 working days, no holiday in between
