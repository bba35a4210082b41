"""The citizen vocabulary's rules, shared by catalogue search and the assistant.

Text is compared folded (no diacritics, đ -> d: "hoà" and "hòa", "thuỷ" and "thủy" fold the same) with i/y
variants merged ("kí"/"ký", "lí"/"lý", "mĩ"/"mỹ": a final y after a consonant is written i). Entries (`CitizenTerm`,
edited in the admin, seeded from `data/citizen_vocabulary.tsv`) are:
- synonym: an everyday phrase replaced by the catalogue's wording ("lam giay khai sinh" -> "dang ky khai sinh");
- abbreviation: expanded in questions and in procedure names alike ("bhxh" -> "bao hiem xa hoi");
- procedure: a phrase that names given procedures ("so do" -> 1.013978 ...);
- life_event: a situation and the procedures it usually needs, in order ("nguoi than mat" -> khai tử, tử tuất...);
  "*" in its phrase stands for up to three words ("bo * mat" matches "bố tôi vừa mất", "ong * mat" "ông nội tôi vừa mất");
- offtopic: a question staff marked as outside the catalogue.
- absent: a procedure citizens ask for that the catalogue does not hold (checked against it when written): the
  assistant says so instead of offering a procedure that merely shares its words.

`Vocabulary` is plain Python (tests and tools build one from tuples); `current()` returns the one built from the
database, rebuilt in any process as soon as an entry changes (the stamp is read from the database on each call).
"""

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from motcua.lib.text import fold_words

__all__ = ["Term", "Vocabulary", "normalise", "normalise_line", "normal_words", "fold_phrase", "current", "load_seed", "seed_into", "seed_vocabulary", "SEED_FILE"]

_ONSETS = r"(b|c|ch|d|g|gh|h|k|kh|l|m|n|ng|nh|p|ph|r|s|t|th|tr|v|x|qu)"
_Y_END = re.compile(rf"^{_ONSETS}y$")
# The same rules over a line of words: a word ending in y after a consonant, a number's leading zeros.
_Y_END_IN_LINE = re.compile(rf"(?<!\S){_ONSETS}y(?!\S)")
_NUMBER_IN_LINE = re.compile(r"(?<!\S)\d+(?!\S)")


def normalise(word: str) -> str:
    """Merge spelling variants of one folded syllable: final y after a consonant -> i ("ky" -> "ki", "my" -> "mi"),
    numbers without leading zeros ("02" -> "2")."""
    if word.isdigit():
        return word.lstrip("0") or "0"
    m = _Y_END.match(word)
    return m.group(1) + "i" if m else word


def normalise_line(folded: str) -> str:
    """`normalise` applied to each whitespace-separated word of already folded text, joined by one space: the
    same words as `" ".join(normalise(w) for w in folded.split())`, in two passes of the regex engine instead of
    a Python call per word (search reranks hundreds of names per query)."""
    line = _Y_END_IN_LINE.sub(r"\1i", " ".join(folded.split()))
    return _NUMBER_IN_LINE.sub(lambda m: m.group().lstrip("0") or "0", line) if "0" in line else line


def normal_words(text: str) -> list[str]:
    return [normalise(w) for w in fold_words(text)]


def fold_phrase(text: str) -> str:
    """A vocabulary phrase as matched: folded, normalised words; a "*" (life events: up to three words) is kept."""
    return " * ".join(p for p in (" ".join(normal_words(part)) for part in (text or "").split("*")) if p)


@dataclass(frozen=True)
class Term:
    kind: str
    phrase: str  # normalised folded words joined by spaces
    meaning: str = ""
    codes: tuple = ()
    label: str = ""


# Words a citizen slips between the verb of a phrase and its object without changing what is asked.
_LIGHT = frozenset("tien cai chiec giup mot cac nhung cho".split())
# Whose a paper is, told inside a phrase ("sổ đỏ của tôi bị mất", "giấy khai sinh của con em bị rách", "bằng lái em
# bị mất", "căn cước nhà mình"): "của" and up to three of these words, or up to three of them ending with the asker
# (`_ASKER`), read past after a phrase's second word or later.
_POSSESSOR = frozenset("""toi em minh anh chi con chau ong ba bo me vo chong nha gia dinh co chu bac di cau ho ban
    chung ta cong ti""".split())
