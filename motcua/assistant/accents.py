"""Diacritics put back on a question typed without them, for the embedding model only.

A citizen on a phone often types "dang ky ket hon"; the embedding model reads that far from "đăng ký kết hôn".
Each folded syllable is given the written form it most often has in the catalogue's own names, next to the
syllables around it ("ho chieu" -> "hộ chiếu", "ho kinh doanh" -> "hộ kinh doanh"). A question that carries any
diacritic is left as written, and so is a syllable the catalogue never uses. The lexical stage does not need
this: it compares folded text.
"""

import re
import unicodedata
from collections import Counter, defaultdict

from motcua.catalogue.vocabulary import normalise
from motcua.lib.text import fold

__all__ = ["Accents"]

_WORD = re.compile(r"\w+")


def _written(text):
    return [w.lower() for w in _WORD.findall(unicodedata.normalize("NFC", text or ""))]


# Everyday words of questions that procedure names hold rarely or in another sense ("căn" of "căn cước" for
# "cần"): preferred when the syllables around give no evidence.
EVERYDAY = (
    "tôi em anh chị bố mẹ má ông bà con cháu vợ chồng cô chú bác nhà phường xã quận huyện thành phố "
    "cần gì ở đâu bao lâu bao nhiêu tiền muốn được không có phải thế nào làm sao bị mất hỏng sai sửa lại mới "
    "xin làm nộp lấy đổi đi về cho của với và hay hoặc rồi đã sẽ đang ạ nhé ơi"
)


class Accents:
    def __init__(self, texts):
        self.forms = defaultdict(Counter)  # folded syllable -> written forms and their counts
        self.left = Counter()  # (folded previous syllable, written syllable)
        self.right = Counter()  # (written syllable, folded next syllable)
        for text in texts:
            words = _written(text)
            folded = [normalise(fold(w)) for w in words]
            for i, w in enumerate(words):
                self.forms[folded[i]][w] += 1
                if i:
                    self.left[(folded[i - 1], w)] += 1
                if i + 1 < len(words):
                    self.right[(w, folded[i + 1])] += 1
        for w in EVERYDAY.split():
            self.forms[normalise(fold(w))][w] += 1000

    def restore(self, question: str) -> str:
        """`question` with diacritics put back when it has none (see the module docstring)."""
        if not question or not question.isascii():
            return question
        words = _WORD.findall(question)
        folded = [normalise(w.lower()) for w in words]  # "dang ki" and "dang ky" alike
        out = []
        for i, word in enumerate(folded):
            forms = self.forms.get(word)
            if not forms:
                out.append(words[i])
                continue
            before = folded[i - 1] if i else None
            after = folded[i + 1] if i + 1 < len(folded) else None
            out.append(max(forms, key=lambda f: (self.left[(before, f)] + self.right[(f, after)], forms[f])))
        return " ".join(out)
