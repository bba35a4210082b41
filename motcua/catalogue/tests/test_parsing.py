"""The parser on real snippets of the national-portal crawl (code in each comment) and the Ministry file."""

import datetime
import json
from pathlib import Path

import pytest

from motcua.catalogue import parsing as p
from motcua.catalogue.parsing.structured import _structured_basis as structured_basis
from motcua.catalogue.parsing.text import squash

DATA = Path(__file__).parent / "data"
HEAD = "Hình thức nộpThời gianPhí, lệ phíMô tả"
COMP_HEAD = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
LAW_HEAD = "Tên văn bản pháp lýMã văn bản"


def _records(name):
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()]


# ---------------------------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    "text, expected",
    [
        ("15 Ngày làm việc", ("15", "working_days")),
        ("15 Ngày", ("15", "calendar_days")),  # 6.003636
        ("8 Giờ", ("8", "hours")),  # 3.000141
        ("4 Tháng", ("4", "months")),  # 1.002947
        ("0.5 Ngày làm việc", ("0.5", "working_days")),
        ("Trong ngày", (None, "same_day")),
        ("1", ("1", "")),  # the portal dropped the unit: "Trực tuyến1Miễn phí"
        ("Không có thông tin", (None, "")),
        ("Chậm nhất là ngay trước khi tàu rời cảng", (None, "")),  # Ministry file
    ],
)
def test_parse_duration(text, expected):
    assert p.parse_duration(text) == expected


# ---------------------------------------------------------------------------------------------- channels


def test_missing_unit_is_left_empty_and_reported():
    # 1.008331: "Trực tuyến1Miễn phí"
    channels, issues = p.parse_channels(HEAD + "Trực tuyến1Miễn phíDịch vụ bưu chính1Miễn phíTrực tiếp1Miễn phí")
    assert [c["kind"] for c in channels] == ["online", "postal", "direct"]
    assert all(c["duration_value"] == "1" and c["duration_unit"] == "" for c in channels)
    assert all(c["fees"] == [{"amount": 0, "kind": "mien_phi", "description": ""}] for c in channels)
    assert len(issues) == 3 and "không ghi đơn vị" in issues[0]


def test_missing_unit_is_taken_from_the_records_own_text():
    # 1.004694 pattern; the unit is in the steps: "trong thời hạn 05 ngày làm việc"
    channels, issues = p.parse_channels(
        HEAD + "Trực tuyến5Miễn phíTrực tiếp5Miễn phí", context="Trong thời hạn 05 ngày làm việc kể từ ngày nhận"
    )
    assert [(c["duration_value"], c["duration_unit"]) for c in channels] == [("5", "working_days")] * 2
    assert issues == []


def test_channel_rows_with_description_and_fee_detail():
    # 1.004002
    text = (
        HEAD + "Trực tuyến2 Ngày làm việc70,000 VNĐ(70.000 đồng/Giấy chứng nhận)"
        "Dịch vụ bưu chính2 Ngày làm việc70,000 VNĐ(70.000 đồng/Giấy chứng nhận)"
        "Trực tiếp2 Ngày làm việc70,000 VNĐ(70.000 đồng/Giấy chứng nhận)"
    )
    channels, issues = p.parse_channels(text)
    assert issues == []
    assert [c["kind"] for c in channels] == ["online", "postal", "direct"]
    online = channels[0]
    assert (online["duration_value"], online["duration_unit"]) == ("2", "working_days")
    assert online["fees"][0]["amount"] == 70000
    assert online["fees"][0]["description"] == "70,000 VNĐ (70.000 đồng/Giấy chứng nhận)"


def test_channel_name_inside_a_description_does_not_open_a_row():
    # 1.003290: the description itself starts with "Trực tiếp nộp hồ sơ..."
    text = HEAD + "Trực tiếp6 Tháng100 USD(100 USD/thẻ.)Trực tiếp nộp hồ sơ tại trụ sở Cục Quản lý xuất nhập cảnh."
    channels, issues = p.parse_channels(text)
    assert len(channels) == 1
    assert channels[0]["description"] == "Trực tiếp nộp hồ sơ tại trụ sở Cục Quản lý xuất nhập cảnh."
    assert (channels[0]["duration_value"], channels[0]["duration_unit"]) == ("6", "months")
    # amounts in USD are not turned into đồng
    assert channels[0]["fees"][0]["amount"] is None
    assert any("USD" in i for i in issues)


