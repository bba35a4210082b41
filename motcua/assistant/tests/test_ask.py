"""ask(): answers from the catalogue, declines off-topic questions (and logs them), follow-up facets."""

import datetime
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from motcua.assistant.answers import duration_text
from motcua.assistant.models import DeclinedQuestion
from motcua.assistant.services import ask
from motcua.catalogue.models import FeeItem, Procedure
from motcua.lib.money import format_vnd

AT = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def test_it_answers_a_colloquial_question_without_diacritics(catalogue):
    reply = ask("lam giay khai sinh cho con can gi", at=AT)
    assert not reply.declined
    assert reply.procedures[0]["code"] == "1.001193"
    assert reply.code == "1.001193"
    assert "Thủ tục đăng ký khai sinh (mã 1.001193)" in reply.answer


def test_it_declines_an_off_topic_question_and_logs_it(catalogue):
    reply = ask("giá vàng hôm nay", channel="page", at=AT)
    assert reply.declined
    assert reply.procedures == []
    assert "024.1022" in reply.answer or "đường dây nóng" in reply.answer
    assert "/phan-anh/" not in reply.answer  # pages show the link itself, never a raw path as text
    logged = DeclinedQuestion.objects.get()
    assert (logged.question, logged.channel, logged.asked_at) == ("giá vàng hôm nay", "page", AT)


def test_the_decline_names_the_configured_hotline(catalogue, settings):
    settings.MOTCUA_HOTLINE = "1900 0000"
    assert "1900 0000" in ask("thời tiết ngày mai thế nào", at=AT).answer


def test_every_fact_of_the_answer_equals_the_catalogue(catalogue):
    procedure = Procedure.objects.get(code="1.001193")
    version = procedure.current
    reply = ask("đăng ký khai sinh", at=AT)
    for component in version.components.all():
        assert f"- {component.name} ({component.originals} bản chính)" in reply.answer
    for channel in version.channels.all():
        assert f"- {channel.get_kind_display()}: {duration_text(channel)}" in reply.answer
    assert "1 ngày làm việc" in reply.answer
    # direct: the catalogue amount; online in Hanoi from 2026: 0 đồng under Resolution 77/2025 (dossiers.fees)
    assert f"- Trực tiếp: Lệ phí đăng ký khai sinh: {format_vnd(8000)}" in reply.answer
    online = re.search(r"- Trực tuyến: (.*)", reply.answer.split("Phí, lệ phí:")[1]).group(1)
    assert f"{format_vnd(8000)}, phải nộp {format_vnd(0)}" in online
    assert "77/2025/NQ-HĐND" in online
    assert "/thu-tuc/" not in reply.answer
    assert reply.as_dict()["procedures"][0]["url"] == "/thu-tuc/1.001193/"


def test_a_kept_answer_follows_an_edit_of_the_catalogue_at_once(catalogue):
    """Composed answers live in the shared cache under the catalogue's data version: an officer's edit of a fee is in
    the next answer, with nothing invalidated by hand."""
    assert f"Lệ phí đăng ký khai sinh: {format_vnd(8000)}" in ask("đăng ký khai sinh lệ phí bao nhiêu", at=AT).answer
    fee = FeeItem.objects.get(channel__version__procedure__code="1.001193", channel__kind="direct")
    fee.amount = 10000
    fee.save()
    assert f"Lệ phí đăng ký khai sinh: {format_vnd(10000)}" in ask("đăng ký khai sinh lệ phí bao nhiêu", at=AT).answer


def test_a_ministry_of_finance_fee_is_supported_online(catalogue):
    reply = ask("đổi giấy phép lái xe phí bao nhiêu", at=AT)
    assert reply.code == "3.000347"
    assert reply.facets == ["fee"]
    assert f"{format_vnd(115000)}, phải nộp {format_vnd(0)}" in reply.answer
    assert "Giấy tờ cần nộp" not in reply.answer


