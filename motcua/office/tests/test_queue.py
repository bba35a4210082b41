from datetime import timedelta

import pytest
from django.utils import timezone

from motcua.dossiers import sms
from motcua.lib.errors import DomainError
from motcua.office import queue
from motcua.office.models import PriorityGroup, Ticket, TicketEvent


def _issue(office, n, at, **kw):
    return [queue.issue_ticket(office.base.centre, at=at, area=office.area, **kw) for _ in range(n)]


def test_numbers_follow_each_other_per_agency_and_day(office):
    now = timezone.now()
    a, b = _issue(office, 2, now)
    other = queue.issue_ticket(office.hoai_duc, at=now)
    tomorrow = queue.issue_ticket(office.base.centre, at=now + timedelta(days=1))
    assert (a.number, b.number, other.number, tomorrow.number) == (1001, 1002, 1001, 1001)


def test_priority_tickets_are_called_first_then_in_order_and_each_only_once(office):
    now = timezone.now()
    first, second = _issue(office, 2, now)
    elderly = PriorityGroup.objects.get(code="nguoi-cao-tuoi")
    priority = queue.issue_ticket(office.base.centre, at=now, area=office.area, priority=elderly)
    c1, c2 = office.counters[:2]
    lan = office.base.lan
    called = [queue.call_next(c, actor=lan, at=now) for c in (c1, c2, c1)]
    assert [t.number for t in called] == [priority.number, first.number, second.number]
    assert queue.call_next(c2, actor=lan, at=now) is None
    # c1 called again: the ticket it served before is finished.
    assert Ticket.objects.get(pk=priority.pk).status == Ticket.Status.DONE


def test_recall_skip_transfer_and_the_display(office):
    now = timezone.now()
    a, b = _issue(office, 2, now)
    c1, c2, c3 = office.counters
    lan = office.base.lan
    queue.call_next(c1, actor=lan, at=now)
    queue.recall(Ticket.objects.get(pk=a.pk), c1, actor=lan, at=now)
    state = queue.display(office.base.centre, at=now)
    assert state["calls"][0]["text"] == f"Mời số {a.number} đến quầy 1"
    assert len(state["calls"]) == 2 and state["waiting"] == 1
    queue.transfer(Ticket.objects.get(pk=a.pk), c1, c3, actor=lan, at=now)
    # The transferred ticket goes before b, but only at counter 3.
    assert queue.call_next(c2, actor=lan, at=now).pk == b.pk
    assert queue.call_next(c3, actor=lan, at=now).pk == a.pk
    queue.skip(Ticket.objects.get(pk=a.pk), c3, actor=lan, at=now)
    assert Ticket.objects.get(pk=a.pk).status == Ticket.Status.SKIPPED
    with pytest.raises(DomainError):
        queue.recall(Ticket.objects.get(pk=a.pk), c3, actor=lan, at=now)
    kinds = list(TicketEvent.objects.filter(ticket=a).values_list("kind", flat=True))
    assert kinds == ["issued", "called", "recalled", "transferred", "called", "skipped"]


def test_the_citizen_three_places_away_gets_one_text(office, django_capture_on_commit_callbacks):
    now = timezone.now()
    tickets = [queue.issue_ticket(office.base.centre, at=now, area=office.area, phone=f"09120000{i:02d}")
               for i in range(6)]
    counter = office.counters[0]
    with django_capture_on_commit_callbacks(execute=True):
        queue.call_next(counter, actor=office.base.lan, at=now)
    # After the first call, tickets[1..3] are ahead of tickets[4].
    assert [m.to for m in sms.outbox] == [tickets[4].phone]
    with django_capture_on_commit_callbacks(execute=True):
        queue.call_next(counter, actor=office.base.lan, at=now)
    assert [m.to for m in sms.outbox] == [tickets[4].phone, tickets[5].phone]
    assert "còn 3 người" in sms.outbox[0].text


def test_position_and_estimated_wait(office):
    now = timezone.now()
    tickets = _issue(office, 4, now)
    assert queue.position(tickets[3]) == 3
    # 3 ahead × 10 minutes (the default) ÷ 3 open counters of the area
    assert queue.estimated_wait_minutes(tickets[3]) == 10


def test_bad_phone_and_foreign_area_are_refused(office):
    with pytest.raises(DomainError, match="Số điện thoại"):
        queue.issue_ticket(office.base.centre, at=timezone.now(), phone="12")
    with pytest.raises(DomainError, match="Khu vực"):
        queue.issue_ticket(office.hoai_duc, at=timezone.now(), area=office.area)
    assert not Ticket.objects.exists()