def test_several_fee_lines_in_a_description():
    # 1.003135
    text = (
        HEAD + "Trực tuyến5 Ngày làm việcKhông có thông tin- 05 ngày làm việc kể từ ngày nhận đủ hồ sơ\n"
        "- Lệ phí : 20.000 Đồng (Lệ phí Cấp mới, cấp lại chứng chỉ chuyên môn: 20.000 đồng/giấy.); \n"
        "- Lệ phí : 50.000 Đồng (Lệ phí Cấp mới, cấp lại chứng nhận khả năng chuyên môn thuyền trưởng, máy trưởng:"
        " 50.000 đồng/giấy;)"
    )
    channels, _ = p.parse_channels(text)
    fees = channels[0]["fees"]
    assert [(f["amount"], f["kind"]) for f in fees] == [(20000, "le_phi"), (50000, "le_phi")]


def test_duration_and_amount_written_together_are_not_guessed():
    # 2.002011, direct channel: "125 VNĐ" may be 1 + 25, 12 + 5 or 125, and the detail names no amount
    text = (
        HEAD + "Trực tiếp125 VNĐ(- Lệ phí đăng ký doanh nghiệp: Bằng 50% mức thu lệ phí quy định tại điểm 1 Biểu phí,"
        " lệ phí đăng ký doanh nghiệp ban hành kèm theo Thông tư số 47/2019/TT-BTC)"
    )
    channels, issues = p.parse_channels(text)
    assert channels[0]["duration_value"] is None
    assert channels[0]["fees"][0]["amount"] is None
    assert "không tách được" in issues[0]


def test_duration_and_amount_written_together_split_by_the_amount_in_the_detail():
    # 2.002011, online channel: "1100 VNĐ" with "100.000 đồng/lần" in the detail reads 1 + 100 (thousand đồng)
    text = (
        HEAD + "Trực tuyến1100 VNĐ(Phí công bố nội dung đăng ký doanh nghiệp: 100.000 đồng/lần "
        "(Thông tư số 47/2019/TT-BTC))"
    )
    channels, issues = p.parse_channels(text)
    assert channels[0]["duration_value"] == "1"
    assert channels[0]["fees"][0]["amount"] == 100000
    assert any("tách theo số tiền" in i for i in issues)


def test_headline_amount_in_thousands_is_corrected_from_the_detail():
    # 1.004022: the column says 900 VNĐ, the detail 900.000 đồng/lần
    text = (
        HEAD + "Trực tuyến5 Ngày làm việc900 VNĐ(Phí Thẩm định nội dung thông tin quảng cáo thuốc thú y, thuốc thú y"
        " thuỷ sản, trang thiết bị, dụng cụ trong thú y: 900.000 đồng/lần)"
    )
    channels, issues = p.parse_channels(text)
    assert channels[0]["fees"][0]["amount"] == 900000
    assert "nghìn đồng" in issues[0]


def test_headline_below_a_thousand_dong_is_not_trusted():
    # 1.003358: "155 VNĐ" whose detail says 155 USD; 1.003133: "40 VNĐ" beside "4.000 đ/giấy thông hành"
    for text in [
        HEAD + "Trực tiếp5 Ngày làm việc155 VNĐ(Thẻ tạm trú có thời hạn từ trên 02 năm đến 05 năm: 155 USD/thẻ.)",
        HEAD + "Trực tiếp5 Ngày làm việc40 Việt Nam Đồng(4.000 đ/giấy thông hành)",
    ]:
        channels, issues = p.parse_channels(text)
        assert channels[0]["fees"][0]["amount"] is None
        assert "dưới 1.000 đồng" in issues[0]


