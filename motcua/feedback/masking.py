"""Remove personal data from text before it is published (Law 91/2025/QH15 on personal data protection).

Masked:
- e-mail addresses, also written out to dodge filters ("an at example dot com", "an(at)example(dot)vn");
- links to personal profiles (facebook.com/..., zalo.me/...);
- phone and identity numbers: any run of 8 or more digits, glued to letters or not ("sđt0912345602",
  "CCCD001234567803"), with spaces, dots, commas, slashes or dashes between them ("0912,345,604",
  "0912/345/605"); 8 digits covers landlines without their area code. Kept: amounts of money followed by
  đ/đồng/VND and dates (12/03/2026);
- the sender's own name wherever it appears, in any case;
- names after a form of address (ông, bà, anh, chị, cán bộ...), capitalised or not;
- names without a form of address that start with a common Vietnamese family name: capitalised
  ("Nguyễn Văn An") or in lower case with a common middle name ("nguyễn văn an", "trần thị bình").
An officer reviews the published copy; the admin can correct it.
"""

import re

EMAIL = "[email đã ẩn]"
NUMBER = "[số đã ẩn]"
NAME = "[họ tên đã ẩn]"
LINK = "[liên kết đã ẩn]"

_AT = r"(?:\s*@\s*|\s*[\(\[\{]\s*(?:at|a còng)\s*[\)\]\}]\s*|\s+(?:at|a còng)\s+)"
_DOT = r"(?:\s*\.\s*|\s*[\(\[\{]\s*(?:dot|chấm)\s*[\)\]\}]\s*|\s+(?:dot|chấm)\s+)"
_TLD = r"(?:com|vn|net|org|edu|gov|info|io|me|biz|co|asia)"
_EMAIL = re.compile(rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}{_TLD}\b", re.IGNORECASE)
_PROFILE = re.compile(r"\b(?:https?://)?(?:www\.|m\.)?(?:facebook\.com|fb\.com|zalo\.me|tiktok\.com)/\S+",
                      re.IGNORECASE)
# 8+ digits, possibly with one separator between two digits, not inside a longer number.
_DIGITS = re.compile(r"(?<!\d)\+?\d(?:[ .,/\-]?\d){7,}(?!\d)(?!\s*(?:đ|đồng|vnd|vnđ)\b)", re.IGNORECASE)
_DATE = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}")
_TITLES = (
    "ông|bà|anh|chị|em|cô|chú|bác|cháu|cụ|đồng chí|cán bộ|công chức|chuyên viên|"
    "tôi là|tên tôi là|tên là|họ tên|họ và tên"
)
_ADDRESSED = re.compile(rf"\b({_TITLES})(:?\s+)((?:\w+)(?:\s+\w+){{0,3}})", re.IGNORECASE)
_SURNAMES = ("nguyễn|trần|lê|phạm|hoàng|huỳnh|phan|vũ|võ|đặng|bùi|đỗ|hồ|ngô|dương|lý|đinh|đào|trịnh|mai|"
             "trương|lương|lưu|tạ|hà|cao|tô|chu|lâm|quách|tăng|kiều|thái|vương|phùng|đoàn|triệu|khúc")
_MIDDLES = ("văn|thị|đức|hữu|ngọc|minh|thanh|quang|xuân|công|đình|thu|kim|mạnh|tuấn|quốc|bá|trọng|duy|"
            "hồng|thế|gia|phương|bảo|hoài|khánh|diệu|mỹ|như|tiến|anh")
# A family name, then up to three more words (the callback keeps the capitalised ones).
_SURNAME_FIRST = re.compile(rf"\b({_SURNAMES.title()})\b((?:\s+\w+){{1,3}})")
# In lower case a name needs a common middle name to be told from ordinary words: "nguyễn văn an".
_LOWER_NAME = re.compile(rf"\b(?:{_SURNAMES})(?:\s+(?:{_MIDDLES})){{1,2}}\s+\w+")
# Places, streets and public figures that look like a person's name.
_NOT_NAMES = {"Hồ Chí Minh", "Hồ Gươm", "Hồ Tây", "Hồ Hoàn Kiếm", "Hà Nội", "Hà Đông", "Hà Giang", "Hà Nam",
              "Hà Tĩnh", "Cao Bằng", "Thái Nguyên", "Thái Bình", "Lâm Đồng", "Tô Lịch", "Mai Dịch"}
_PLACE_BEFORE = re.compile(r"(?:đường|phố|ngõ|ngách|phường|xã|quận|huyện|tỉnh|thành phố|trường|bệnh viện|"
                           r"cầu|chợ|công viên|số \d+\w*)\s*$", re.IGNORECASE)


def _mask_digits(match):
    return match.group(0) if _DATE.fullmatch(match.group(0)) else NUMBER


def _leading_capitalised(words):
    taken = 0
    for word in words:
        if word.isdigit() or word.startswith("[") or not word[0].isupper():
            break
        taken += 1
    return taken


def _keep_rest(text, words, taken):
    """What follows the first `taken` words of `text`, exactly as written."""
    for word in words[:taken]:
        text = text[text.index(word) + len(word):]
    return text


def _mask_addressed(match):
    words = match.group(3).split()
    taken = _leading_capitalised(words)
    if not taken:
        return match.group(0)
    return f"{match.group(1)}{match.group(2)}{NAME}{_keep_rest(match.group(3), words, taken)}"


def _mask_surname_first(match):
    words = match.group(2).split()
    taken = _leading_capitalised(words)
    name = " ".join([match.group(1), *words[:taken]])
    if not taken or any(name.startswith(place) for place in _NOT_NAMES) or \
            _PLACE_BEFORE.search(match.string[:match.start()]):
        return match.group(0)
    return NAME + _keep_rest(match.group(2), words, taken)


def mask_personal_data(text: str, *, names=()) -> str:
    """Return `text` with e-mails, phone and ID numbers and personal names replaced by placeholders."""
    text = _EMAIL.sub(EMAIL, text or "")
    text = _PROFILE.sub(LINK, text)
    text = _DIGITS.sub(_mask_digits, text)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        text = re.sub(re.escape(name), NAME, text, flags=re.IGNORECASE)
    text = _ADDRESSED.sub(_mask_addressed, text)
    text = _LOWER_NAME.sub(NAME, text)
    return _SURNAME_FIRST.sub(_mask_surname_first, text)
