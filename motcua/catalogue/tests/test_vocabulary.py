"""The citizen vocabulary's rules (pure) and its seed."""

import re

from motcua.catalogue.citizen_terms import CitizenTerm
from motcua.catalogue.vocabulary import (
    Term,
    Vocabulary,
    fold_phrase,
    normalise,
    normalise_line,
    seed_rows,
    seed_vocabulary,
)


def test_i_y_variants_and_tone_placement_fold_the_same():
    v = Vocabulary()
    assert v.prepare("đăng kí") == v.prepare("Đăng ký") == "dang ki"
    assert v.prepare("hoà giải") == v.prepare("hòa giải") and v.prepare("thuỷ lợi") == v.prepare("thủy lợi")
    assert normalise("my") == normalise("mi") == "mi" and normalise("ly") == "li"
    assert normalise("hay") == "hay" and normalise("02") == "2"  # a vowel before y: not a spelling variant


def test_a_line_is_normalised_word_by_word():
    for line in ["1.001193 thu tuc dang ky khai sinh", "my  ly\tky quy chy", "so 02 00 0 007 01a 2.000635",
                 "hay tay ky", " y ky ", ""]:
        assert normalise_line(line) == " ".join(normalise(w) for w in line.split())


def test_abbreviations_then_synonyms_longest_first_one_pass():
    v = Vocabulary([Term("abbreviation", "bhxh", "bảo hiểm xã hội"), Term("synonym", "rút bảo hiểm xã hội", "hưởng bảo hiểm xã hội"),
                    Term("synonym", "bảo hiểm", "bảo hiểm y tế")])
    assert v.expand("Rút BHXH một lần") == "huong bao hiem xa hoi mot lan"


def test_life_events_and_procedure_phrases():
    v = Vocabulary([Term("life_event", "người thân mất", codes=("1.000656", "2.000821"), label="Người thân qua đời"),
                    Term("procedure", "sổ đỏ", codes=("1.013978",))])
    event, rest = v.life_event("Người thân mất thì cần làm gì")
    assert event.codes == ("1.000656", "2.000821") and rest == "thi can lam gi"
    assert v.life_event("đăng ký kết hôn") == (None, "đăng ký kết hôn")
    assert v.procedures("làm sổ đỏ ở đâu") == ["1.013978"]


def test_a_phrase_of_three_words_reads_past_one_light_word_after_its_verb():
    v = Vocabulary([Term("absent", "nhận trợ cấp thất nghiệp", label="Hưởng trợ cấp thất nghiệp"),
                    Term("procedure", "đổi bằng lái", codes=("3.000347",)), Term("procedure", "xin giấy", codes=("x",))])
    assert v.absent("tôi muốn nhận tiền trợ cấp thất nghiệp").label == "Hưởng trợ cấp thất nghiệp"
    assert v.procedures("muốn đổi cái bằng lái xe") == ["3.000347"]
    assert v.procedures("đổi lại bằng lái") == []  # "lại" says another action: not a light word
    assert v.procedures("xin cho giấy") == []  # two-word phrases are read as written
    assert v.without_procedures("nhận tiền trợ cấp") == "nhan tien tro cap"


def test_a_phrase_running_past_a_life_events_end_reads_the_words_otherwise():
    v = Vocabulary([Term("life_event", "bố * mất", codes=("1.000656",), label="Người thân qua đời"),
                    Term("procedure", "mất căn cước", codes=("1.014064",))])
    assert v.life_event("bố tôi mất căn cước thì làm lại ở đâu")[0] is None  # a lost paper, not a death
    assert v.procedures("bố tôi mất căn cước") == ["1.014064"]
    assert v.life_event("bố tôi mất, còn căn cước của bố thì sao")[0] is not None
    assert v.life_event("bố tôi vừa mất")[0] is not None


def test_a_star_stands_for_up_to_three_words_a_kinship_and_a_tense():
    v = Vocabulary([Term("life_event", "ông * mất", codes=("1.000656",), label="Người thân qua đời")])
    assert v.life_event("Ông nội tôi vừa mất, con cháu cần lo những thủ tục nào?")[0] is not None
    assert v.life_event("ông ấy bảo giấy tờ mất rồi")[0] is None  # four words between: not a death