_ASKER = frozenset("toi em minh".split())
# Punctuation that ends a clause: a phrase is read within one clause ("... ở Nhật Bản, công ty ..." is not "bán công
# ty"). A full stop or a comma ends one when a space or the end follows, or a comma typed between two letters
# ("Bản,công"); "1.000.000", "1,5" and "TP.HCM" do not.
_CLAUSE_END = re.compile(r"[.,;:!?\u2026]+(?=\s|$)|[;!?\n|]|(?<=[^\W\d_]),(?=[^\W\d_])")
# The marks put between clauses in prepared text (`Vocabulary.clauses`): not words, so no phrase reads across them.
# A comma keeps its own mark: the gap of a life event may hold one ("ông tôi là thương binh, vừa mất": "thuong
# binh * vua mat"), not a sentence end.
_BOUNDARY = "|"
_COMMA = ","
_MARKS = frozenset((_BOUNDARY, _COMMA))
# A life event's "*": up to three words, commas between them allowed.
_GAP = r"(?:(?: ,)? \w+){0,3}(?: ,)? "


def _unmarked(text: str) -> str:
    """Prepared text without its clause marks."""
    return " ".join(w for w in text.split() if w not in _MARKS)


def _continues_a_name(text, start, end, names):
    """True when the phrase at `text[start:end]` and the two words after it, or the two before it, read as the
    catalogue's names do (each three words in a row among `names`): the question uses the catalogue's own wording
    ("thực hiện nghĩa vụ tài chính", "khai báo tạm trú cho người nước ngoài"), which a synonym meant for the phrase
    alone ("nghĩa vụ" -> "nghĩa vụ quân sự") must not rewrite."""
    inside = text[start:end].split()

    def named(words):
        return len(words) >= 4 and all(tuple(words[k : k + 3]) in names for k in range(len(words) - 2))

    return named(inside[-2:] + text[end:].split()[:2]) or named(text[:start].split()[-2:] + inside[:2])


def _gaps(words, at, read):
    """Lengths of the words at `at` a phrase may read past after its first `read` words: one light word after its
    first ("nhận tiền trợ cấp"), or a possessor after its second or later ("sổ đỏ của tôi bị mất", "bằng lái em bị
    mất")."""
    if at >= len(words):
        return []
    if read == 1 and words[at] in _LIGHT:
        return [1]
    if read < 2:
        return []
    of = words[at] == "cua"
    n = 0
    while n < 3 and at + of + n < len(words) and words[at + of + n] in _POSSESSOR:
        n += 1
    if of:
        return [1 + k for k in range(1, n + 1)]
    return [k for k in range(1, n + 1) if words[at + k - 1] in _ASKER]


class _Phrases:
    """Phrases of whole words found in prepared text (normalised words joined by single spaces): from the left, the
    longest phrase starting at each word, without overlaps. A dictionary of word sequences rather than one regular
    expression of thousands of alternatives, which tried every phrase at every word."""

    def __init__(self, phrases):
        self.phrases = {tuple(p.split()) for p in phrases}
        self.prefixes = {words[:k] for words in self.phrases for k in range(1, len(words))}

    def spans(self, text):
        """(start, end, phrase) of each phrase found, left to right; start and end index characters of `text` (the
        span of a phrase read past a light word or a possessor holds those words too)."""
        words = text.split(" ")
        found, at, i = [], 0, 0
        starts = []
        for w in words:
            starts.append(at)
            at += len(w) + 1
        while i < len(words):
            read, phrase = self._longest(words, i)
            if read:
                end = starts[i + read - 1] + len(words[i + read - 1])
                found.append((starts[i], end, " ".join(phrase)))
                i += read
            else:
                i += 1
        return found

    def _longest(self, words, i):
        """(words of the text read, phrase) of the longest phrase starting at word `i`, (0, None) when none does. A
        phrase of three words or more may read past one gap (`_gaps`): "nhận tiền trợ cấp thất nghiệp" for "nhận
        trợ cấp thất nghiệp", "bằng lái của tôi bị mất" for "bằng lái bị mất"."""
        best = (0, None)
        paths = [(i, (), False)]  # (next word of the text, phrase words read, a gap skipped)
        while paths:
            j, head, skipped = paths.pop()
            if j >= len(words):
                continue
            head = head + (words[j],)
            if head in self.phrases and (not skipped or len(head) >= 3) and j + 1 - i > best[0]:
                best = (j + 1 - i, head)
            if head not in self.prefixes:
                continue
            paths.append((j + 1, head, skipped))
            if not skipped:
                paths += [(j + 1 + gap, head, True) for gap in _gaps(words, j + 1, len(head))]
        return best

    def sub(self, replace, text):
        """`text` with each phrase found replaced by `replace(phrase)`."""
        out, last = [], 0
        for start, end, phrase in self.spans(text):
            out += [text[last:start], replace(phrase)]
            last = end
        return "".join(out + [text[last:]])


