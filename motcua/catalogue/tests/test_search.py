import pytest

from motcua.catalogue.queries import find_procedures
from motcua.catalogue.tests.samples import ensure_vocabulary, make_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    ensure_vocabulary()
    return make_catalogue()


def names(q, **filters):
    return [p.current.name for p in find_procedures(q, **filters)]


def test_it_finds_birth_registration_first_without_diacritics(catalogue):
    assert names("dang ky khai sinh")[0] == "Thủ tục đăng ký khai sinh"


def test_it_treats_d_stroke_and_accents_alike(catalogue):
    assert names("đăng ký khai sinh") == names("DANG KY KHAI SINH") == names("dang ky khai sinh")


def test_name_matches_rank_above_mentions_in_steps(catalogue):
    found = names("khai sinh")
    assert found.index("Thủ tục đăng ký kết hôn") > found.index("Thủ tục đăng ký lại khai sinh")


def test_last_word_is_a_prefix_while_typing(catalogue):
    assert names("giay phep xay d") == ["Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"]


def test_it_falls_back_to_any_word_when_no_procedure_has_all(catalogue):
    assert "Thủ tục đăng ký kết hôn" in names("ket hon abcxyz")


def test_filters_narrow_the_results(catalogue):
    assert names("giay phep", level="Cấp xã") == []


def test_fts_syntax_in_the_query_is_read_as_words(catalogue):
    # quotes, stars and operators are dropped: the words khai, sinh, near are searched like any others
    assert "Thủ tục đăng ký khai sinh" in names('"khai" sinh* NEAR(')
    assert names("?!*") == []


def test_a_blank_query_browses_everything_by_name(catalogue):
    assert len(names("   ")) == 6


def test_i_and_y_spellings_and_tone_placement_find_the_same_procedures(catalogue):
    assert names("đăng kí khai sinh")[0] == names("dang ki khai sinh")[0] == "Thủ tục đăng ký khai sinh"
    assert names("đăng kí khai sinh") == names("đăng ký khai sinh")


def test_everyday_words_and_abbreviations_of_the_shared_vocabulary_are_understood(catalogue):
    from motcua.catalogue.models import CitizenTerm

    assert names("khai sinh cho con")[0] == "Thủ tục đăng ký khai sinh"
    assert names("GPXD") == ["Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"]  # seed abbreviation
    assert names("cất nhà") == []
    CitizenTerm.objects.create(kind="synonym", phrase="cất nhà", meaning="giấy phép xây dựng", reason="test")
    assert names("cất nhà") == ["Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"]  # at once


def test_a_vocabulary_phrase_naming_a_procedure_puts_it_first_at_once(catalogue):
    from motcua.catalogue.models import CitizenTerm, Procedure

    code = Procedure.objects.get(current__name="Thủ tục đăng ký kết hôn").code
    assert names("giấy hôn thú")[0] == "Thủ tục đăng ký kết hôn"  # seed synonym
    CitizenTerm.objects.create(kind="procedure", phrase="làm đám cưới giấy tờ", codes=code, reason="test")
    assert names("làm đám cưới giấy tờ")[0] == "Thủ tục đăng ký kết hôn"