def test_free_headline_with_a_fee_set_by_the_council():
    # 1.004901: "Miễn phí" in the column, but the detail says the council sets the rate
    text = (
        HEAD + "Trực tuyến3 Ngày làm việcMiễn phí(- Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định (căn cứ quy"
        " định tại Thông tư số 85/2019/TT-BTC và Thông tư số 106/2021/TT-BTC).)"
    )
    channels, issues = p.parse_channels(text)
    fee = channels[0]["fees"][0]
    assert (fee["amount"], fee["kind"]) == (None, "le_phi")
    assert p.fee_set_by(fee["description"]) == "hdnd"
    assert "Miễn phí" in issues[0]


def test_duration_and_amount_written_together_split_when_only_one_way_reads():
    # a grouped amount cannot lose its first digit: "2,000,000" never reads as "2" + ",000,000"
    channels, issues = p.parse_channels(HEAD + "Trực tiếp2,000,000 VNĐ(Phí thẩm định)")
    assert channels[0]["fees"][0]["amount"] == 2000000
    assert issues == []


# ---------------------------------------------------------------------------------------------- fees


def test_free_headline_over_a_fee_under_a_circular():
    # 2.001544 (held-out sample)
    text = (
        HEAD + "Dịch vụ bưu chính1 Ngày làm việcMiễn phí(- Phí kiểm dịch động vật, sản phẩm động vật (bao gồm cả thủy"
        " sản): Mục III Biểu phí, lệ phí trong công tác thú y Thông tư số 101/2020/TT-BTC ngày 23/11/2020 của Bộ"
        " trưởng Bộ Tài chính;)Trực tiếp1 Ngày làm việcMiễn phí(- Chi phí khác: Văn bản giá hiện hành của cơ quan có"
        " thẩm quyền theo Luật Giá và Nghị định 85/2024/NĐ-CP)"
    )
    postal, direct = p.parse_channels(text)[0]
    assert [(f["amount"], f["kind"]) for f in postal["fees"]] == [(None, "phi")]
    assert p.fee_set_by(postal["fees"][0]["description"]) == "mof"
    assert [f["kind"] for f in direct["fees"]] == ["mien_phi"]  # "Chi phí khác" is not a fee


def test_fee_set_by_ministry_of_finance_from_its_thong_tu():
    # 1.002613
    detail = (
        "Phí : Đồng (Từ ngày 01/7/2025 đến hết ngày 31/12/2026 áp dụng theo quy định tại Thông tư số "
        "64/2025/TT-BTC ngày 30/6/2025 của Bộ trưởng Bộ Tài chính quy định mức thu, miễn một số khoản phí, lệ phí)"
    )
    assert p.fee_set_by(detail) == "mof"


def test_fee_set_by_provincial_council():
    # 1.000080
    detail = "Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương quyết định."
    assert p.fee_set_by(detail) == "hdnd"


def test_fee_set_by_falls_back_on_the_fee_legal_basis():
    # 1.004002: the fee text says nothing, the legal basis lists the MoF circular on fees
    bases = [
        {"number": "198/2016/TT-BTC", "title": "Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí, lệ phí"}
    ]
    assert p.fee_set_by("70,000 VNĐ (70.000 đồng/Giấy chứng nhận)", bases) == "mof"
    assert p.fee_set_by("70,000 VNĐ", []) == "unknown"


def test_appraisal_fee_is_flagged():
    # 3.000373
    rec = {"ma_thu_tuc": "3.000373", "ten_thu_tuc": "x"}
    rec["cach_thuc_thuc_hien"] = (
        HEAD + "Trực tuyến1 Giờ20,000 Việt Nam Đồng(Phí thẩm định cấp giấy phép 20.000 đồng/lần.)"
    )
    fee = p.parse_dvcqg_record(rec)["channels"][0]["fees"][0]
    assert (fee["amount"], fee["kind"], fee["appraisal"]) == (20000, "phi", True)


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("Phí : 0 Đồng", [(0, "phi")]),  # 1.013124
        ("Lệ phí : 0 Đồng", [(0, "le_phi")]),  # 1.013568
        ("Lệ phí : 03 USD (Lệ phí: 03 USD/Giấy phép)", [(None, "le_phi")]),  # 1.013562
        ("Phí : Mức thu bằng 50% mức thu phí quy định tại Mục I Đồng", [(None, "phi")]),  # 1.013202
        (
            "Phí : 2.000.000 Đồng (Thẩm định cấp phép sử dụng vật liệu nổ công nghiệp)\n"
            "Phí : 3.500.000 Đồng (Thẩm định cấp phép sử dụng vật liệu nổ công nghiệp phục vụ tìm kiếm)",
            [(2000000, "phi"), (3500000, "phi")],
        ),  # 1.013539
    ],
)
def test_structured_fee_cells(cell, expected):
    assert [(f["amount"], f["kind"]) for f in p.parse_fee_lines(cell, strict=False)] == expected


