"""Which of the offered procedures a reply picks: "2", "số 2", "cái thứ hai", "thủ tục đầu tiên", a code, or
enough of a name ("cái kết hôn"). Pure Python."""

import re

from motcua.catalogue.vocabulary import normal_words

__all__ = ["pick"]

_ORDINALS = {"nhat": 1, "mot": 1, "dau": 1, "dau tien": 1, "hai": 2, "nhi": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5}
_PREFIX = r"(?:cai|so|thu tuc|muc|lua chon|chon|y|phuong an)?\s*(?:thu)?\s*"
_NUMBER = re.compile(r"^(?:toi chon |chon |em chon |hoi )?" + _PREFIX + r"(\d)\s*(?:a|nhe|nha|ak|ah)?$")
_WORD = re.compile(r"^(?:toi chon |chon |em chon )?" + _PREFIX + r"(dau tien|nhat|hai|nhi|ba|tu|bon|nam|cuoi|cuoi cung)\s*(?:a|nhe|nha)?$")
_FILLER = {"cai", "thu", "tuc", "toi", "em", "chon", "hoi", "ve", "a", "nhe", "nha", "la", "so", "muon"}


def pick(text, offered):
    """The code of `offered` ([{"code", "name"}], in the order shown) that `text` picks, or None."""
    if not offered:
        return None
    folded = " ".join(normal_words(text))
    for o in offered:
        if o["code"] in (text or ""):
            return o["code"]
    m = _NUMBER.match(folded)
    index = int(m.group(1)) if m else None
    if index is None:
        m = _WORD.match(folded)
        if m:
            word = m.group(1)
            index = len(offered) if word.startswith("cuoi") else _ORDINALS.get(word)
    if index is not None:
        return offered[index - 1]["code"] if 1 <= index <= len(offered) else None
    words = [w for w in folded.split() if w not in _FILLER]
    if not words:
        return None
    scored = []
    for o in offered:
        name = set(normal_words(o["name"]))
        scored.append((sum(w in name for w in words) / len(words), o["code"]))
    scored.sort(reverse=True)
    best = scored[0]
    second = scored[1][0] if len(scored) > 1 else 0.0
    return best[1] if best[0] >= 0.6 and best[0] > second else None
