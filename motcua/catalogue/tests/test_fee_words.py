"""Fee lines in words, on descriptions as the national portal writes them."""

import pytest

from motcua.catalogue.fee_words import fee_in_words

CASES = [
    # amount, source description, unit, explanation left
    (2000, "2,000 Việt Nam Đồng (/trang)", "mỗi trang", ""),  # 2.000815, certified copies
    (150000, "150,000 VNĐ (150.000 đồng/giấy)", "mỗi giấy", "150.000 đồng/giấy"),
    (2000, "Lệ phí: 2.000 đồng/trang; từ trang thứ 3 trở lên 1.000 đồng/trang",
     "mỗi trang", "Lệ phí: 2.000 đồng/trang; từ trang thứ 3 trở lên 1.000 đồng/trang"),
    (2000000, "Phí : 2.000.000 Đồng (Thẩm định cấp phép sử dụng vật liệu nổ công nghiệp)", "",
     "Thẩm định cấp phép sử dụng vật liệu nổ công nghiệp"),
    (500000, "500,000 Việt Nam Đồng", "", ""),
    (0, "Không có", "", ""),
    # A rate of another case is not this line's unit: 25.000 is not the amount.
    (50000, "50.000đ/tem; 25.000 đồng/lần cấp lại", "mỗi tem", "50.000đ/tem; 25.000 đồng/lần cấp lại"),
    (1000000, "1,000,000 Việt Nam Đồng (Áp dụng mức phí: 500.000 đồng/lần đến hết ngày 31/12/2026)", "",
     "Áp dụng mức phí: 500.000 đồng/lần đến hết ngày 31/12/2026"),
    (None, "Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định", "",
     "Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định"),
]


@pytest.mark.parametrize(("amount", "description", "per", "note"), CASES)
def test_a_fee_line_says_what_one_payment_covers(amount, description, per, note):
    words = fee_in_words(amount, description)
    assert (words.per, words.note) == (per, note)