def test_a_follow_up_answers_the_asked_facet_of_the_previous_procedure(catalogue):
    first = ask("đăng ký kết hôn cần giấy tờ gì", at=AT)
    assert first.code == "1.000894"
    assert "Tờ khai đăng ký kết hôn" in first.answer
    follow = ask("mất bao lâu?", context_code=first.code, at=AT)
    assert follow.code == "1.000894"
    assert follow.facets == ["time"]
    assert "Thời hạn giải quyết:\n- Trực tiếp: 1 ngày làm việc" in follow.answer
    assert "Giấy tờ cần nộp" not in follow.answer
    fee = ask("phí bao nhiêu?", context_code=first.code, at=AT)
    assert "Phí, lệ phí:\n- Trực tiếp: danh mục không ghi phí, lệ phí" in fee.answer


def test_a_new_topic_after_a_follow_up_switches_procedure(catalogue):
    reply = ask("đăng ký thường trú mất bao lâu", context_code="1.000894", at=AT)
    assert reply.code == "1.004222"


def test_a_bare_facet_without_context_asks_which_procedure(catalogue):
    for question in ("phí bao nhiêu?", "mất bao lâu?"):  # "mất" asks how long, not about a lost paper
        reply = ask(question, at=AT)
        assert reply.declined and not reply.procedures
        assert "Bạn muốn hỏi về thủ tục nào?" in reply.answer
    assert not DeclinedQuestion.objects.exists()  # nothing for the review queue: the citizen is asked to say more


def test_the_common_case_is_preferred_over_rarer_variants(catalogue):
    assert ask("đăng ký khai sinh", at=AT).code == "1.001193"
    assert ask("đăng ký khai sinh cho con có bố người nước ngoài", at=AT).procedures[0]["code"] == "2.000528"
    assert ask("mất căn cước làm lại ở đâu", at=AT).procedures[0]["code"] == "1.014064"
    assert ask("làm căn cước lần đầu", at=AT).procedures[0]["code"] == "1.014061"


def test_close_candidates_make_the_citizen_choose(catalogue):
    reply = ask("căn cước", at=AT)
    assert reply.choose and not reply.declined and reply.code is None
    assert {p["code"] for p in reply.procedures} >= {"1.014061", "1.014064"}
    assert reply.answer.startswith("Có vài thủ tục gần với câu hỏi của bạn")
    for p in reply.procedures:
        assert f"{p['name']} (mã {p['code']})" in reply.answer


def test_ask_command_prints_json(catalogue):
    out = StringIO()
    call_command("ask", "lam so do", "--json", stdout=out)
    body = json.loads(out.getvalue())
    assert set(body) == {"declined", "choose", "life_event", "procedures", "answer", "code"}
    out = StringIO()
    call_command("ask", "đăng ký tạm trú", "--json", stdout=out)
    body = json.loads(out.getvalue())
    assert body["declined"] is False
    assert body["procedures"][0]["code"] == "1.004194"
    assert set(body["procedures"][0]) == {"code", "name", "score", "url"}


@pytest.mark.parametrize("question", ["", "   "])
def test_an_empty_question_is_not_logged(catalogue, question):
    assert ask(question).declined
    assert not DeclinedQuestion.objects.exists()


def test_an_agency_filter_keeps_its_procedures_and_the_answer_names_its_contact(catalogue):
    from motcua.units.models import Agency

    police = Agency.objects.create(
        code="T01-TEST-CA", name="Công an phường Thử Nghiệm", kind="khac", address="1 Phố Thử", phone="024 0000 0000"
    )
    Procedure.objects.get(code="1.004194").agencies.add(police)
    reply = ask("đăng ký", agency=police, at=AT)
    assert [p["code"] for p in reply.procedures] in ([], ["1.004194"])
    reply = ask("đăng ký tạm trú liên hệ ai", agency=police, at=AT)
    assert reply.code == "1.004194"
    assert "- Công an phường Thử Nghiệm: 024 0000 0000" in reply.answer
    # an agency with no linked procedure does not filter everything away
    other = Agency.objects.create(code="T01-TEST-X", name="UBND xã Thử", kind="ubnd_xa")
    assert ask("đăng ký kết hôn", agency=other, at=AT).code == "1.000894"


