"""Folding, synonyms and the lexical stage (pure Python)."""

from motcua.assistant import facets
from motcua.assistant.lexical import Doc, LexicalIndex, query_terms, tokens
from motcua.assistant.services import _story_ask
from motcua.assistant.synonyms import expand
from motcua.lib.text import fold


def test_tokens_fold_diacritics_and_d_and_merge_i_y():
    assert tokens("Đăng ký KHAI SINH") == tokens("dang ki khai sinh") == ["dang", "ki", "khai", "sinh"]


def test_numbers_lose_leading_zeros():
    assert tokens("mức độ 02") == ["muc", "do", "2"]


def test_everyday_words_become_catalogue_terms():
    assert expand("Làm giấy khai sinh cho con") == "dang ki khai sinh cho con"
    assert expand("mất sổ đỏ") == "cap lai bi mat giay chung nhan quyen su dung dat"
    assert expand("làm CCCD") == "cap the can cuoc"
    assert "thuong tru" in expand("nhập hộ khẩu cho vợ")
    assert "giay phep lai xe" in expand("bằng lái xe máy")
    assert "dang ki ket hon" in expand("muốn lấy vợ")


def test_a_replacement_is_not_expanded_twice():
    assert expand("đăng ký nghĩa vụ quân sự") == "dang ki nghia vu quan su"


def test_abbreviations_are_written_out_on_both_sides():
    assert expand("rút BHXH 1 lần") == "huong bao hiem xa hoi mot lan"
    assert tokens("Công ty TNHH") == ["cong", "ti", "trach", "nhiem", "huu", "han"]


def test_age_is_mapped_to_the_identity_card_bands():
    assert expand("con 10 tuổi").endswith("duoi 14 tuoi")
    assert expand("con 15 tuổi") == "con 15 tuoi"
    assert expand("dưới 14 tuổi") == "duoi 14 tuoi"


def test_lexical_index_ranks_the_general_procedure_and_corrects_typos():
    index = LexicalIndex([
        Doc("a", "Thủ tục đăng ký khai sinh", "Hộ tịch"),
        Doc("b", "Thủ tục đăng ký kết hôn", "Hộ tịch"),
        Doc("c", "Cấp giấy phép lái xe", "Sát hạch"),
    ])
    assert index.search("dang ky khai sihn")[0].key == "a"
    assert index.search("đăng kí kết hôn")[0].key == "b"
    assert all(h.query_cover < 0.5 for h in index.search("giá vàng hôm nay"))


def test_a_real_word_typed_with_its_diacritics_is_not_respelt():
    index = LexicalIndex([Doc("a", "Thủ tục đăng ký khai sinh", "Hộ tịch"), Doc("b", "Cấp giấy phép dịch vụ", "Y tế")])
    assert index.respell("hàng xóm xích mích") == "hàng xóm xích mích"  # not "xich dich"
    assert "mich" in query_terms("hàng xóm xích mích", index.vocabulary)
    assert "dich" in query_terms("hang xom xich mich", index.vocabulary)  # without marks it may be a typo
    assert index.respell("khai sihn, đăngg") == "khai sinh, dang"  # no Vietnamese syllable has these shapes


def test_a_regional_spelling_is_put_right_only_where_a_name_has_the_three_syllables():
    index = LexicalIndex([
        Doc("a", "Đăng ký thường trú", "Cư trú"),
        Doc("b", "Thủ tục đăng ký khai tử", "Hộ tịch"),
        Doc("c", "Công khai thông tin", "Khác"),
    ])
    assert "thuong_tru" in index.terms("đăng ký thường chú")  # ch/tr: "chú" is a real syllable, its pair is not
    assert index.search("đăng ký thường chú")[0].key == "a"
    assert "con" in index.terms("thế còn khai tử thì sao")  # "công khai" is known, "công khai tử" in no name


def test_facets_are_detected_and_bare_follow_ups_recognised():
    assert facets.detect("đăng ký kết hôn mất bao lâu") == ["time"]
    assert facets.detect("phí bao nhiêu?") == ["fee"]
    assert facets.detect("cần giấy tờ gì, nộp ở đâu") == ["papers", "place"]
    assert facets.is_bare("phí bao nhiêu?")
    assert facets.is_bare("thế còn thời gian giải quyết?")
    assert not facets.is_bare("đăng ký kết hôn mất bao lâu")
    assert facets.without_facets("đăng ký kết hôn mất bao lâu") == "dang ky ket hon"
    # "cần" folds to "can" as "cận" does ("tiếp cận nguồn gen"): asking which licence is asking for papers
    assert facets.detect("mở quán cần giấy phép gì") == ["papers"]
    assert facets.without_facets("mở quán cần giấy phép gì") == "mo quan"


