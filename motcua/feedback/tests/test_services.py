import pytest

from motcua.feedback import services
from motcua.feedback.models import Category, Channel, Feedback, FeedbackEvent
from motcua.feedback.workflow import Action, State
from motcua.lib.errors import Conflict, DomainError, Forbidden

from .conftest import vn

pytestmark = pytest.mark.django_db


def test_filing_without_account_routes_to_the_centre_and_records_the_event(file_web, centre):
    item = file_web()
    assert item.code.startswith("PA261123-") and len(item.code) == 15
    assert item.agency == centre
    assert item.state == State.WAITING
    assert item.contact_tail == "5678"
    event = item.events.get()
    assert (event.action, event.from_state, event.to_state, event.actor, event.actor_label) == (
        Action.FILE, "", State.WAITING, None, "Người gửi"
    )


def test_filing_routes_to_the_chosen_agency(file_web, centre, justice):
    assert file_web(agency=justice).agency == justice


def test_filing_about_a_procedure_routes_to_its_only_agency(file_web, world, centre, justice, ward):
    from motcua.catalogue.models import Procedure

    world.procedure.agencies.set([justice])  # 1.001193, received by the centre in the shared city
    two = Procedure.objects.create(code="2.000635")
    two.agencies.add(justice, ward)
    assert file_web(procedure_code="1.001193", phone="0900000001").agency == justice
    assert file_web(procedure_code="2.000635", phone="0900000002").agency == centre  # ambiguous: the centre sorts
    assert file_web(procedure_code="2.000635", phone="0900000003", agency=ward).agency == ward


def test_filing_needs_a_phone_or_an_email(file_web, centre):
    with pytest.raises(DomainError, match="số điện thoại hoặc thư điện tử"):
        file_web(phone="", email="")
    assert file_web(phone="", email="An.Nguyen@Example.vn").contact_tail == "uyen"
    assert Feedback.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "x" * 201, "dài quá 200"),  # title limit
        ("content", "x" * 5001, "dài quá 5000"),  # content limit
        ("content", "   ", "Vui lòng nhập nội dung"),  # blank after trimming
        ("phone", "12ab", "Số điện thoại không hợp lệ"),
        ("email", "not-an-email", "thư điện tử không hợp lệ"),
        ("category", "spam", "loại phản ánh"),
        ("procedure_code", "9.999999", "Không có thủ tục mã 9.999999"),
    ],
)
def test_filing_refuses_bad_input_without_writing(file_web, centre, field, value, message):
    with pytest.raises(DomainError, match=message):
        file_web(**{field: value})
    assert not Feedback.objects.exists() and not FeedbackEvent.objects.exists()


def test_anonymous_filing_cannot_claim_the_phone_channel(file_web, centre):
    with pytest.raises(DomainError, match="Chỉ cán bộ"):
        file_web(channel=Channel.PHONE)


def test_officer_files_a_phone_call_on_behalf_of_a_citizen(file_web, binh, justice):
    item = file_web(channel=Channel.PHONE, actor=binh, ip=None, agency=justice)
    assert item.filed_by == binh and item.channel == Channel.PHONE
    assert item.events.get().actor == binh


def test_the_whole_way_to_publication_is_a_chain_of_events(file_web, binh, justice):
    item = file_web(agency=justice, citizen_name="Trần Thị Mai", content="Chị Mai gọi số 0987654321 không ai nghe.")
    services.accept_feedback(item, actor=binh, at=vn(2026, 11, 23, 10, 0))
    services.request_information(item, actor=binh, at=vn(2026, 11, 24, 9, 0), note="Xin số biên nhận hồ sơ.")
    item = services.find_for_sender(item.code, "5678", ip="198.51.100.1", at=vn(2026, 11, 24, 10, 0))
    services.supply_information(item, at=vn(2026, 11, 24, 11, 0), note="Biên nhận số 123.")
    services.answer_feedback(item, actor=binh, at=vn(2026, 11, 25, 9, 0), answer="Đã trả kết quả cho bà Trần Thị Mai.")
    item = services.publish_answer(item, actor=binh, at=vn(2026, 11, 25, 10, 0))
    assert item.state == State.PUBLISHED
    assert list(item.events.values_list("action", "from_state", "to_state")) == [
        (Action.FILE, "", State.WAITING),
        (Action.ACCEPT, State.WAITING, State.IN_PROGRESS),
        (Action.REQUEST_INFO, State.IN_PROGRESS, State.WAITING_INFO),
        (Action.SUPPLY_INFO, State.WAITING_INFO, State.IN_PROGRESS),
        (Action.ANSWER, State.IN_PROGRESS, State.ANSWERED),
        (Action.PUBLISH, State.ANSWERED, State.PUBLISHED),
    ]
    assert list(item.events.exclude(on_time=None).values_list("action", "on_time")) == [
        (Action.REQUEST_INFO, True), (Action.ANSWER, True), (Action.PUBLISH, True)
    ]
    assert not item.finished_late
    assert item.events.filter(actor=binh).count() == 4