def test_a_story_sentence_keeps_the_qualifiers_told_in_the_narrative(catalogue):
    from motcua.assistant.catalogue_index import get_retriever

    def foreign(context):
        candidates = get_retriever().search("đăng ký khai sinh", context=context).candidates
        return next(c for c in candidates if c.key == "2.000528").score

    story = "Vợ tôi quốc tịch Nhật Bản, chúng tôi sống ở Hà Nội. Giờ đăng ký khai sinh"
    assert foreign(story) > foreign(None) + 0.15  # the rare-case penalty became a bonus
    reply = ask("Vợ tôi quốc tịch Nhật Bản, chúng tôi cưới nhau và sống ở Hà Nội đã hai năm. Giờ muốn làm giấy khai "
                "sinh cho con thì làm ở đâu?", at=AT)
    assert reply.code == "2.000528" or (reply.choose and "2.000528" in reply.candidates[:3])


def test_a_life_event_told_in_a_story_does_not_decide_a_precise_ask(catalogue):
    from motcua.assistant.services import _event_in_narrative_only
    from motcua.catalogue.vocabulary import current

    vocabulary = current()
    background = "Bố tôi mất đã ba năm nay, nhà chỉ còn hai mẹ con ở với nhau. Giờ tôi muốn làm căn cước lần đầu thì làm ở đâu?"
    assert _event_in_narrative_only(background, vocabulary)
    assert ask(background, at=AT).life_event == ""
    general = "Bố tôi vừa qua đời ở quê, gia đình đã lo xong hậu sự cho ông. Giờ con cháu cần làm những thủ tục nào?"
    assert not _event_in_narrative_only(general, vocabulary)
    assert ask(general, at=AT).life_event == "Người thân qua đời"
    papers = "Bố tôi vừa qua đời ở quê, gia đình đã lo xong hậu sự cho ông. Giờ con cháu cần làm những giấy gì?"
    assert not _event_in_narrative_only(papers, vocabulary)  # "những giấy gì" asks for the list as well


def test_a_story_is_gated_by_how_much_of_the_name_it_tells_not_how_much_of_it_the_name_explains(catalogue):
    from motcua.assistant.catalogue_index import get_retriever

    story = ("Em là sinh viên năm nhất ở Nghệ An ra Hà Nội thuê trọ ở Thanh Xuân, chủ nhà bảo em phải đăng ký tạm "
             "trú. Em cần mang theo gì ạ?")
    retriever = get_retriever()
    assert not retriever.search(story).confident  # most of the story's words are in no procedure name
    read = retriever.search_story(story, "Em cần mang theo gì ạ")  # the ask refers back to the story
    assert read.best.key == "1.004194" and read.confident and not read.ambiguous
    reply = ask(story, at=AT)
    assert reply.code == "1.004194" and "papers" in reply.facets


def test_a_story_is_ranked_with_its_ask_above_its_narrative(catalogue):
    from motcua.assistant.catalogue_index import get_retriever

    story = ("Hai vợ chồng tôi đăng ký kết hôn ở phường năm ngoái, giờ chuyển lên Hà Nội thuê nhà. "
             "Muốn đăng ký tạm trú thì làm thế nào?")
    whole = get_retriever().search(story, limit=2).candidates
    assert {c.key for c in whole} == {"1.000894", "1.004194"}  # the narrative names marriage as clearly
    reply = ask(story, at=AT)
    assert reply.code == "1.004194"


