"""Vietnamese text folding shared by search, the importer and the assistant."""

import re
import unicodedata

_MARKS = re.compile(r"[\u0300-\u036f]")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Return `text` lower-cased with diacritics removed and đ folded to d.

    NFD splits stacked marks (ấ, ộ) so all of them go; đ/Đ has no decomposition and is mapped by hand.
    """
    text = unicodedata.normalize("NFD", text or "").lower()
    return _MARKS.sub("", text).replace("đ", "d")


def fold_words(text: str) -> list[str]:
    """Return the folded words of `text`, punctuation dropped."""
    return [w for w in _NON_WORD.split(fold(text)) if w]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")