class Vocabulary:
    def __init__(self, terms=()):
        folded = [Term(t.kind, phrase, " ".join(normal_words(t.meaning)), tuple(t.codes), t.label)
                  for t in terms if (phrase := fold_phrase(t.phrase))]
        # Questions and names are matched with their abbreviations written out, so phrases are too: "the bhyt cho
        # con" matches "thẻ BHYT cho con" (read "the bao hiem y te cho con").
        abbreviations = {t.phrase: t.meaning for t in folded if t.kind == "abbreviation"}
        found = _Phrases(abbreviations)

        def written_out(text):
            return " * ".join(found.sub(abbreviations.__getitem__, part) for part in text.split(" * "))

        self.terms = [t if t.kind == "abbreviation" else
                      Term(t.kind, written_out(t.phrase), written_out(t.meaning), t.codes, t.label) for t in folded]
        by = {}
        for t in self.terms:
            by.setdefault(t.kind, {})[t.phrase] = t
        self._abbr = {p: t.meaning for p, t in by.get("abbreviation", {}).items()}
        self._syn = {p: t.meaning for p, t in by.get("synonym", {}).items()}
        self._proc = by.get("procedure", {})
        self._events = by.get("life_event", {})
        self._offtopic = set(by.get("offtopic", {}))
        self._absent = by.get("absent", {})
        self._absent_found = _Phrases(self._absent)
        self._abbr_found = _Phrases(self._abbr)
        self._syn_found = _Phrases(self._syn)
        self._proc_found = _Phrases(self._proc)
        # Life-event phrases may hold "*": up to three words of any kind ("ong * mat": "ông nội tôi vừa mất").
        # Each with its first word: a question without it is not tried against the pattern.
        self._event_res = sorted(
            ((p.split()[0], re.compile(r"\b" + re.escape(p).replace(r"\ \*\ ", _GAP) + r"\b"), t)
             for p, t in self._events.items()),
            key=lambda entry: -len(entry[2].phrase),
        )

    @staticmethod
    def prepare(text: str) -> str:
        return " ".join(normal_words(text))

    @staticmethod
    def clauses(text: str) -> str:
        """`text` prepared clause by clause, the clauses joined by `_COMMA` where a comma ends one and `_BOUNDARY`
        elsewhere (both read as a clause end again, so prepared text may be worked on and passed back)."""
        out, start = [], 0
        for end in _CLAUSE_END.finditer(text or ""):
            out += [Vocabulary.prepare(text[start:end.start()]), _COMMA if set(end.group()) == {","} else _BOUNDARY]
            start = end.end()
        out.append(Vocabulary.prepare((text or "")[start:]))
        clauses, mark = [], None
        for piece in out:
            if piece in _MARKS:
                mark = piece if mark in (None, _COMMA) else mark  # a sentence end wins over a comma beside it
            elif piece:
                if clauses and mark:
                    clauses.append(mark)
                clauses.append(piece)
                mark = None
        return " ".join(clauses)

    def _marked(self, text: str) -> str:
        """`text` prepared clause by clause, abbreviations written out: what the phrases are matched on, so none
        reads across a full stop or a comma."""
        return self._abbr_found.sub(self._abbr.__getitem__, self.clauses(text))

    def expand_abbreviations(self, text: str) -> str:
        """Normalised folded `text` with abbreviations written out (applied to questions and names alike)."""
        return _unmarked(self._marked(text))

    def expand(self, text: str, names=frozenset()) -> str:
        """Normalised folded `text`, abbreviations written out and everyday phrases replaced by catalogue wording
        (one pass, longest phrase first, so a replacement is never rewritten by a shorter entry). With `names`, the
        syllable triples of the catalogue's names, a phrase the question continues as a name does is left as
        written (`_continues_a_name`: "nghĩa vụ tài chính" is not "nghĩa vụ quân sự tài chính")."""
        marked = self._marked(text)
        out, last = [], 0
        for start, end, phrase in self._syn_found.spans(marked):
            if names and _continues_a_name(marked, start, end, names):
                continue
            out += [marked[last:start], self._syn[phrase]]
            last = end
        return _unmarked("".join(out + [marked[last:]]))

    def procedures(self, text: str) -> list[str]:
        """Codes named by procedure phrases found in `text`, longest phrase first, without repeats."""
        codes = []
        for _, _, phrase in self._proc_found.spans(self._marked(text)):
            codes += [c for c in self._proc[phrase].codes if c not in codes]
        return codes

    def abbreviations(self) -> dict:
        """Folded abbreviation -> what it stands for (folded)."""
        return dict(self._abbr)

    def procedure_terms(self) -> list[Term]:
        return list(self._proc.values())

    def without_procedures(self, text: str) -> str:
        """Prepared `text` with the procedure phrases taken out (what the question says besides naming them)."""
        return _unmarked(self._proc_found.sub(lambda phrase: " ", self._marked(text)))

    def life_event(self, text: str):
        """(Term, text without the event phrase) of the first life event found in `text`, or (None, text)."""
        prepared = self._marked(text)
        # A phrase that starts inside an event and runs past its end reads the words otherwise: in "bố tôi mất căn
        # cước", "mất căn cước" is a lost paper, not a death ("bo * mat").
        crossing = [(start, end) for found in (self._syn_found, self._proc_found) for start, end, _ in found.spans(prepared)]
        words = set(prepared.split())
        for first, pattern, term in self._event_res:
            if first not in words:
                continue
            for m in pattern.finditer(prepared):
                if not any(m.start() < start < m.end() < end for start, end in crossing):
                    return term, _unmarked(prepared[: m.start()] + " " + prepared[m.end() :])
        return None, text

    def is_offtopic(self, text: str) -> bool:
        return self.expand_abbreviations(text) in self._offtopic

    def absent(self, text: str):
        """The entry of a procedure missing from the catalogue that `text` asks for ("xin trợ cấp thất nghiệp"), or
        None."""
        found = self._absent_found.spans(self._marked(text))
        return self._absent[found[0][2]] if found else None