@pytest.mark.parametrize(
    "text, amount",
    [("2,500,000", 2500000), ("8.000", 8000), ("15000000", 15000000), ("1,50", None), ("abc", None)],
)
def test_parse_amount(text, amount):
    assert p.parse_amount(text) == amount


# ---------------------------------------------------------------------------------------------- components


def test_components_with_headings_templates_and_copies():
    # 1.004002 (shortened names)
    text = (
        "* Xuất trình hoặc gửi bản chính hoặc bản sao các loại giấy tờ sau đây để cơ quan đăng ký phương tiện kiểm tra:"
        + COMP_HEAD
        + "Giấy chứng nhận an toàn kỹ thuật và bảo vệ môi trường của phương tiện.1 bản chính,1 bản sao"
        "* Giấy tờ phải nộp để lưu giữ tại cơ quan đăng ký phương tiện:"
        + COMP_HEAD
        + "Đơn đề nghị đăng ký lại phương tiện thủy nội địa theo quy địnhMauon.docx1 bản chính"
    )
    components, issues = p.parse_components(text)
    assert issues == []
    first, second = components
    assert (first["originals"], first["copies"]) == (1, 1)
    assert first["notes"].startswith("Xuất trình hoặc gửi")
    assert second["name"] == "Đơn đề nghị đăng ký lại phương tiện thủy nội địa theo quy định"
    assert second["template"] == "Mauon.docx"
    assert (second["originals"], second["copies"], second["condition"]) == (1, 0, "")


def test_case_heading_becomes_the_condition():
    # 1.014567
    text = (
        "--" + COMP_HEAD + "Giấy đề nghị đăng ký1 bản chính"
        "* Trường hợp ủy quyền thực hiện thủ tục: " + COMP_HEAD + "Văn bản ủy quyền0 bản chính,1 bản sao"
    )
    components, _ = p.parse_components(text)
    assert [(c["name"], c["condition"]) for c in components] == [
        ("Giấy đề nghị đăng ký", ""),
        ("Văn bản ủy quyền", "Trường hợp ủy quyền thực hiện thủ tục"),
    ]
    assert (components[1]["originals"], components[1]["copies"]) == (0, 1)


def test_count_glued_to_a_year_and_counts_quoted_inside_a_name():
    # 1.003563: "... ngày 01/01/20261 bản chính,1 bản sao"; 1.000757-style "nộp 02 bản chính tờ khai"
    text = (
        "--" + COMP_HEAD + "Quyết định số 12/QĐ ngày 01/01/20261 bản chính,1 bản sao"
        "Người khai hải quan khai và nộp 02 bản chính tờ khai hàng hóa xuất khẩu1 bản chính"
    )
    components, _ = p.parse_components(text)
    assert [(c["name"], c["originals"], c["copies"]) for c in components] == [
        ("Quyết định số 12/QĐ ngày 01/01/2026", 1, 1),
        ("Người khai hải quan khai và nộp 02 bản chính tờ khai hàng hóa xuất khẩu", 1, 0),
    ]


def test_template_glued_to_a_number_and_several_templates():
    # 1.002693 and 2.000851
    text = (
        "--" + COMP_HEAD + "Đơn đề nghị cấp giấy phép chặt hạ, dịch chuyển cây xanh theo Mẫu số 01 Phụ lục I của "
        "Nghị định số 258/2025/NĐ-CPMẫu số 01.docx1 bản chính"
        "Tờ khai (dùng cho người Việt Nam)Mẫu số 05-PLIII-LS.docxMẫu số 06-PLIII-LS.docx1 bản chính"
    )
    first, second = p.parse_components(text)[0]
    assert first["name"].endswith("Nghị định số 258/2025/NĐ-CP")
    assert first["template"] == "Mẫu số 01.docx"
    assert second["name"] == "Tờ khai (dùng cho người Việt Nam)"
    assert second["template"] == "Mẫu số 05-PLIII-LS.docx; Mẫu số 06-PLIII-LS.docx"