def test_chat_shorthand_for_question_words_is_a_facet_and_carries_no_topic():
    # "ntn" = như thế nào, "bn" = bao nhiêu, "j" = gì, "ko"/"hok" = không, "sđt" = số điện thoại
    assert facets.detect("đk kết hôn cần giấy tờ j") == ["papers"]
    assert facets.detect("làm hộ chiếu mất bn tiền") == ["fee"]
    assert facets.detect("cấp lại căn cước mất bn ngày") == ["time"]
    assert facets.detect("tách hộ khẩu lâu ko") == ["time"]
    assert facets.detect("đăng ký tạm trú làm ntn") == ["steps"]
    assert facets.detect("cho xin sđt phường") == ["contact"]
    assert facets.is_bare("thế còn phí bn?")
    assert facets.is_bare("cần j hok")
    assert facets.without_facets("đăng ký tạm trú làm ntn") == "dang ky tam tru"
    assert not {"mn", "e", "j", "ntn"} & set(query_terms("mn ơi e hỏi j, làm hộ chiếu ntn"))
    assert facets.detect("làm hộ chiếu bao nhiu tiền") == ["fee"]


def test_facets_are_cut_from_the_question_as_written():
    assert facets.strip_facets("Đăng ký kết hôn mất bao lâu, lệ phí bao nhiêu?") == "Đăng ký kết hôn"
    assert facets.strip_facets("Làm hộ chiếu ở đâu") == "Làm hộ chiếu"
    assert facets.strip_facets("ở đâu?") == ""


def test_diacritics_are_put_back_from_the_catalogue_names():
    from motcua.assistant.accents import Accents

    accents = Accents(["Cấp hộ chiếu phổ thông", "Đăng ký thành lập hộ kinh doanh", "Thủ tục đăng ký kết hôn"])
    assert accents.restore("lam ho chieu o dau") == "làm hộ chiếu ở đâu"
    assert accents.restore("dang ky ket hon can gi") == "đăng ký kết hôn cần gì"
    assert accents.restore("Đăng ky ket hon") == "Đăng ky ket hon"  # typed with diacritics: left as written
    assert accents.restore("xyz ho kinh doanh") == "xyz hộ kinh doanh"  # unknown syllables kept


def test_the_embedding_model_reads_the_question_as_written_without_its_facets():
    import numpy as np

    from motcua.assistant.retrieval import Retriever

    docs = [Doc("a", "Thủ tục đăng ký kết hôn", "Hộ tịch"), Doc("b", "Cấp hộ chiếu phổ thông", "Xuất nhập cảnh")]
    read = []

    def embed(text):
        read.append(text)
        return np.array([1.0, 0.0], dtype=np.float32)

    retriever = Retriever(docs, np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32), embed)
    assert retriever.search("Đăng ký kết hôn mất bao lâu?").best.key == "a"
    assert retriever.search("dang ky ket hon o dau").best.key == "a"
    assert read == ["Đăng ký kết hôn", "đăng ký kết hôn"]


def test_a_single_answer_needs_the_questions_most_specific_word():
    from motcua.assistant.retrieval import Retriever

    retriever = Retriever([
        Doc("a", "Khai các khoản thu về hoa hồng dầu khí"),
        Doc("b", "Báo cáo hoa hồng đại lý bảo hiểm"),
        Doc("c", "Thanh lý rừng trồng"),
    ])
    result = retriever.search("khai thu hoa hồng dầu khí")
    assert result.best.key == "a" and result.confident and not result.ambiguous
    roses = retriever.search("cách trồng hoa hồng dầu khí")  # "trồng", the rarest word, is not in "a"
    assert roses.best.key == "a" and not (roses.confident and not roses.ambiguous)


def test_what_a_question_says_besides_the_phrases_naming_procedures():
    from motcua.assistant.services import _says_more
    from motcua.catalogue.vocabulary import seed_vocabulary

    vocabulary = seed_vocabulary()
    assert vocabulary.without_procedures("Sổ đỏ ghi sai tên vợ") == "ten vo"  # "sổ đỏ ghi sai" names đính chính
    assert _says_more("sổ đỏ ghi sai tên vợ muốn sửa", vocabulary)  # retrieval may decide among the phrase's procedures
    assert not _says_more("làm sổ đỏ ở đâu", vocabulary)  # the phrase's choice is offered


def test_a_person_of_the_city_most_likely_means_what_a_person_does_at_a_local_office():
    from motcua.assistant.retrieval import Retriever

    retriever = Retriever([
        Doc("a", "Đăng ký thuế lần đầu", for_citizens=False),
        Doc("b", "Đăng ký thuế lần đầu", local=False),
        Doc("c", "Đăng ký thuế lần đầu"),
    ])
    assert [c.key for c in retriever.search("đăng ký thuế lần đầu").candidates] == ["c", "a", "b"]


