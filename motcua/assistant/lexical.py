"""The lexical stage: a small BM25-style index over folded Vietnamese syllables and syllable bigrams.

Pure Python, no ORM: documents are plain `Doc` tuples so the index can be built from the database or from the
raw catalogue files (the evaluation tools do both).

Vietnamese is written as syllables separated by spaces; most words are two syllables ("khai sinh", "kết hôn"),
so adjacent-syllable bigrams carry most of the meaning and unigrams catch the rest. Text is folded (no
diacritics, đ -> d) because citizens often type without marks; the loss of tone marks is compensated by the
bigrams. Spelling variants i/y at the end of a syllable ("ký"/"kí", "lý"/"lí") are merged, and a query syllable
unknown to the catalogue is corrected to a known one at edit distance one (typos such as "khai sihn").

What it leaves out: word segmentation proper (a syllable bigram straddling two words is just a weak term),
and any weighting by how often a procedure is used.
"""

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from motcua.catalogue.vocabulary import Vocabulary, normalise
from motcua.lib.text import fold, nfc

from .synonyms import expand, expand_abbreviations

__all__ = ["Doc", "LexicalIndex", "Hit", "tokens", "query_terms", "first_case", "STOPWORDS"]

# Words that carry no topic in a citizen's question (folded). Topic words are never listed here.
STOPWORDS = frozenset(
    """
    a ah oi nhe nha nhi ne voi va hay hoac la thi co khong ko k dc duoc phai muon toi em anh chi bac cau ong
    chung nay kia gi nao nhu lam o nhieu lau khi de ve den cua cho roi da se nua giup xin vui long on viec
    cac nhung nhat rat qua gio bay vay u uh uhm vs tthc thutuc
    e j z hok khg mn mk mik ntn bn ad ak cx tks thanks thank
    """.split()
)
# Question phrases removed before tokenising: their syllables collide with content words once folded
# ("thế" -> "the" = "thẻ", "thủ tục" -> "thu" = "thu hồi").
_QUESTION_PHRASES = re.compile(
    r"\b(nhu the nao|the nao|ra sao|lam sao|the nay|the thi|thu tuc hanh chinh|thu tuc|lam the nao|ntn)\b"
)


def _question_words(text, vocabulary, names=frozenset()):
    """The question's folded words with the vocabulary's rewrites, question phrases removed before the rewrites
    (a phrase must not straddle one: "ly hôn thủ tục" is not "hôn thú") and after them (an abbreviation may write
    one out). Its clause ends are kept for the rewrites (no phrase reads across one); `names`, the syllable triples
    of the catalogue's names, keep the catalogue's own wording as written (`Vocabulary.expand`)."""
    folded = _QUESTION_PHRASES.sub(" ", Vocabulary.clauses(text))
    return _QUESTION_PHRASES.sub(" ", expand(folded, vocabulary, names)).split()


# Generic syllables that appear in many procedure names and say little about which one is meant.
_WEAK = frozenset("giay thu tuc".split())

def tokens(text: str, vocabulary=None) -> list[str]:
    """Folded, normalised syllables of `text`, abbreviations written out."""
    return expand_abbreviations(text, vocabulary).split()


# What a name adds in brackets: the level that does it, the cases it covers ("(công trình không theo tuyến/.../Nhà ở
# riêng lẻ/Sửa chữa, cải tạo)"): matched like the rest of the name, but not counted in its length nor in what a
# question must tell of it, so a long list of cases does not make the procedure lose to any short name.
_BRACKETS = re.compile(r"\([^)]*\)?")


def first_case(name):
    """The first case of a name that lists several with ";" (the usual one), or the whole name when that first case is a
    word or two that name nothing by themselves ("Khai; miễn, giảm thuế sử dụng đất phi nông nghiệp")."""
    head = name.split(";")[0]
    return head if len(head.split()) >= 3 else name


def _bigrams(words):
    """Adjacent pairs, except those made with a function word ("sinh cho", "cho con")."""
    return [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False) if a not in STOPWORDS and b not in STOPWORDS]


@dataclass(frozen=True)
class Doc:
    key: str  # the procedure code
    name: str
    extra: str = ""  # field, result and other short texts that help recall
    for_citizens: bool = True  # a person may ask for it (not only organisations and businesses)
    local: bool = True  # done at a local office (commune, province), not only at a ministry
    commune: bool = False  # done at the commune office, the nearest one (of a procedure done at several levels)


@dataclass
class Hit:
    key: str
    score: float  # raw BM25-style score
    query_cover: float  # share of the query's weight found in the document (0..1)
    name_cover: float  # share of the document name's weight found in the query (0..1)


@dataclass
class _Posting:
    name_tf: Counter = field(default_factory=Counter)
    extra_tf: Counter = field(default_factory=Counter)