def test_template_cuts_seen_in_the_hand_check():
    # 2.001655, 1.001010, 1.003151, 1.003576
    cases = [
        (
            "Bản khai dự trữ của tàu theo mẫuMauBankhaidutrucuatau.docxMauBankhaihanghoa.docx1 bản chính",
            "Bản khai dự trữ của tàu theo mẫu",
            "MauBankhaidutrucuatau.docx; MauBankhaihanghoa.docx",
        ),
        (
            "Giấy bảo lãnh (NA11) ban hành kèm theo Thông tư số 22/2023/TT-BCA ngày 30/6/2023 của Bộ Công an.NA11.doc1 bản chính",
            "Giấy bảo lãnh (NA11) ban hành kèm theo Thông tư số 22/2023/TT-BCA ngày 30/6/2023 của Bộ Công an.",
            "NA11.doc",
        ),
        (
            "5. Bản kê khai người có liên quan ngày 31/7/2025.Phụ lục II- tt20- 2.docx1 bản chính",
            "5. Bản kê khai người có liên quan ngày 31/7/2025.",
            "Phụ lục II- tt20- 2.docx",
        ),
        (
            "Báo cáo theo mẫu tại Phụ lục VI Thông tư số 13/2016/TT-BNNPTNTPHỤ LỤC VI.MẪU BÁO CÁO.docx1 bản chính",
            "Báo cáo theo mẫu tại Phụ lục VI Thông tư số 13/2016/TT-BNNPTNT",
            "PHỤ LỤC VI.MẪU BÁO CÁO.docx",
        ),
    ]
    for text, name, template in cases:
        (component,), _ = p.parse_components("--" + COMP_HEAD + text)
        assert (component["name"], component["template"]) == (name, template)


def test_components_without_a_table_are_reported():
    # 1.001521: the crawl put the steps where the components should be
    components, issues = p.parse_components("); nộp hồ sơ cho cơ quan BHXH nơi đang chi trả trợ cấp.")
    assert components == [] and "không tìm thấy bảng" in issues[0]


# ---------------------------------------------------------------------------------------------- steps


def test_steps_split_at_buoc():
    # 1.013124 (Ministry file)
    text = (
        "Bước 1: Các cơ sở gửi hồ sơ. Bước 2: Trong thời hạn 30 ngày làm việc, Ủy ban ra quyết định. Bước 3: Thông báo."
    )
    assert p.parse_steps(text) == [
        "Bước 1: Các cơ sở gửi hồ sơ.",
        "Bước 2: Trong thời hạn 30 ngày làm việc, Ủy ban ra quyết định.",
        "Bước 3: Thông báo.",
    ]


def test_steps_after_bullets():
    # 3.000436 and 1.004819
    text = "a) Bước 1: Nộp hồ sơ\nTổ chức nộp.\nb) Bước 2: Kiểm tra hồ sơ\n- Bước 3: Xử lý hồ sơ"
    assert p.parse_steps(text) == [
        "a) Bước 1: Nộp hồ sơ\nTổ chức nộp.",
        "b) Bước 2: Kiểm tra hồ sơ",
        "- Bước 3: Xử lý hồ sơ",
    ]


def test_unnumbered_steps_stay_whole():
    assert p.parse_steps("a) Nộp hồ sơ TTHC.\nb) Giải quyết TTHC.") == ["a) Nộp hồ sơ TTHC.\nb) Giải quyết TTHC."]


# ---------------------------------------------------------------------------------------------- legal basis