def test_everyday_words_say_which_action_on_a_paper_is_asked():
    from motcua.assistant.retrieval import Retriever

    retriever = Retriever([
        Doc("first", "Cấp giấy phép xây dựng nhà ở riêng lẻ"),
        Doc("again", "Cấp lại giấy phép xây dựng nhà ở riêng lẻ"),
        Doc("fix", "Điều chỉnh giấy phép xây dựng nhà ở riêng lẻ"),
    ])
    assert retriever.search("xin giấy phép xây dựng nhà ở riêng lẻ").best.key == "first"
    assert retriever.search("xin lại giấy phép xây dựng nhà ở riêng lẻ").best.key == "again"
    assert retriever.search("giấy phép xây dựng nhà ở riêng lẻ ghi sai thì sửa").best.key == "fix"
    assert retriever.search("sửa chữa nhà ở riêng lẻ có cần giấy phép xây dựng").best.key == "first"  # a repair


def test_a_vocabulary_phrase_does_not_straddle_a_question_phrase():
    from motcua.assistant.lexical import query_terms
    from motcua.catalogue.vocabulary import Term, Vocabulary

    vocabulary = Vocabulary([Term("synonym", "hôn thú", "đăng ký kết hôn")])  # a marriage certificate, in old words
    assert query_terms("làm hôn thú", vocabulary=vocabulary) == ["dang", "ki", "ket", "hon", "dang_ki", "ki_ket",
                                                                 "ket_hon"]
    assert "ket" not in query_terms("ly hôn thủ tục thế nào", vocabulary=vocabulary)  # "hôn thủ(tục)" is no "hôn thú"


def test_a_storys_ask_is_its_last_sentence_before_the_closing_courtesy():
    story = ("Chào anh chị, em mới sinh cháu được 2 tuần. Vợ chồng em đã đăng ký kết hôn rồi. "
             "Em muốn làm giấy khai sinh cho cháu thì cần mang những gì ạ? Em cảm ơn.")
    assert _story_ask(story) == "Em muốn làm giấy khai sinh cho cháu thì cần mang những gì ạ"
    closed = "Tôi là người Việt, chồng tôi quốc tịch Hàn Quốc. Chúng tôi muốn đăng ký kết hôn. Cần hồ sơ gì, em cảm ơn ạ."
    assert _story_ask(closed) == "Chúng tôi muốn đăng ký kết hôn, Cần hồ sơ gì"  # an ask naming nothing: with its need
    assert _story_ask("Nhà tôi mua từ năm 2015 bằng giấy viết tay. Mong được hướng dẫn làm sổ đỏ đứng tên mình ạ.") == (
        "Mong được hướng dẫn làm sổ đỏ đứng tên mình ạ")  # a courtesy that asks for something is the ask


def test_a_comma_before_now_or_so_cuts_a_story_however_it_is_written():
    told = "Sáng nay em bị móc túi mất hết giấy tờ trong đó có bằng lái ô tô B2, giờ em làm lại bằng thì phải làm sao"
    assert _story_ask(told) == "giờ em làm lại bằng thì phải làm sao"
    assert _story_ask(fold(told)) == "gio em lam lai bang thi phai lam sao"


def test_a_clause_after_a_comma_that_names_nothing_stays_with_its_sentence():
    story = "Chồng tôi mất vì bạo bệnh. Tôi nghe nói được nhận trợ cấp tuất, vậy làm hồ sơ ở đâu?"
    assert _story_ask(story) == "Tôi nghe nói được nhận trợ cấp tuất, vậy làm hồ sơ ở đâu"


def test_what_a_clause_is_for_does_not_name_the_ask():
    story = "Bà em mất lâu rồi mà chưa có giấy chứng tử gì hết, giờ cần làm để chia đất"
    assert _story_ask(story) == ""  # one sentence: the whole question is read (khai tử), not "chia đất"


def test_a_procedure_done_at_several_levels_is_one_procedure_and_the_commune_copy_answers():
    from motcua.assistant.retrieval import Retriever

    retriever = Retriever([
        Doc("province", "Cấp lại thẻ căn cước (thực hiện tại cấp tỉnh)"),
        Doc("commune", "Cấp lại thẻ căn cước", commune=True),
        Doc("ministry", "Cấp lại thẻ căn cước (thực hiện tại cấp trung ương)", local=False),
        Doc("other", "Cấp đổi thẻ căn cước", commune=True),
    ])
    result = retriever.search("cấp lại thẻ căn cước")
    assert [c.key for c in result.candidates] == ["commune", "other", "province", "ministry"]  # copies after the others
    assert result.confident and not result.ambiguous  # its own copies are no close second
    assert retriever.twins("province", "ministry") and not retriever.twins("commune", "other")
    assert retriever.nearest(["province", "other", "commune"]) == ["commune", "other"]