def test_a_story_whose_ask_fits_two_close_procedures_asks_to_choose(catalogue):
    reply = ask("Tôi quê Thanh Hóa, lấy chồng Hà Nội 2 năm nay và muốn đăng ký thường trú ở hẳn với nhà chồng ở "
                "phường Cầu Giấy. Cần chuẩn bị những gì?", at=AT)
    # the ask names nothing: the marriage told before it is what is asked about, its list led by what it points to
    assert (reply.choose or reply.life_event) and reply.candidates[0] == "1.004222"
    # told in a sentence of its own before the ask, the need decides: "Cần chuẩn bị những gì?" is about it
    reply = ask("Tôi quê Thanh Hóa, lấy chồng Hà Nội 2 năm nay, giờ muốn đăng ký thường trú ở hẳn với nhà chồng ở "
                "phường Cầu Giấy. Cần chuẩn bị những gì?", at=AT)
    assert reply.code == "1.004222"


def test_a_life_event_lists_first_the_procedure_the_rest_of_the_question_names(catalogue):
    reply = ask("bố mất rồi làm tử tuất bảo hiểm", at=AT)
    assert reply.life_event == "Người thân qua đời"
    assert [p["code"] for p in reply.procedures][:2] == ["2.000821", "1.000656"]


def test_a_question_about_what_the_law_says_is_declined_and_queued(catalogue):
    reply = ask("Giấy phép lái xe được gọi là gì theo luật?", at=AT)
    assert reply.declined and reply.candidates[0] == "3.000346"  # the nearest procedure is kept for the queue
    assert DeclinedQuestion.objects.filter(question__startswith="Giấy phép lái xe được gọi").exists()
    assert not ask("Làm giấy phép lái xe ở đâu?", at=AT).declined


def test_a_phrase_told_in_a_storys_narrative_does_not_decide_a_clear_ask(catalogue):
    from motcua.catalogue.vocabulary import current

    story = ("Năm ngoái tôi làm mất căn cước, đã làm lại xong rồi. Giờ tôi với bạn gái muốn đăng ký kết hôn thì "
             "làm ở đâu?")
    assert current().procedures("làm mất căn cước")  # the narrative names a procedure of its own
    reply = ask(story, at=AT)
    assert reply.code == "1.000894"


def test_a_procedure_missing_from_the_catalogue_is_named_as_missing(catalogue):
    from motcua.catalogue.models import CitizenTerm

    CitizenTerm.objects.create(kind="absent", phrase="xin giấy phép karaoke", label="Cấp giấy phép kinh doanh karaoke",
                               reason="thử", source="admin")
    reply = ask("Xin giấy phép karaoke ở đâu?", at=AT)
    assert reply.declined and not reply.procedures
    assert "“Cấp giấy phép kinh doanh karaoke” chưa có trong danh mục" in reply.answer
    assert not DeclinedQuestion.objects.exists()  # known to be missing: nothing for an officer to map


def test_a_missing_procedure_told_beside_one_the_catalogue_holds_does_not_decline(catalogue):
    from motcua.catalogue.models import CitizenTerm

    CitizenTerm.objects.create(kind="absent", phrase="xin visa", label="Xin thị thực nhập cảnh nước ngoài",
                               reason="thử", source="admin")
    CitizenTerm.objects.create(kind="procedure", phrase="giấy khai sinh bản sao", codes="1.001193", reason="thử")
    assert ask("xin visa đi Úc ở đâu", at=AT).declined
    reply = ask("làm giấy khai sinh bản sao để xin visa đi Úc", at=AT)  # the visa is why; the paper is the ask
    assert not reply.declined and reply.procedures[0]["code"] == "1.001193"


def test_a_story_whose_ask_names_a_missing_procedure_is_told_so_whatever_its_narrative_names(catalogue):
    from motcua.catalogue.models import CitizenTerm

    CitizenTerm.objects.create(kind="absent", phrase="xin giấy phép karaoke", label="Cấp giấy phép kinh doanh karaoke",
                               reason="thử", source="admin")
    CitizenTerm.objects.create(kind="procedure", phrase="giấy khai sinh bản sao", codes="1.001193", reason="thử")
    reply = ask("Tháng trước tôi đã xin giấy khai sinh bản sao cho con xong, giờ tôi tính mở quán hát ở nhà. "
                "Tôi muốn xin giấy phép karaoke thì làm ở đâu?", at=AT)
    assert reply.declined and "“Cấp giấy phép kinh doanh karaoke” chưa có trong danh mục" in reply.answer
    reply = ask("xin giấy khai sinh bản sao cho con để xin giấy phép karaoke", at=AT)
    assert not reply.declined and reply.code == "1.001193"  # not a story: the paper the catalogue holds is the ask