def test_the_seed_file_covers_the_words_of_the_issue():
    v = seed_vocabulary()
    for phrase in ("có con", "người thân mất", "mở quán", "xây nhà", "mua bán đất", "mua xe máy", "đi làm ở nước ngoài"):
        assert v.life_event(phrase)[0] is not None, phrase
    assert "the can cuoc" in v.expand("CCCD") and "giay phep lai xe" in v.expand("GPLX")
    assert "ho kinh doanh" in v.expand("hkd") and "tach ho" in v.expand("tách khẩu")
    assert v.procedures("sổ đỏ")[0] == "1.013978"


def test_the_seed_file_holds_each_phrase_once_with_well_formed_codes():
    """Engineers append to the file in parallel: a merge that kept both sides once doubled hundreds of lines, and a
    code list written with "|" would be read as one code that does not exist."""
    seen = {}
    for row in seed_rows():
        key = (row["kind"], fold_phrase(row["phrase"]))
        assert key not in seen, f"{key} twice in the seed file"
        seen[key] = row
        assert all(re.fullmatch(r"\d\.\d{6}", code) for code in row["codes"].split()), row
        assert row["kind"] in CitizenTerm.Kind.values, row


def test_reloading_the_seed_follows_the_file_and_keeps_staff_entries(tmp_path, db):
    """The seed file is the truth of seed entries: a line removed from it is retired, a line put back is active
    again; entries staff added (or edited, which makes them theirs) are never touched."""
    from motcua.catalogue.models import CitizenTerm
    from motcua.catalogue.vocabulary import seed_into

    header = "# kind\tphrase\tmeaning\tcodes\tlabel\treason\n"
    both = tmp_path / "both.tsv"
    both.write_text(header + "synonym\tmất\tcấp lại bị mất\t\t\tthử\nsynonym\tbị mất\tcấp lại bị mất\t\t\tthử\n")
    one = tmp_path / "one.tsv"
    one.write_text(header + "synonym\tbị mất\tcấp lại bị mất\t\t\tthử\n")
    CitizenTerm.objects.filter(phrase_folded__in=["mat", "bi mat"]).delete()
    CitizenTerm.objects.create(kind="synonym", phrase="mất bao lâu", phrase_folded="mat bao lau",
                               meaning="thời hạn giải quyết", reason="cán bộ thêm", source="admin")

    seed_into(CitizenTerm, both)
    seed_into(CitizenTerm, one)
    assert not CitizenTerm.objects.get(phrase_folded="mat").active
    assert CitizenTerm.objects.get(phrase_folded="bi mat").active
    assert CitizenTerm.objects.get(phrase_folded="mat bao lau").active  # staff's, not the file's
    seed_into(CitizenTerm, both)
    assert CitizenTerm.objects.get(phrase_folded="mat").active


def test_reloading_the_seed_counts_what_it_did(tmp_path, db):
    """The count printed by load_vocabulary: lines read, and each entry created, changed, left alone or retired."""
    from motcua.catalogue.models import CitizenTerm
    from motcua.catalogue.vocabulary import seed_into

    header = "# kind\tphrase\tmeaning\tcodes\tlabel\treason\n"
    first = tmp_path / "first.tsv"
    first.write_text(header + "synonym\tđếm một\tx\t\t\tthử\nsynonym\tđếm hai\tx\t\t\tthử\n")
    second = tmp_path / "second.tsv"
    second.write_text(header + "synonym\tđếm hai\ty\t\t\tthử\nsynonym\tđếm ba\tx\t\t\tthử\n")
    CitizenTerm.objects.filter(source="seed").update(active=False)
    assert seed_into(CitizenTerm, first) == {"lines": 2, "created": 2, "changed": 0, "unchanged": 0, "staff": 0, "retired": 0}
    stamp = CitizenTerm.objects.get(phrase_folded="dem mot").updated_at
    assert seed_into(CitizenTerm, first)["unchanged"] == 2
    assert CitizenTerm.objects.get(phrase_folded="dem mot").updated_at == stamp  # not saved again
    assert seed_into(CitizenTerm, second) == {"lines": 2, "created": 1, "changed": 1, "unchanged": 0, "staff": 0, "retired": 1}


def test_an_officers_edit_of_a_seed_entry_makes_it_theirs(admin_client, db):
    from django.urls import reverse

    from motcua.catalogue.models import CitizenTerm

    term = CitizenTerm.objects.create(kind="synonym", phrase="giấy độc thân thử", phrase_folded="giay doc than thu",
                                      meaning="xác nhận tình trạng hôn nhân", reason="tệp khởi tạo", source="seed")
    url = reverse("admin:catalogue_citizenterm_change", args=[term.pk])
    form = {"kind": "synonym", "phrase": term.phrase, "meaning": term.meaning, "codes": "", "label": "",
            "reason": "tắt: sai nghĩa", "active": ""}
    assert admin_client.post(url, form).status_code == 302
    term.refresh_from_db()
    assert (term.source, term.active) == ("admin", False)