def test_legal_bases_pairs_and_issuers():
    # 1.000178
    text = (
        LAW_HEAD + "Hướng dẫn xử lý khiếu nại, kiến nghị, phản ánh trong công an nhân dân68/2013/TT-BCA"
        "Luật Khiếu nại  năm 201102/2011/QH13Quy định quy trình giải quyết khiếu nại trong công an nhân dân"
        "11/2015/TT-BCANghị định 05/2012/NĐ-CP05/2012/NĐ-CP"
    )
    bases, issues = p.parse_legal_bases(text)
    assert issues == []
    assert [(b["number"], b["issuer"]) for b in bases] == [
        ("68/2013/TT-BCA", "Bộ Công an"),
        ("02/2011/QH13", "Quốc hội"),
        ("11/2015/TT-BCA", "Bộ Công an"),
        ("05/2012/NĐ-CP", "Chính phủ"),
    ]
    assert bases[1]["title"] == "Luật Khiếu nại năm 2011"
    assert bases[3]["title"] == "Nghị định 05/2012/NĐ-CP"


def test_legal_basis_issue_date_only_when_it_follows_the_number():
    # 1.008333: the date of 126/2020 must not be given to 91/2022
    text = (
        LAW_HEAD + "Nghị định số 91/2022/NĐ-CP sửa đổi bổ sung một số điều của Nghị định số 126/2020/NĐ-CP ngày "
        "19/10/2020 của Chính phủ91/2022/NĐ-CPThông tư số 19/2021/TT-BTC ngày 18/3/2021 của Bộ Tài chính hướng dẫn"
        " Giao dịch điện tử trong lĩnh vực thuế19/2021/TT-BTC"
        "Nghị định số 168/2025/NĐ-CP ngày 30 tháng 6 năm 2025 của Chính phủ về đăng ký doanh nghiệp168/2025/NĐ-CP"
    )
    bases, _ = p.parse_legal_bases(text)
    assert [(b["number"], b["issued"]) for b in bases] == [
        ("91/2022/NĐ-CP", None),
        ("19/2021/TT-BTC", datetime.date(2021, 3, 18)),
        ("168/2025/NĐ-CP", datetime.date(2025, 6, 30)),
    ]


def test_legal_basis_number_column_repeating_the_document_kind():
    # 1.004819 and 2.000950: "Nghị định số 136/2025/NĐ-CP" in the number column; a joint resolution
    text = (
        LAW_HEAD + "quy định phân quyền, phân cấp trong lĩnh vực nông nghiệp và môi trườngNghị định số 136/2025/NĐ-CP"
        "Hướng dẫn phối hợp thực hiện một số quy định của pháp luật về hòa giải ở cơ sở01/2014/NQLT-CP-UBTƯMTTQVN"
        "Công bố thủ tục hành chính được chuẩn hóa trong lĩnh vực hòa giải ở cơ sởQuyết định số 2338/QĐ-BTP"
    )
    bases, issues = p.parse_legal_bases(text)
    assert issues == []
    assert [(b["number"], b["title"][-20:]) for b in bases] == [
        ("136/2025/NĐ-CP", "nghiệp và môi trường"),
        ("01/2014/NQLT-CP-UBTƯMTTQVN", " về hòa giải ở cơ sở"),
        ("2338/QĐ-BTP", "vực hòa giải ở cơ sở"),
    ]
    assert [b["issuer"] for b in bases] == ["Chính phủ", "", "Bộ Tư pháp"]


def test_legal_basis_cells_ending_in_a_semicolon_or_full_stop():
    # 1.009642 (held-out sample): the number follows the title's ';' or '.' and is followed by a space
    text = (
        LAW_HEAD + "Luật Đầu tư số 143/2025/QH15 ngày 11/12/2025;143/2025/QH15 định số 96/2026/NĐ-CP ngày 31/3/2026;"
        "96/2026/NĐ-CP Thông tư số 55/2026/TT-BTC ngày 15/5/2026.55/2026/TT-BTC"
    )
    bases, issues = p.parse_legal_bases(text)
    assert issues == []
    assert [(b["number"], b["issued"]) for b in bases] == [
        ("143/2025/QH15", datetime.date(2025, 12, 11)),
        ("96/2026/NĐ-CP", datetime.date(2026, 3, 31)),
        ("55/2026/TT-BTC", datetime.date(2026, 5, 15)),
    ]