def _add(code, name, field):
    from motcua.catalogue.services import create_version

    create_version(code, {"name": name, "field": field, "level": "Cấp xã", "implementing_agency": "UBND cấp xã"})


def test_a_life_event_puts_first_the_case_the_question_qualifies(catalogue):
    _add("2.000806", "Thủ tục đăng ký kết hôn có yếu tố nước ngoài", "Hộ tịch")
    reply = ask("cưới vợ người Trung Quốc thì đăng ký ở đâu", at=AT)
    assert reply.life_event and [p["code"] for p in reply.procedures][:2] == ["2.000806", "1.000894"]
    plain = ask("sắp cưới vợ thì cần làm gì", at=AT)  # no foreign spouse told: the usual list, in its order
    assert [p["code"] for p in plain.procedures][0] == "1.000894"


def test_a_life_event_puts_first_the_secondary_action_the_question_asks_for(catalogue):
    _add("1.005461", "Thủ tục đăng ký lại khai tử", "Hộ tịch")
    reply = ask("bà mất từ năm 1990 mà không có giấy khai tử, giờ làm lại được không", at=AT)
    assert reply.life_event and [p["code"] for p in reply.procedures][:2] == ["1.005461", "1.000656"]
    plain = ask("bà tôi vừa mất, con cháu cần lo giấy tờ gì", at=AT)  # nothing asked again: the usual list
    assert [p["code"] for p in plain.procedures][0] == "1.000656"


def test_the_rest_of_a_life_event_question_keeps_the_events_qualifier(catalogue):
    _add("2.000806", "Thủ tục đăng ký kết hôn có yếu tố nước ngoài", "Hộ tịch")
    reply = ask("lấy chồng Hàn Quốc thì đăng ký kết hôn ở đâu", at=AT)
    assert reply.procedures[0]["code"] == "2.000806"


def test_a_life_event_does_not_put_first_a_reissue_of_an_unrelated_paper(catalogue):
    _add("1.008628", "Cấp lại Chứng chỉ hành nghề luật sư trong trường hợp bị mất, bị rách, bị cháy", "Luật sư")
    reply = ask("tôi bị mất ví mất hết giấy tờ, giờ phải làm lại những gì", at=AT)
    assert reply.life_event and reply.procedures[0]["code"] == "1.014064"  # the card, not the lawyer's certificate


def test_a_mistyped_word_is_put_right_before_the_vocabulary_reads_the_question(catalogue):
    reply = ask("người thân vừa mấtt thì cần làm những thủ tục gì", at=AT)
    assert reply.life_event and reply.procedures[0]["code"] == "1.000656"
    declined = ask("khoong hieeur gif heets", at=AT, channel="web")
    assert declined.declined and DeclinedQuestion.objects.get().question == "khoong hieeur gif heets"  # as typed


def test_a_life_event_lists_first_what_the_rest_of_the_question_points_to(catalogue):
    _add("1.003677", "Khai báo tạm vắng", "Đăng ký, quản lý cư trú")
    reply = ask("đi làm xa nhà vài tháng có cần khai báo gì với công an không", at=AT)
    assert reply.life_event and [p["code"] for p in reply.procedures] == ["1.003677", "1.004194"]


def test_an_asked_action_the_best_name_lacks_makes_the_citizen_choose(catalogue):
    _add("1.001612", "Đăng ký thành lập hộ kinh doanh", "Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)")
    _add("2.000720", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
         "Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)")
    reply = ask("hộ kinh doanh muốn đổi địa chỉ cửa hàng", at=AT)
    assert not reply.declined and (reply.choose or reply.code == "2.000720")
    assert "2.000720" in reply.candidates[:2]