def test_a_phrase_written_with_an_abbreviation_matches_as_questions_are_read():
    v = Vocabulary([Term("abbreviation", "bhyt", "bảo hiểm y tế"),
                    Term("synonym", "thẻ bhyt cho con", "thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi"),
                    Term("procedure", "làm lại thẻ bhyt", codes=("1.001294",))])
    assert v.expand("thẻ BHYT cho con") == "the bao hiem y te cho tre em duoi 6 tuoi"
    assert v.procedures("làm lại thẻ bảo hiểm y tế") == v.procedures("lam lai the BHYT") == ["1.001294"]


def test_a_phrase_is_read_within_one_clause():
    v = Vocabulary([Term("procedure", "bán công ty", codes=("2.002011",)), Term("synonym", "bán công ty", "thay đổi chủ sở hữu"),
                    Term("absent", "xin trợ cấp thất nghiệp", label="x"), Term("life_event", "bố * mất", codes=("1.000656",))])
    told = "Em đi làm ở Nhật Bản, công ty yêu cầu lý lịch tư pháp"
    assert v.procedures(told) == [] and "ban cong ti" in v.expand(told)  # the words stay, no rewrite
    assert v.procedures("Em đi làm ở Nhật Bản,công ty yêu cầu") == []
    assert v.procedures("muốn bán công ty. Làm ở đâu") == ["2.002011"]
    assert v.absent("đi xin. Trợ cấp thất nghiệp thì sao") is None
    assert v.life_event("Bố tôi. Mất giấy tờ rồi")[0] is None and v.life_event("bố tôi mất rồi")[0] is not None
    told = "Giá 1.000.000, tại TP.HCM"
    assert v.expand_abbreviations(told) == v.expand(told) == v.prepare(told)  # the clause marks never show


def test_a_phrase_reads_past_whose_paper_it_is():
    v = Vocabulary([Term("procedure", "bằng lái bị mất", codes=("3.000348",)), Term("procedure", "bằng lái", codes=("3.000347",)),
                    Term("procedure", "giấy khai sinh bị rách", codes=("2.000635",))])
    assert v.procedures("bằng lái của tôi bị mất") == ["3.000348"]
    assert v.procedures("giay khai sinh cua con em bi rach") == ["2.000635"]
    assert v.procedures("giấy khai sinh của gia đình tôi bị rách") == ["2.000635"]
    assert v.procedures("bằng lái của tôi") == ["3.000347"]
    assert v.procedures("bằng lái của hàng xóm bị mất") == ["3.000347"]  # not a possessor word: read as written
    assert v.without_procedures("bằng lái của tôi bị mất ở đâu") == "o dau"
    assert v.procedures("bằng lái em bị mất") == v.procedures("bang lai nha minh bi mat") == ["3.000348"]
    assert v.procedures("bằng lái con bị mất") == ["3.000347"]  # without "của", the words must end with the asker


def test_a_synonym_leaves_the_catalogues_own_wording_as_written():
    v = Vocabulary([Term("synonym", "nghĩa vụ", "nghĩa vụ quân sự")])
    name = v.prepare("Thực hiện nghĩa vụ tài chính về đất đai").split()
    names = set(zip(name, name[1:], name[2:], strict=False))
    assert v.expand("thực hiện nghĩa vụ tài chính", names) == "thuc hien nghia vu tai chinh"  # the name's words
    assert v.expand("hoãn đi nghĩa vụ", names) == "hoan di nghia vu quan su"
    assert v.expand("thực hiện nghĩa vụ tài chính") == "thuc hien nghia vu quan su tai chinh"  # no names given
    assert v.clauses("Ở Nhật Bản, công ty") == "o nhat ban , cong ti" and v.expand("nghĩa | vụ") == "nghia vu"
    assert v.clauses("Bố mất. Nay, tôi") == "bo mat | nay , toi" and v.clauses(v.clauses("a, b. c")) == "a , b | c"


def test_a_life_events_gap_holds_a_comma_not_a_sentence_end():
    v = Vocabulary([Term("life_event", "thuong binh * vua mat", "", ("1.010824",), "Người có công qua đời")])
    assert v.life_event("Ông em là thương binh hạng 2/4, vừa mất tuần trước")[0].label == "Người có công qua đời"
    assert v.life_event("Ông em là thương binh. Vừa mất giấy chứng nhận")[0] is None