def test_what_a_name_adds_in_brackets_does_not_make_it_lose_to_a_short_name():
    from motcua.assistant.lexical import LexicalIndex, first_case
    from motcua.assistant.retrieval import Retriever

    house = Doc("house", "Cấp lại giấy phép xây dựng đối với công trình cấp III, cấp IV (công trình không theo tuyến/theo "
                         "tuyến trong đô thị/tín ngưỡng, tôn giáo/tượng đài, tranh hoành tráng/sửa chữa, cải tạo/dự án) "
                         "và nhà ở riêng lẻ")
    index = LexicalIndex([house])
    assert index.name_len == [len("cấp lại giấy phép xây dựng đối với công trình cấp iii cấp iv và nhà ở riêng lẻ".split())]
    assert first_case("Khai; miễn, giảm thuế sử dụng đất phi nông nghiệp") == (
        "Khai; miễn, giảm thuế sử dụng đất phi nông nghiệp")  # a first case of one word names nothing
    retriever = Retriever([house, Doc("land", "Cấp lại Giấy chứng nhận do bị mất"), Doc("birth", "Đăng ký khai sinh"),
                           Doc("big", house.name.replace("cấp III, cấp IV", "cấp đặc biệt, cấp I, cấp II"))])
    assert [c.key for c in retriever.search("xin cấp lại giấy phép xây dựng nhà ở").candidates][:2] == ["house", "big"]


def test_a_storys_ask_reads_every_candidate_of_the_story():
    import pytest

    from motcua.assistant.retrieval import Retriever

    others = [Doc(f"o{i}", f"Cấp lại giấy phép số {i}") for i in range(60)]  # the ask's first fifty are these
    house = Doc("house", "Cấp lại giấy phép xây dựng đối với công trình cấp III, cấp IV và nhà ở riêng lẻ")
    retriever = Retriever([*others, house])
    story, ask = "Giấy phép xây dựng nhà em bị thất lạc từ năm ngoái rồi. Giờ xin cấp lại được không", "Giờ xin cấp lại"
    whole, _ = retriever._scored(story)
    asked, _ = retriever._scored(ask, context=story)
    assert "house" not in {c.key for c in asked}
    by_ask, _ = retriever._scored(ask, allowed={"house"}, context=story, top_bm25=max(c.bm25 for c in asked))
    found = retriever.search_story(story, ask)
    by_story = next(c for c in whole if c.key == "house").score
    assert found.best.key == "house"  # read by the ask as well, not given the ask's lowest score as if unread
    assert found.best.score == pytest.approx(0.75 * by_story + 0.25 * by_ask[0].score)
    assert by_ask[0].lexical < 1.0  # scaled by the ask's best lexical score, not by its own


def test_the_lexical_rewrites_keep_to_one_clause():
    from motcua.catalogue.vocabulary import Term, Vocabulary

    vocabulary = Vocabulary([Term("synonym", "bán công ty", "thay đổi chủ sở hữu")])
    assert "so" not in query_terms("làm ở Nhật Bản, công ty cần lý lịch", vocabulary=vocabulary)
    assert "so" in query_terms("muốn bán công ty", vocabulary=vocabulary)


def test_a_number_or_mình_said_of_oneself_is_no_key_word():
    from motcua.assistant.retrieval import Retriever

    retriever = Retriever([
        Doc("copy", "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh"),
        Doc("id", "Cấp giấy chứng minh nhân dân"),
        Doc("card", "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên"),
    ])
    copy, card = retriever.search("mình xin bản sao giấy khai sinh").best, retriever.search("làm căn cước 15 tuổi").best
    assert copy.key == "copy" and retriever._explains_key_word(copy, set(retriever.index.terms("mình xin bản sao giấy khai sinh")))
    assert card.key == "card" and retriever._explains_key_word(card, set(retriever.index.terms("làm căn cước 15 tuổi")))


def test_a_procedure_named_beside_a_life_event_is_read_with_its_facet_words():
    from motcua.assistant import facets
    from motcua.assistant.services import _named_beside
    from motcua.catalogue.vocabulary import Term, Vocabulary

    vocabulary = Vocabulary([Term("life_event", "sinh con", "", ("1.001193", "2.000693"), "Sinh con"),
                             Term("procedure", "ho so thai san", "", ("2.000693",))])
    question = "Vợ em sinh con được 1 tháng, công ty bảo tự nộp hồ sơ thai sản"
    event, rest = vocabulary.life_event(facets.without_facets(question))
    assert event.label == "Sinh con" and vocabulary.procedures(rest) == []  # "hồ sơ" went with the facets
    assert _named_beside(question, event, rest, vocabulary) == ["2.000693"]
