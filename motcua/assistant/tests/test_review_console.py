"""The review queue in the staff console: counts and the oldest waiting, oldest first, a mapping or an off-topic
mark that the assistant learns at once, refusals in Vietnamese that write nothing, and who may see it."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from motcua.assistant.models import DeclinedQuestion
from motcua.catalogue.models import CitizenTerm
from tests.world import PASSWORD, build_world

pytestmark = pytest.mark.django_db
AT = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def _queued(question, minutes, reason="declined"):
    return DeclinedQuestion.objects.create(question=question, asked_at=AT + datetime.timedelta(minutes=minutes),
                                           channel="page", reason=reason)


@pytest.fixture
def w():
    world = build_world()
    world.minh.user_permissions.add(Permission.objects.get(codename="change_declinedquestion"))
    world.minh.is_staff = True  # the admin's reviewers are Django staff: the menu links them (no query per page)
    world.minh.save(update_fields=["is_staff"])
    return world


def _client(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_queue_shows_counts_the_oldest_and_the_questions_oldest_first(client, w):
    _queued("giấy chào đời cho bé", 5)
    _queued("đổi bằng lái", 1, reason="disliked")
    page = _client(client, w.minh).get(reverse("console:assistant_queue"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<strong>2</strong> câu" in html and "1 trợ lý từ chối, 1 người dân không hài lòng" in html
    assert "Câu chờ lâu nhất từ 16:01 02/03/2026" in html  # Asia/Ho_Chi_Minh, dd/mm/yyyy
    assert html.index("đổi bằng lái") < html.index("giấy chào đời cho bé")
    assert reverse("console:assistant_queue") in html  # the menu links the reviewer to it


def test_a_mapping_becomes_vocabulary_and_leaves_the_queue(client, w):
    item = _queued("giấy chào đời cho bé", 0)
    reply = _client(client, w.minh).post(reverse("console:assistant_resolve", args=[item.pk]),
                                         {"code": w.procedure.code})
    assert reply.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.mapped_code, item.reviewed_by) == ("mapped", w.procedure.code, w.minh)
    term = CitizenTerm.objects.get(source="review")
    assert (term.kind, term.codes, term.added_by) == ("procedure", w.procedure.code, w.minh)
    other = _queued("xem bói", 1)
    client.post(reverse("console:assistant_resolve", args=[other.pk]), {"offtopic": "on"})
    assert CitizenTerm.objects.filter(kind="offtopic", phrase="xem bói").exists()
    assert "Không có câu hỏi nào đang chờ." in client.get(reverse("console:assistant_queue")).content.decode()


def test_a_procedure_the_catalogue_lacks_is_named_and_told_to_the_next_citizen(client, w):
    from motcua.assistant.services import ask

    item = _queued("xin giấy phép kinh doanh karaoke", 0)
    reply = _client(client, w.minh).post(reverse("console:assistant_resolve", args=[item.pk]),
                                         {"absent": "Cấp giấy phép kinh doanh dịch vụ karaoke"})
    assert reply.status_code == 302
    item.refresh_from_db()
    assert item.status == "absent"
    term = CitizenTerm.objects.get(source="review")
    assert (term.kind, term.label, term.added_by) == ("absent", "Cấp giấy phép kinh doanh dịch vụ karaoke", w.minh)
    answer = ask("Xin giấy phép kinh doanh karaoke ở phường mình?", log=False)
    assert answer.declined and "“Cấp giấy phép kinh doanh dịch vụ karaoke” chưa có trong danh mục" in answer.answer


def test_bad_input_is_refused_in_vietnamese_and_writes_nothing(client, w):
    item = _queued("giấy chào đời cho bé", 0)
    c = _client(client, w.minh)
    for data in ({"code": "9.999999"}, {}, {"code": w.procedure.code, "offtopic": "on"},
                 {"offtopic": "on", "absent": "Giải quyết ly hôn"}):
        reply = c.post(reverse("console:assistant_resolve", args=[item.pk]), data)
        assert reply.status_code == 400 and 'role="alert"' in reply.content.decode()
    item.refresh_from_db()
    assert item.status == "waiting" and not CitizenTerm.objects.filter(source="review").exists()
    assert c.post(reverse("console:assistant_resolve", args=[item.pk]), {"offtopic": "on"}).status_code == 302
    again = c.post(reverse("console:assistant_resolve", args=[item.pk]), {"code": w.procedure.code})
    assert again.status_code == 400 and "đã được xem xét" in again.content.decode()
    assert c.get(reverse("console:assistant_resolve", args=[item.pk])).status_code == 405


def test_only_staff_given_the_review_permission_see_the_queue(client, w):
    _queued("giấy chào đời cho bé", 0)
    page = _client(client, w.binh).get(reverse("console:assistant_queue"))  # staff without the permission
    assert page.status_code == 403 and "giấy chào đời" not in page.content.decode()
    assert reverse("console:assistant_queue") not in page.content.decode()
    client.logout()
    assert client.get(reverse("console:assistant_queue")).status_code == 302  # to the sign-in page
    citizen = _client(client, w.anh).get(reverse("console:assistant_queue"))
    assert citizen.status_code == 403