SEED_FILE = Path(__file__).parent / "data" / "citizen_vocabulary.tsv"


def seed_rows(path=SEED_FILE):
    """Rows of the seed file: kind, phrase, meaning, codes, label, reason (tab-separated, # comments)."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            kind, phrase, meaning, codes, label, reason = (line.rstrip("\n").split("\t") + [""] * 6)[:6]
            yield {"kind": kind, "phrase": phrase, "meaning": meaning, "codes": codes, "label": label, "reason": reason}


def load_seed(path=SEED_FILE):
    from .citizen_terms import CitizenTerm

    return seed_into(CitizenTerm, path)


_lock = threading.Lock()
_cache = {"stamp": None, "vocabulary": None}


def _stamp():
    """Count and last change of the entries, in one round trip read from indexes (asked per question): two
    subqueries, as one SELECT of both aggregates would scan the table."""
    from django.db import connection

    from .citizen_terms import CitizenTerm

    table = CitizenTerm._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT (SELECT COUNT(*) FROM {table}), (SELECT MAX(updated_at) FROM {table})")
        return tuple(cursor.fetchone())


def current() -> Vocabulary:
    """The active entries of the database as a Vocabulary, rebuilt whenever an entry was added or changed."""
    from .citizen_terms import CitizenTerm

    stamp = _stamp()
    with _lock:
        if _cache["stamp"] != stamp:
            rows = CitizenTerm.objects.filter(active=True).values_list("kind", "phrase", "meaning", "codes", "label")
            _cache["vocabulary"] = Vocabulary(Term(k, p, m, tuple(c.split()), lab) for k, p, m, c, lab in rows)
            _cache["stamp"] = stamp
        return _cache["vocabulary"]


_seed = {}


def seed_vocabulary(path=SEED_FILE) -> Vocabulary:
    """The seed file as a Vocabulary, without the database (read once per process: the file does not change)."""
    if path not in _seed:
        _seed[path] = Vocabulary(
            Term(r["kind"], r["phrase"], r["meaning"], tuple(r["codes"].split()), r["label"]) for r in seed_rows(path)
        )
    return _seed[path]


def seed_into(model, path=SEED_FILE):
    """Create or update seed entries with `model` (the real or a migration's historical CitizenTerm), and retire
    (set inactive) seed entries the file no longer has; entries added by staff are never touched. An entry the file
    does not change is not saved again (a save stamps the vocabulary and the catalogue's pages as changed). Returns
    the counts of the file's lines and of what was done: "lines", "created", "changed", "unchanged", "staff" (a
    staff entry holds the phrase), "retired"."""
    counts = dict.fromkeys(("lines", "created", "changed", "unchanged", "staff", "retired"), 0)
    kept = set()
    fields = ("phrase", "meaning", "codes", "label", "reason")
    for row in seed_rows(path):
        counts["lines"] += 1
        folded = fold_phrase(row["phrase"])
        kept.add((row["kind"], folded))
        term = model.objects.filter(kind=row["kind"], phrase_folded=folded).first()
        if term is not None and term.source != "seed":
            counts["staff"] += 1
            continue
        if term is not None and term.active and all(getattr(term, key) == row[key] for key in fields):
            counts["unchanged"] += 1
            continue
        counts["created" if term is None else "changed"] += 1
        term = term or model(kind=row["kind"], source="seed")
        for key in fields:
            setattr(term, key, row[key])
        term.phrase_folded = folded
        term.active = True
        term.save()
    for term in model.objects.filter(source="seed", active=True):
        if (term.kind, term.phrase_folded) not in kept:
            term.active = False
            term.save(update_fields=["active", "updated_at"])
            counts["retired"] += 1
    return counts