def test_a_phrase_the_rest_of_the_question_clearly_contradicts_makes_the_citizen_choose(catalogue):
    from motcua.catalogue.models import CitizenTerm

    _add("1.004873", "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", "Hộ tịch")
    _add("2.000806", "Thủ tục đăng ký kết hôn có yếu tố nước ngoài", "Hộ tịch")
    CitizenTerm.objects.create(kind="procedure", phrase="kết hôn", codes="1.000894", reason="thử", source="admin")
    reply = ask("xin giấy xác nhận tình trạng hôn nhân để kết hôn", at=AT)
    assert reply.choose and {p["code"] for p in reply.procedures} == {"1.000894", "1.004873"}
    assert set(reply.candidates[:2]) == {"1.000894", "1.004873"}  # then retrieval's others
    alone = ask("kết hôn làm ở đâu", at=AT)
    assert alone.code == "1.000894"  # the phrase alone decides
    assert alone.procedures[0]["code"] == "1.000894" and alone.candidates[0] == "1.000894"


def test_an_answer_a_phrase_decides_keeps_retrievals_others_beside_it(catalogue):
    from motcua.catalogue.models import CitizenTerm

    _add("2.000806", "Thủ tục đăng ký kết hôn có yếu tố nước ngoài", "Hộ tịch")
    CitizenTerm.objects.create(kind="procedure", phrase="cưới nhau", codes="1.000894", reason="thử", source="admin")
    reply = ask("cưới nhau rồi thì đăng ký kết hôn ở đâu", at=AT)
    assert reply.code == "1.000894" and not reply.choose
    assert [p["code"] for p in reply.procedures][:2] == ["1.000894", "2.000806"]  # a link beside the answer
    assert reply.candidates[:2] == ["1.000894", "2.000806"]


def test_a_choice_among_the_procedures_a_phrase_names_is_ordered_by_the_question(catalogue):
    from motcua.catalogue.models import CitizenTerm

    _add("1.013978", "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu "
         "tài sản gắn liền với đất lần đầu", "Đất đai")
    CitizenTerm.objects.create(kind="procedure", phrase="bìa nhà đất", codes="1.013978 1.012783", reason="thử",
                               source="admin")
    assert ask("bìa nhà đất", at=AT).candidates[0] == "1.013978"  # the phrase's own order
    reply = ask("đổi bìa nhà đất", at=AT)
    assert reply.choose and reply.candidates[:2] == ["1.012783", "1.013978"]  # then retrieval's others


def test_a_phrase_the_rest_of_a_life_event_question_tells_is_answered(catalogue):
    _add("3.000333", "Cấp Phiếu Lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam, "
         "người Việt Nam đang cư trú ở nước ngoài", "Lý lịch tư pháp")
    _add("3.000330", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam mà không xác định được nơi thường trú hoặc nơi "
         "tạm trú; người nước ngoài đã cư trú tại Việt Nam", "Lý lịch tư pháp")
    assert ask("đi xuất khẩu lao động cần làm gì", at=AT).life_event
    reply = ask("xin lý lịch tư pháp để đi xuất khẩu lao động ở đâu", at=AT)
    assert reply.code == "3.000333" and reply.candidates[0] == "3.000333" and not reply.life_event


def test_a_facet_question_that_names_a_need_by_a_vocabulary_phrase_is_not_bare(catalogue):
    from motcua.catalogue.vocabulary import current

    _add("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", "Chứng thực")
    event = current().life_event("xin việc")[0]  # a seed life event
    assert "2.000884" in event.codes
    reply = ask("xin việc cần những giấy tờ gì", at=AT)
    assert not reply.declined and reply.life_event == event.label
    assert ask("cần những giấy tờ gì", at=AT).declined  # a bare facet still asks which procedure