def test_it_refuses_staff_of_another_agency(file_web, hung, justice):
    item = file_web(agency=justice)
    with pytest.raises(Forbidden):
        services.accept_feedback(item, actor=hung, at=vn(2026, 11, 23, 10, 0))
    assert item.events.count() == 1


def test_moves_outside_the_workflow_are_conflicts(file_web, binh, justice):
    item = file_web(agency=justice)
    with pytest.raises(Conflict):
        services.answer_feedback(item, actor=binh, at=vn(2026, 11, 23, 10, 0), answer="Trả lời")
    with pytest.raises(Conflict):
        services.reopen_feedback(item, at=vn(2026, 11, 23, 10, 0), reason="Chưa xong")


def test_transfer_is_an_event_and_hands_the_item_over(file_web, binh, hung, justice, ward):
    item = file_web(agency=justice)
    item = services.transfer_feedback(item, actor=binh, at=vn(2026, 11, 23, 14, 0), to_agency=ward, note="Thẩm quyền phường")
    assert (item.state, item.agency) == (State.TRANSFERRED, ward)
    event = item.events.last()
    assert (event.action, event.agency, event.to_agency) == (Action.TRANSFER, justice, ward)
    assert item.clock_started_at == vn(2026, 11, 23, 14, 0)
    with pytest.raises(Forbidden):
        services.accept_feedback(item, actor=binh, at=vn(2026, 11, 23, 15, 0))
    assert services.accept_feedback(item, actor=hung, at=vn(2026, 11, 23, 15, 0)).state == State.IN_PROGRESS


def test_refusal_needs_a_reason(file_web, binh, justice):
    item = file_web(agency=justice)
    with pytest.raises(DomainError, match="lý do từ chối"):
        services.refuse_feedback(item, actor=binh, at=vn(2026, 11, 23, 10, 0), reason=" ")
    item = services.refuse_feedback(item, actor=binh, at=vn(2026, 11, 23, 10, 0), reason="Nội dung là khiếu nại")
    assert item.state == State.REFUSED and item.due_at is None
    assert item.events.last().on_time is True


def _answered(file_web, binh, justice):
    item = file_web(agency=justice)
    services.accept_feedback(item, actor=binh, at=vn(2026, 11, 23, 10, 0))
    return services.answer_feedback(item, actor=binh, at=vn(2026, 11, 24, 10, 0), answer="Đã giải quyết.")


def test_reopen_after_a_resolved_answer_counts_against_the_agency(file_web, binh, justice):
    item = _answered(file_web, binh, justice)
    item = services.publish_answer(item, actor=binh, at=vn(2026, 11, 24, 11, 0))
    assert services.published_feedback().filter(pk=item.pk).exists()
    item = services.reopen_feedback(item, at=vn(2026, 11, 25, 9, 0), reason="Tôi vẫn chưa nhận được kết quả.")
    assert (item.state, item.reopened_count) == (State.IN_PROGRESS, 1)
    assert item.clock_started_at == vn(2026, 11, 25, 9, 0)
    assert not services.published_feedback().filter(pk=item.pk).exists()
    item = services.answer_feedback(item, actor=binh, at=vn(2026, 11, 26, 9, 0), answer="Đã trả kết quả.")
    item = services.confirm_resolved(item, at=vn(2026, 11, 26, 10, 0))
    assert item.resolved_confirmed_at == vn(2026, 11, 26, 10, 0) and item.reopened_count == 1
    with pytest.raises(Conflict, match="đã xác nhận"):
        services.reopen_feedback(item, at=vn(2026, 11, 27, 9, 0), reason="Đổi ý")
    assert [e.action for e in item.events.all()][-3:] == [Action.REOPEN, Action.ANSWER, Action.CONFIRM]


def test_events_are_append_only(file_web, centre):
    event = file_web().events.get()
    event.note = "sửa lịch sử"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_sender_lookup_needs_the_code_and_the_last_four_digits(file_web, centre):
    item = file_web()
    at = vn(2026, 11, 23, 10, 0)
    assert services.find_for_sender(item.code.lower(), "5678", ip="1.2.3.4", at=at) == item
    for tail in ("1234", "", "678", "45678"):
        with pytest.raises(DomainError):
            services.find_for_sender(item.code, tail, ip="1.2.3.4", at=at)


def test_published_list_searches_without_diacritics(file_web, binh, justice):
    item = _answered(file_web, binh, justice)
    services.publish_answer(item, actor=binh, at=vn(2026, 11, 24, 11, 0))
    assert list(services.published_feedback(query="khai sinh")) == [item]
    assert list(services.published_feedback(query="CHAM tra ket qua")) == [item]
    assert list(services.published_feedback(query="kết hôn")) == []
    assert list(services.published_feedback(category=Category.CONDUCT)) == []
    assert list(services.published_feedback(agency_code="T01-SO-TP")) == [item]