def query_terms(text: str, syllables=None, vocabulary=None, known=None, triples=frozenset()) -> list[str]:
    """Terms of a question: synonyms expanded, stopwords dropped from unigrams, bigrams kept in order. With `known`
    (the catalogue's terms) and `triples` (its names' syllable triples), a real syllable misspelt as another real
    one is put right by its neighbours."""
    words = [normalise(w) for w in _question_words(text, vocabulary, triples)]
    if syllables is not None:
        written = written_syllables(text)
        words = [w if w in written else _correct(w, syllables) for w in words]
    if known is not None:
        words = _repair_pairs(words, known, triples)
    content = [w for w in words if w not in STOPWORDS]
    return content + _bigrams(words)


# Spellings that speakers of one region or another write for each other ("thường chú" for "thường trú", "hộ ngèo"
# for "hộ nghèo"): the misspelt syllable is a real one, so only its neighbours can tell it is wrong.
_INITIAL_SWAPS = (("ch", "tr"), ("tr", "ch"), ("s", "x"), ("x", "s"), ("gi", "d"), ("d", "gi"), ("r", "d"),
                  ("d", "r"), ("r", "gi"), ("gi", "r"), ("l", "n"), ("n", "l"), ("v", "d"), ("ng", "ngh"), ("ngh", "ng"))
_FINAL_SWAPS = (("ng", "n"), ("n", "ng"), ("c", "t"), ("t", "c"))


def _swaps(word):
    for a, b in _INITIAL_SWAPS:
        if word.startswith(a) and not (a == "n" and word.startswith(("ng", "nh"))):
            yield b + word[len(a):]
    for a, b in _FINAL_SWAPS:
        if word.endswith(a) and not (a == "n" and word.endswith("nh")) and not (a == "c" and word.endswith("ch")):
            yield word[: -len(a)] + b


def _repair_pairs(words, known, triples):
    """Respell a syllable (see _swaps) when a pair it forms with a neighbour is unknown to the catalogue and the
    respelt syllable makes, with two of its neighbours, three syllables that occur together in a name ("đăng ký
    thường chú" -> "ký thường trú"; "còn khai tử" is left alone: "công khai tử" is in no name). Of several, the
    respelling whose new pair is the most frequent wins."""
    words = list(words)

    def in_a_name(at, v):
        row = words[max(0, at - 2) : at] + [v] + words[at + 1 : at + 3]
        k = min(at, 2)
        return any(tuple(row[j : j + 3]) in triples for j in range(max(0, k - 2), k + 1) if len(row[j : j + 3]) == 3)

    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        if a in STOPWORDS or b in STOPWORDS or f"{a}_{b}" in known:
            continue
        options = [(known[f"{v}_{b}"], i, v) for v in _swaps(a) if f"{v}_{b}" in known and in_a_name(i, v)]
        options += [(known[f"{a}_{v}"], i + 1, v) for v in _swaps(b) if f"{a}_{v}" in known and in_a_name(i + 1, v)]
        if options:
            _, at, v = min(options)
            words[at] = v
    return words


def _correct(word, vocabulary):
    """Return `word`, or the most frequent known syllable at edit distance one when `word` is unknown."""
    if word in vocabulary or len(word) < 4 or word.isdigit() or word in STOPWORDS:
        return word
    best, best_df = word, 0
    for cand in _edits1(word):
        df = vocabulary.get(cand, 0)
        if df > best_df:
            best, best_df = cand, df
    return best


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_WORD = re.compile(r"\w+")
# The shape of a Vietnamese syllable, folded: an onset, one to three vowels, a final consonant ("nghieng", "khuat").
_SYLLABLE = re.compile(r"(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|nh|ng|[cmnpt])?")


def _written(word):
    """True when `word` was typed with its diacritics and has the shape of a Vietnamese syllable ("xích mích",
    "gánh", "khốn khó"): a real word the catalogue happens not to use, not a typo ("mấtt", "sihn") to put right."""
    word = nfc(word).lower()
    folded = fold(word)
    return folded != word and _SYLLABLE.fullmatch(folded) is not None


def written_syllables(text):
    """The folded, normalised syllables of `text` that `_written` keeps as typed."""
    return {normalise(fold(w)) for w in _WORD.findall(nfc(text)) if _written(w)}


def _edits1(word):
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for a, b in splits:
        if b:
            yield a + b[1:]
        if len(b) > 1:
            yield a + b[1] + b[0] + b[2:]
        for c in _LETTERS:
            if b:
                yield a + c + b[1:]
            yield a + c + b