def test_building_and_using_are_not_stopping():
    from motcua.assistant.lexical import Doc
    from motcua.assistant.retrieval import Retriever

    retriever = Retriever([Doc("a", "Cấp giấy phép xây dựng mới"), Doc("b", "Chuyển mục đích sử dụng đất"),
                           Doc("c", "Dừng thực hiện thủ tục đăng ký hộ kinh doanh")])
    assert retriever.actions == [[], [], [("dung",)]]  # "xây dựng", "sử dụng" fold to the syllable of "dừng"


def test_the_model_reads_abbreviations_written_out_and_i_spelt_as_y():
    from motcua.assistant.lexical import Doc
    from motcua.assistant.retrieval import Retriever
    from motcua.catalogue.vocabulary import Term, Vocabulary

    vocabulary = Vocabulary([Term("abbreviation", "dk", "đăng ký"), Term("abbreviation", "hkd", "hộ kinh doanh")])
    retriever = Retriever([Doc("1.001612", "Đăng ký thành lập hộ kinh doanh"), Doc("1.000894", "Đăng ký kết hôn")],
                          vocabulary=vocabulary)
    assert retriever._readable("dk hkd can gi") == "đăng ký hộ kinh doanh cần gì"
    assert retriever._readable("dang ki ket hon") == "đăng ký kết hôn"  # "kí" and "ký" alike


def test_a_storys_last_sentence_that_only_asks_is_read_with_the_sentence_before_it():
    from motcua.assistant.services import _story_ask

    story = "Bà em được hưởng trợ cấp hằng tháng ở xã. Bà vừa mất, nghe nói có tiền mai táng. Làm hồ sơ ở đâu ạ?"
    assert _story_ask(story) == "Bà vừa mất, nghe nói có tiền mai táng, Làm hồ sơ ở đâu ạ"
    named = "Bà em được hưởng trợ cấp hằng tháng ở xã. Bà vừa mất tuần trước. Tôi muốn làm giấy khai tử ở đâu ạ?"
    assert _story_ask(named) == "Tôi muốn làm giấy khai tử ở đâu ạ"  # a last sentence that names its need stays alone
    two = "Bố em mất hôm qua tại nhà ở quê, gia đình đã lo xong hậu sự. Thủ tục thế nào ạ?"
    assert _story_ask(two) == "Thủ tục thế nào ạ"  # of two sentences the first is the whole story


def test_a_life_event_told_before_an_ask_that_names_nothing_is_what_is_asked(catalogue):
    from motcua.assistant.services import _event_in_narrative_only
    from motcua.catalogue.vocabulary import current

    story = "Bố em mất hôm qua tại nhà ở quê, gia đình đã lo xong hậu sự. Thủ tục thế nào ạ? Em cảm ơn"
    assert not _event_in_narrative_only(story, current())
    reply = ask(story, at=AT)
    assert reply.life_event == "Người thân qua đời" and reply.procedures[0]["code"] == "1.000656"
    family = "Ông ngoại em sống với gia đình em ở Hà Nội lâu rồi. Ông vừa mất tuần trước. Gia đình cần làm thủ tục gì ạ?"
    assert ask(family, at=AT).life_event == "Người thân qua đời"  # "gia đình" names no procedure


def test_the_life_event_of_a_storys_ask_is_read_with_the_ask_alone(catalogue):
    from motcua.assistant.services import _life_event
    from motcua.catalogue.vocabulary import current

    story = ("Năm ngoái tôi làm mất căn cước, đã làm lại xong rồi. Bố tôi vừa mất tuần trước ở nhà. Giờ gia đình cần "
             "làm những thủ tục nào ạ?")
    event, rest = _life_event(story, current())
    assert event.label == "Người thân qua đời" and "can cuoc" not in rest  # the narrative's paper is not the need
    reply = ask(story, at=AT)
    assert reply.life_event == "Người thân qua đời" and reply.procedures[0]["code"] == "1.000656"