def test_legal_basis_number_glued_to_a_date_or_a_lower_case_title():
    # 1.004344 and 1.008333
    text = (
        LAW_HEAD + "Luật số 43/2024/QH15 ngày 29/6/202443/2024/QH15"
        "Luật Quản lý thuế38/2019/QH14sửa đổi một số điều của Thông tư 19/2021/TT-BTC ngày 18/3/2021 của Bộ trưởng"
        " Bộ Tài chính hướng dẫn giao dịch điện tử trong lĩnh vực thuế46/2024/TT-BTC"
    )
    bases, issues = p.parse_legal_bases(text)
    assert issues == []
    assert [b["number"] for b in bases] == ["43/2024/QH15", "38/2019/QH14", "46/2024/TT-BTC"]
    assert bases[0]["issued"] == datetime.date(2024, 6, 29)


@pytest.mark.parametrize(
    "number, issuer",
    [
        ("05/2012/NĐ-CP", "Chính phủ"),
        ("12/2021/QĐ-TTg", "Thủ tướng Chính phủ"),
        ("02/2011/QH13", "Quốc hội"),
        ("198/2016/TT-BTC", "Bộ Tài chính"),
        ("73/2025/TT-NHNN", "Ngân hàng Nhà nước Việt Nam"),
        ("09/2015/TTLT-BCA-BYT-BTC", ""),  # joint circular: not certain
        ("Luật Hóa chất", ""),
    ],
)
def test_infer_issuer(number, issuer):
    assert p.infer_issuer(number) == issuer


# ---------------------------------------------------------------------------------------------- records


def test_national_portal_record_keeps_raw_text_and_issues():
    rec = _records("dvcqg_sample.jsonl")[1]  # 1.008331, durations without unit
    data = p.parse_dvcqg_record(rec)
    assert data["name"].startswith("Khai thuế đối với tái bảo hiểm nước ngoài")
    assert data["raw"]["cach_thuc_thuc_hien"] == rec["cach_thuc_thuc_hien"]
    assert data["source_url"] == rec["detail_url"]
    assert any("không ghi đơn vị" in i for i in data["parse_issues"])
    assert data["related_procedures"] == ""  # "Không có thông tin" is not kept as text


def test_structured_record():
    rec = _records("structured_sample.jsonl")[0]  # 1.013124
    data = p.parse_structured_record(rec)
    assert [c["kind"] for c in data["channels"]] == ["direct", "online", "postal"]
    assert data["channels"][0]["duration_value"] == "30" and data["channels"][0]["duration_unit"] == "working_days"
    assert data["channels"][0]["fees"][0]["amount"] == 0
    assert data["components"][1]["template"] == "5-PHLCII.doc"
    assert (data["components"][1]["originals"], data["components"][1]["copies"]) == (1, 0)
    basis = data["legal_bases"][0]
    assert (basis["number"], basis["issued"], basis["issuer"]) == (
        "12/2021/QĐ-TTg",
        datetime.date(2021, 3, 24),
        "Thủ tướng Chính phủ",
    )
    assert len(data["steps"]) == 3


def test_merge_keeps_structured_tables_and_fills_blanks_from_the_portal():
    structured = p.parse_structured_record(_records("structured_sample.jsonl")[0])
    portal = p.parse_dvcqg_record({**_records("dvcqg_sample.jsonl")[0], "ma_thu_tuc": "1.013124"})
    merged = p.merge_records(structured, portal)
    assert merged["channels"] == structured["channels"]
    assert merged["source_url"] == portal["source_url"]
    assert merged["raw"]["dvcqg"] == portal["raw"]


def test_content_hash_is_stable_and_sees_changes():
    rec = _records("dvcqg_sample.jsonl")[0]
    a, b = p.parse_dvcqg_record(rec), p.parse_dvcqg_record(rec)
    assert p.content_hash(a) == p.content_hash(b)
    b["channels"][0]["fees"][0]["amount"] = 1
    assert p.content_hash(a) != p.content_hash(b)


