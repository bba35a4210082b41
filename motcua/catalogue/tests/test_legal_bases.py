"""The legal-basis splitter on real rows of the national portal (Căn cứ pháp lý, flattened table text)."""

from datetime import date

from motcua.catalogue.parsing import parse_legal_bases

# Procedure 1.001193 (đăng ký khai sinh), an excerpt of its table as the portal exports it: title then number,
# glued; the number 18/2026/NĐ-CP is glued to the end of its title and followed by a stray space.
BIRTH = (
    "Tên văn bản pháp lýMã văn bảnNghị định số 123/2015/NĐ-CP ngày 15/11/2015 của  Chính phủ quy định chi tiết một "
    "số điều và biện pháp thi  hành Luật Hộ tịch123/2015/NĐ-CPNghị định sửa đổi, bổ sung một số nghị định để cắt "
    "giảm, đơn giản hóa thủ tục hành chính, điều kiện kinh doanh  thuộc phạm vi quản lý của Bộ Tư pháp18/2026/NĐ-CP "
    "Nghị định quy định về Cơ sở dữ liệu hộ tịch điện tử, đăng ký hộ tịch trực tuyến87/2020/NĐ-CPLuật 60/2014/QH13"
    "60/2014/QH13"
)
# Procedure 1.004089 (người có công), an excerpt: a number glued to its title, a tab, then the next title, which
# begins with its own number.
VETERANS = (
    "Hướng dẫn Pháp lệnh ưu đãi người có công với cách mạng31/2013/NĐ-CP\t05/2013/TT-BLĐTBXH - Hướng dẫn về thủ tục "
    "lập hồ sơ, quản lý hồ sơ, thực hiện chế độ ưu đãi người có công với cách mạng và thân nhân05/2013/TT-BLĐTBXH"
)


def test_a_number_glued_to_its_title_ends_the_cell_despite_a_stray_space():
    bases, issues = parse_legal_bases(BIRTH)
    assert [b["number"] for b in bases] == ["123/2015/NĐ-CP", "18/2026/NĐ-CP", "87/2020/NĐ-CP", "60/2014/QH13"]
    assert bases[1]["title"].endswith("thuộc phạm vi quản lý của Bộ Tư pháp")
    assert bases[2]["title"] == "Nghị định quy định về Cơ sở dữ liệu hộ tịch điện tử, đăng ký hộ tịch trực tuyến"
    assert issues == []


def test_each_basis_has_its_date_when_the_title_gives_it_and_its_issuer_from_the_number():
    bases, _ = parse_legal_bases(BIRTH)
    assert bases[0]["issued"] == date(2015, 11, 15) and bases[0]["issuer"] == "Chính phủ"
    assert bases[2]["issued"] is None  # the row gives no date: none is made up
    assert bases[3]["issuer"] == "Quốc hội"


def test_a_number_cited_inside_a_title_stays_in_the_title():
    bases, _ = parse_legal_bases(BIRTH)
    assert "123/2015/NĐ-CP ngày 15/11/2015" in bases[0]["title"]


def test_two_numbers_in_a_row_split_into_their_own_bases():
    bases, _ = parse_legal_bases(VETERANS)
    assert [b["number"] for b in bases] == ["31/2013/NĐ-CP", "05/2013/TT-BLĐTBXH"]
    assert bases[0]["title"] == "Hướng dẫn Pháp lệnh ưu đãi người có công với cách mạng"
    assert bases[1]["title"].startswith("05/2013/TT-BLĐTBXH - Hướng dẫn về thủ tục lập hồ sơ")