class LexicalIndex:
    """BM25 over procedure names (weight 1) and short extra texts (weight `extra_weight`)."""

    def __init__(self, docs, *, k1=1.2, b=0.6, extra_weight=0.3, vocabulary=None):
        self.docs = list(docs)
        self.citizen_vocabulary = vocabulary
        self.k1, self.b, self.extra_weight = k1, b, extra_weight
        self.postings = defaultdict(dict)  # term -> {doc index: (name tf, extra tf)}
        self.name_len = []
        self.name_terms = []
        self.triples = set()  # consecutive syllable triples of the names (to respell a syllable: _repair_pairs)
        self.head_terms = []  # the name's first case (before ";"): its length and weight are the name's
        df = Counter()
        syllables = Counter()
        for i, doc in enumerate(self.docs):
            name_words = tokens(doc.name, vocabulary)
            # Presence, not counts: a name repeating "đăng ký" is not more about registering.
            name = Counter(set(name_words + _bigrams(name_words)))
            extra_words = tokens(doc.extra, vocabulary)
            extra = Counter(extra_words + _bigrams(extra_words))
            head_words = tokens(_BRACKETS.sub(" ", first_case(doc.name)), vocabulary) or name_words
            self.triples.update(zip(name_words, name_words[1:], name_words[2:], strict=False))
            self.name_len.append(len(head_words))
            self.name_terms.append(name)
            self.head_terms.append(set(head_words))
            for term in set(name) | set(extra):
                self.postings[term][i] = (name.get(term, 0), extra.get(term, 0))
                df[term] += 1
            syllables.update(set(name_words) | set(extra_words))
        n = max(len(self.docs), 1)
        self.idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        for t in _WEAK:
            if t in self.idf:
                self.idf[t] *= 0.5
        self.name_mass = [sum(self.idf.get(t, 0) for t in head) or 1.0 for head in self.head_terms]
        self.avg_len = (sum(self.name_len) / n) if self.docs else 1.0
        self.norm = [self.k1 * (1 - self.b + self.b * length / self.avg_len) for length in self.name_len]
        self.unknown_idf = math.log(1 + (n + 0.5) / 1.5)
        self.vocabulary = dict(syllables)
        self._known = None  # the words `respell` knows, found on first use

    def respell(self, text):
        """`text` with each word unknown to the catalogue and to the citizen vocabulary put right at edit distance one
        ("bố tôi mấtt rồi" -> "bố tôi mat rồi"), other words left as written: the vocabulary's phrases then match a
        mistyped question as the lexical stage's terms do."""
        known = self._known_words()

        def right(m):
            if _written(m.group()):
                return m.group()
            word = normalise(fold(m.group()))
            corrected = _correct(word, known)
            return corrected if corrected != word else m.group()

        return _WORD.sub(right, text)

    def _known_words(self):
        """The catalogue's syllables and their counts, and the citizen vocabulary's words (counted once)."""
        if self._known is None:
            terms = self.citizen_vocabulary.terms if self.citizen_vocabulary else []
            words = {w for t in terms for w in f"{t.phrase} {t.meaning}".split() if w != "*"}
            self._known = {**dict.fromkeys(words, 1), **self.vocabulary}
        return self._known

    def terms(self, text):
        return query_terms(text, self.vocabulary, self.citizen_vocabulary, self.idf, self.triples)

    def sequence(self, text):
        """The corrected syllables of a question, in order (synonyms expanded, question phrases removed)."""
        return [_correct(normalise(w), self.vocabulary) for w in _question_words(text, self.citizen_vocabulary)]

    def search(self, text, limit=20, allowed=None):
        """Return up to `limit` hits, best first. `allowed` optionally restricts to a set of doc keys."""
        terms = self.terms(text)
        q = Counter(t for t in terms if t in self.idf)
        # Unknown syllables (not bigrams) count against coverage: the catalogue cannot explain them.
        unknown = {t for t in terms if t not in self.idf and "_" not in t and not t.isdigit()}
        q_mass = (sum(self.idf[t] for t in q) + self.unknown_idf * len(unknown)) or 1.0
        scores = defaultdict(float)
        matched = defaultdict(float)
        norm, k1 = self.norm, self.k1
        for term in q:
            idf = self.idf[term]
            for i, (ntf, etf) in self.postings[term].items():
                tf = ntf + self.extra_weight * etf
                scores[i] += idf * tf * (k1 + 1) / (tf + norm[i])
                matched[i] += idf * (1.0 if ntf else self.extra_weight)
        ranked = sorted(((s, self.docs[i].key, i) for i, s in scores.items()
                         if allowed is None or self.docs[i].key in allowed), key=lambda r: (-r[0], r[1]))[:limit]
        words = [t for t in q if "_" not in t]
        hits = []
        for s, key, i in ranked:  # name coverage for the hits kept only
            head = self.head_terms[i]
            name_hit = sum(self.idf[t] for t in words if t in head)
            hits.append(Hit(key, s, min(1.0, matched[i] / q_mass), name_hit / self.name_mass[i]))
        return hits