# ---------------------------------------------------------------------------------------------- accuracy
# The 207 Ministry of Defence records share no code with the portal crawl, but they carry the same tables as
# rows. Each record is flattened the way the portal flattens its tables, parsed back with the portal parser and
# compared with the rows; the issuer and issue-date rules are checked against the Ministry's own columns.
# The figures are reported in docs/catalogue-import.md; these floors keep them from slipping.


def _flatten_channels(rows):
    out = HEAD
    for r in rows:
        fees = p.parse_fee_lines(r["phi_le_phi"], strict=False)
        amount = fees[0]["amount"] if fees else None
        if amount is None:
            head, detail = "Không có thông tin", ""
        elif amount == 0:
            head, detail = "Miễn phí", ""
        else:
            head, detail = f"{amount:,} Việt Nam Đồng", f"({r['phi_le_phi']})"
        out += r["hinh_thuc"] + r["thoi_han_giai_quyet"] + head + detail + r["mo_ta"]
    return out


def _flatten_components(components):
    out = "--" + COMP_HEAD
    for c in components:
        copies = f",{c['copies']} bản sao" if c["copies"] else ""
        out += c["name"] + c["template"].replace("; ", "") + f"{c['originals']} bản chính{copies}"
    return out


def _ministry_accuracy(records):
    from collections import Counter

    from motcua.lib.text import fold

    m = Counter()
    for rec in records:
        truth = p.parse_structured_record(rec)
        channels, _ = p.parse_channels(_flatten_channels(rec["tables"]["hinh_thuc_nop"]))
        m["records"] += 1
        m["channel_kinds"] += [c["kind"] for c in channels] == [c["kind"] for c in truth["channels"]]
        for got, want in zip(channels, truth["channels"], strict=False):
            m["channels"] += 1
            m["durations"] += (got["duration_value"], got["duration_unit"]) == (
                want["duration_value"],
                want["duration_unit"],
            )
            amounts = sorted(f["amount"] for f in got["fees"] if f["amount"])
            m["fees"] += amounts == sorted(f["amount"] for f in want["fees"] if f["amount"])
        components, _ = p.parse_components(_flatten_components(truth["components"]))
        m["component_lists"] += len(components) == len(truth["components"])
        for got, want in zip(components, truth["components"], strict=False):
            m["components"] += 1
            m["counts"] += (got["originals"], got["copies"]) == (want["originals"], want["copies"])
            same_name = squash(got["name"]).rstrip(" .;") == squash(want["name"]).rstrip(" .;")
            m["names"] += same_name and got["template"] == want["template"]
        bases, _ = p.parse_legal_bases(LAW_HEAD + "".join(b["title"] + b["number"] for b in truth["legal_bases"]))
        m["legal_lists"] += [b["number"] for b in bases] == [b["number"] for b in truth["legal_bases"]]
        for row in rec["tables"]["can_cu_phap_ly"]:
            number = structured_basis(row, [])["number"]
            issuer = p.infer_issuer(number)
            if row.get("co_quan_ban_hanh") and issuer:
                m["issuers"] += 1
                m["issuers_agree"] += fold(issuer) in fold(row["co_quan_ban_hanh"])
            issued = p.issued_date(number, squash(row["trich_yeu"]))
            if issued and row.get("ngay_ban_hanh"):
                m["dates"] += 1
                m["dates_agree"] += issued.strftime("%d-%m-%Y") == row["ngay_ban_hanh"]
    return m


def test_accuracy_against_the_ministry_records(settings):
    path = Path(settings.SHARED_DATA_DIR) / "tthc" / "bqp_tthc_207_structured.jsonl"
    m = _ministry_accuracy(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())

    assert m["records"] == 207
    assert m["channel_kinds"] == 207
    assert m["durations"] / m["channels"] >= 0.99
    assert m["fees"] / m["channels"] >= 0.99
    assert m["component_lists"] == 207 and m["counts"] == m["components"]
    assert m["names"] / m["components"] >= 0.90
    assert m["legal_lists"] / m["records"] >= 0.85
    assert m["issuers_agree"] / m["issuers"] >= 0.95
    assert m["dates_agree"] / m["dates"] >= 0.90