def test_a_life_event_puts_first_the_rarer_case_the_question_qualifies_though_the_event_hid_it(catalogue):
    from motcua.assistant.catalogue_index import get_retriever

    _add("1.001766", "Thủ tục đăng ký khai tử có yếu tố nước ngoài", "Hộ tịch")
    _add("1.004827", "Thủ tục đăng ký khai tử có yếu tố nước ngoài tại khu vực biên giới", "Hộ tịch")
    _add("2.000497", "Thủ tục đăng ký lại khai tử có yếu tố nước ngoài", "Hộ tịch")
    question = "bố em người Pháp mất ở Hà Nội thì làm khai tử ở đâu"  # "bo * mat" swallows "người Pháp"
    assert get_retriever().rarer_cases("1.000656", question) == ["1.001766"]  # not the border case nor re-registering
    assert get_retriever().rarer_cases("1.000656", "bố em mất ở Hà Nội thì làm khai tử ở đâu") == []
    reply = ask(question, at=AT)
    assert not reply.declined and reply.candidates[:2] == ["1.001766", "1.000656"]
    plain = ask("bố em vừa mất thì cần làm những thủ tục gì", at=AT)
    assert plain.life_event and plain.procedures[0]["code"] == "1.000656"


def test_a_paper_the_story_says_is_already_held_does_not_answer_an_ask_naming_another_need(catalogue):
    from motcua.assistant.services import _story_ask, _without_done

    story = "Em đã đăng ký tạm trú ở phường Cầu Giấy được 3 năm nay rồi. Giờ em muốn nhập hẳn hộ khẩu thì làm thế nào ạ?"
    assert _without_done(story, _story_ask(story)) == "Giờ em muốn nhập hẳn hộ khẩu thì làm thế nào ạ"
    assert ask(story, at=AT).candidates[0] == "1.004222"
    lost = "Em đã làm mất căn cước ở bến xe tuần trước. Giờ em muốn làm lại căn cước ở đâu ạ?"
    assert _without_done(lost, _story_ask(lost)) == lost  # a loss told is what the ask is about
    waiting = "Em đã nộp hồ sơ đăng ký kết hôn ở phường tuần trước rồi. Giờ làm tiếp thế nào ạ?"
    assert _without_done(waiting, _story_ask(waiting)) == waiting  # an ask naming nothing refers back to the story


def test_a_rarer_case_the_question_does_not_name_is_not_answered_alone_beside_the_common_case(catalogue):
    _add("2.001263", "Đăng ký việc nuôi con nuôi trong nước", "Nuôi con nuôi")
    _add("1.004878", "Giải quyết việc nuôi con nuôi có yếu tố nước ngoài đối với trường hợp cha dượng, mẹ kế nhận con "
         "riêng của vợ hoặc chồng; cô, cậu, dì, chú, bác ruột nhận cháu làm con nuôi", "Nuôi con nuôi")
    reply = ask("vợ chồng em muốn nhận cháu ruột bên vợ làm con nuôi thì làm ở đâu", at=AT)
    assert not reply.declined and "2.001263" in reply.candidates[:2]
    assert reply.code == "2.001263" or reply.choose  # not the foreign case alone: no foreigner is told
    foreign = ask("em là người nước ngoài muốn nhận cháu ruột bên vợ làm con nuôi thì làm ở đâu", at=AT)
    assert foreign.candidates[0] == "1.004878"


def test_procedures_the_rest_of_a_life_event_question_names_outside_its_list_are_offered(catalogue):
    from motcua.catalogue.vocabulary import current

    _add("3.000489", "Thẩm định thiết kế về phòng cháy chữa cháy", "Phòng cháy, chữa cháy")
    _add("3.000493", "Nghiệm thu về phòng cháy chữa cháy", "Phòng cháy, chữa cháy")
    question = "xây nhà 3 tầng có cần giấy phép phòng cháy chữa cháy không"
    event, rest = current().life_event(question)
    assert event is not None and {"3.000489", "3.000493"} <= set(current().procedures(rest))  # seed entries
    reply = ask(question, at=AT)
    assert reply.choose and not reply.life_event and set(reply.candidates) == {"3.000489", "3.000493"}
