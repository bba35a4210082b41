"""Which fact of a procedure a question asks about (papers, place, contact, time, fee, steps).

A facet phrase is also removed from the question before retrieval: "mất bao lâu" is about time, not about
losing something ("mất" = lose), and "phí bao nhiêu" names no procedure. A question that is nothing but a
facet ("phí bao nhiêu?") is a follow-up about the procedure discussed before.
"""

import re

from motcua.lib.text import fold_words

from .lexical import STOPWORDS

__all__ = ["FACETS", "detect", "without_facets", "strip_facets", "is_bare", "asks_about_the_law"]

FACETS = ("papers", "place", "contact", "time", "fee", "steps")

# Folded phrases, longest first within each facet.
_PHRASES = {
    "time": [
        "mat bao lau", "mat may ngay", "het bao lau", "bao lau thi xong", "bao lau thi co", "bao lau", "may ngay",
        "thoi gian giai quyet", "thoi han giai quyet", "thoi gian", "thoi han", "bao gio thi co", "bao gio co",
        "khi nao co", "khi nao thi co", "lau khong", "may hom", "ngay lam viec",
        # chat shorthand: "bn" = bao nhiêu, "ko"/"k"/"hok" = không
        "mat bn lau", "mat bn ngay", "bn lau", "bn ngay", "lau ko", "lau k", "lau hok",
    ],
    "fee": [
        "mat bao nhieu tien", "het bao nhieu tien", "bao nhieu tien", "ton bao nhieu", "co mat phi khong",
        "co mat tien khong", "mat phi", "mat tien", "le phi", "phi", "chi phi", "mien phi", "tien",
        "muc thu", "gia bao nhieu", "bao nhieu",
        "mat bn tien", "het bn tien", "bn tien", "ton bn tien", "ton bn", "phi bn", "gia bn", "co mat phi ko",
        "co mat tien ko", "bao nhiu tien", "bao nhiu", "co mat phi k", "co mat tien k", "co mat phi hok", "co mat tien hok",
    ],
    "papers": [
        "can nhung giay to gi", "can giay to gi", "giay to gi", "can nhung gi", "can mang theo gi",
        "can nhung giay phep gi", "can giay phep gi", "giay phep gi",  # "mở quán cần giấy phép gì": not "tiếp cận"
        "can mang gi", "mang theo gi", "phai mang theo nhung gi", "mang theo nhung gi", "can chuan bi gi",
        "ho so gom nhung gi", "ho so gom", "ho so can", "thanh phan ho so", "can gi", "giay to", "ho so",
        "mang gi",
        # chat shorthand: "j" = gì
        "can nhung giay to j", "can giay to j", "giay to j", "can nhung j", "can mang theo j", "can mang j",
        "mang theo j", "mang theo nhung j", "can chuan bi j", "ho so gom nhung j", "can j", "mang j",
    ],
    "place": [
        "nop ho so o dau", "nop o dau", "lam o dau", "dang ky o dau", "bao o dau", "o dau", "noi nop",
        "dia chi", "co quan nao", "nop online", "nop truc tuyen", "online", "truc tuyen", "qua mang",
        "dich vu cong",
    ],
    "contact": ["so dien thoai", "sdt", "so dt", "lien he ai", "lien he", "hoi ai", "duong day nong", "hotline"],
    "steps": ["gom nhung buoc nao", "cac buoc", "nhung buoc", "trinh tu", "quy trinh", "lam nhu the nao",
              "lam ntn", "ntn"],  # chat shorthand: "ntn" = như thế nào
}
# Words around facet phrases that carry nothing once the facet is known.
FILLER = {"va", "con", "the", "thi", "vay", "a", "nhi", "ne", "co", "khong", "duoc", "ko", "k", "la", "nhu", "nao",
           "xong", "gom", "nhung", "gi", "cho", "em", "hoi", "oi", "nop", "lam", "phai", "can", "mang", "theo"}

def _alternation(phrases):
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\b")


_PATTERNS = {facet: _alternation(phrases) for facet, phrases in _PHRASES.items()}
# Only phrases of two words or more are removed before retrieval: single words such as "tien" or "phi" also
# occur in procedure names ("đổi tiền", "hoàn trả phí").
_STRIP = _alternation([p for phrases in _PHRASES.values() for p in phrases if " " in p])


def detect(question: str) -> list[str]:
    """Facets asked about, in a stable order."""
    folded = " ".join(fold_words(question))
    return [f for f in FACETS if _PATTERNS[f].search(folded)]


def without_facets(question: str) -> str:
    """The folded question without its facet phrases (what is left names the procedure, if anything)."""
    folded = " ".join(fold_words(question))
    return " ".join(_STRIP.sub(" ", folded).split())


_WORD = re.compile(r"\w+")


def strip_facets(question: str) -> str:
    """The question as written (diacritics kept, for the embedding model) without its facet phrases, or "" when
    nothing is left. Phrases are found on the folded words and the same words are cut from the original."""
    words = _WORD.findall(question or "")
    folded, owner = [], []  # folded syllables and the index of the written word each comes from
    for i, word in enumerate(words):
        for f in fold_words(word):
            folded.append(f)
            owner.append(i)
    text = " ".join(folded)
    cut = set()
    for m in _STRIP.finditer(text):
        first = text[: m.start()].count(" ")
        cut.update(owner[first : first + m.group(0).count(" ") + 1])
    return " ".join(w for i, w in enumerate(words) if i not in cut)


def is_bare(question: str) -> bool:
    """True when the question is only a facet with filler words ("thế còn phí bao nhiêu?")."""
    if not detect(question):
        return False
    single = {p for phrases in _PHRASES.values() for p in phrases if " " not in p}
    rest = [w for w in without_facets(question).split() if w not in FILLER and w not in STOPWORDS and w not in single]
    return not rest


# A question about what the law says ("... là gì?", "ai được gọi là ...", "hành vi nào bị cấm", "chính sách gì")
# rather than about doing a procedure: the catalogue does not answer it (the Ministry of Health's real questions
# are mostly of this kind). It names no procedure word nor a facet.
_LAW_ASK = re.compile(r"\b(la gi|la ai|goi la|nghia la|bi cam|chinh sach gi|chinh sach nao|quy dinh nhu the nao|"
                      r"quy dinh the nao|quy dinh ra sao|bi xu phat|xu phat)\b")
_DOING = re.compile(r"\b(thu tuc|lam|xin|dang ki|cap|nop|ho so|giay to|buoc)\b")


def asks_about_the_law(question: str) -> bool:
    folded = " ".join(fold_words(question))
    return bool(_LAW_ASK.search(folded)) and not _DOING.search(folded) and not detect(question)
