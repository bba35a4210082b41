"""Hybrid retrieval: the lexical stage (BM25 over folded syllables and bigrams) combined with a semantic stage
(cosine similarity between the question and each procedure's name, embedded with multilingual-e5-small).

Pure Python + numpy, no ORM: `catalogue_index.py` builds a `Retriever` from the database, the evaluation
tools can build one from the raw files. The semantic stage is optional (vectors=None -> lexical only), which
is how the benchmark measures the lexical stage alone.

Confidence: the assistant answers only when the best candidate explains most of the question (query
coverage), is supported by more than one word (a bigram or two content words) and, when the lexical evidence
is thin, by the embedding too. Otherwise it declines. When the first two candidates are too close to tell, or the best
one lacks the question's most specific word, it asks the citizen to choose. The embedding thresholds are on the
scale of the question embedded as written (diacritics kept). A long question told as a story is read by
`search_story`: ranked by the whole story and its ask sentence, gated by how much of the candidate's name the story
tells or how much of the ask the name explains.

The semantic stage also knows the citizen vocabulary's procedure phrases (`aliases`): a procedure's similarity is
that of its name, or, a little discounted, that of the closest phrase naming it ("cả nhà có hộ khẩu Hà Nội" is near
"nhập khẩu về nhà", hence near đăng ký thường trú, though far from the name's words).
"""

import re
from dataclasses import dataclass, replace

import numpy as np

from motcua.catalogue.vocabulary import normalise
from motcua.lib.text import fold

from . import facets
from .accents import Accents
from .lexical import STOPWORDS, LexicalIndex, first_case, tokens

__all__ = ["Candidate", "Result", "Retriever"]

# Qualifiers that narrow a procedure to a rarer case. A citizen of the city who does not mention them most
# likely means the common case ("đăng ký khai sinh", not "... có yếu tố nước ngoài tại khu vực biên giới").
_RARE_QUALIFIERS = [
    ("nuoc", "ngoai"),
    ("bien", "gioi"),
    ("luu", "dong"),
    ("trung", "uong"),
    ("quan", "doi"),
    ("cong", "an", "nhan", "dan"),
    ("dan", "quan", "tu", "ve"),
    ("giai", "doan", "chuyen", "tiep"),
    ("duoi", "14", "tuoi"),
    ("doi", "voi", "to", "chuc"),
    ("ket", "hop"),
    ("cong", "trinh", "cap", "dac", "biet"),  # big buildings: a family's house is "công trình cấp III, cấp IV"
]
# Actions other than issuing something new. Without the word in the question, the citizen most likely
# wants the first issue ("làm hộ chiếu" = cấp, not trình báo mất / cấp lại / thu hồi).
_SECONDARY_ACTIONS = [
    ("cap", "lai"), ("cap", "doi"), ("doi",), ("thu", "hoi"), ("trinh", "bao"), ("xoa",), ("gia", "han"),
    ("dang", "ki", "lai"), ("dieu", "chinh"), ("huy",), ("dung",), ("cham", "dut"), ("tam", "ngung"),
    ("dinh", "chinh"), ("khoi", "phuc"), ("chuyen", "doi"), ("thong", "bao"), ("sua", "doi"), ("bo", "sung"),
    ("uy", "quyen"),
]


# What a citizen asks to do, in everyday words, and the secondary actions of names that do it: issuing again
# ("xin lại", "làm lại" a lost or spoilt paper), correcting ("sửa", "ghi sai"), reopening ("mở lại").
_REISSUE = frozenset({("cap", "lai"), ("dang", "ki", "lai")})
_CORRECT = frozenset({("dinh", "chinh"), ("dieu", "chinh"), ("sua", "doi"), ("doi",)})  # "đổi": thay đổi
_REOPEN = frozenset({("khoi", "phuc")})
_AGAIN_VERBS = frozenset("xin lam cap ki in".split())
_WORD = re.compile(r"\w+")
# Words ending in the syllable of "dừng" (stop) once folded: "xây dựng", "sử dụng", "tuyển dụng", "tín dụng"...
_DUNG_WORDS = frozenset("xay su tuyen tin ap ung vien".split())
# Words of what happened to a paper or of what is done again: they say nothing of what the paper is.
_CIRCUMSTANCE = frozenset("bi mat hong rach chay lai cap doi".split())
# What tells apart the copies of one procedure published once per level ("Cấp lại thẻ căn cước" and "Cấp lại thẻ căn
# cước (thực hiện tại cấp tỉnh)"), matched on the folded name: the level in brackets, "thủ tục", punctuation.
_LEVEL_MARK = re.compile(r"\((?:thuc hien )?(?:tai )?cap (?:tinh|xa|huyen|trung uong|tw|bo)\b[^)]*\)?")
_NOT_A_WORD = re.compile(r"\bthu tuc\b|[^0-9a-z]+")


def _twin_key(name):
    """The name without its level: procedures sharing it are one procedure done at several levels (twins)."""
    return " ".join(_NOT_A_WORD.sub(" ", _LEVEL_MARK.sub(" ", fold(name))).split())


def _intents(words):
    """The action families the question asks for (see above)."""
    pairs = list(zip(words, words[1:] + [""], strict=True))
    found = set()
    for a, b in pairs:
        if b == "lai" and a in _AGAIN_VERBS:
            found |= _REISSUE
        if (a == "sua" and b != "chua") or a == "sai":  # "sửa chữa" is a repair, not a correction
            found |= _CORRECT
        if (a, b) == ("mo", "lai"):
            found |= _REOPEN
    return found


@dataclass
class Candidate:
    key: str
    score: float
    lexical: float = 0.0
    query_cover: float = 0.0
    name_cover: float = 0.0
    semantic: float = 0.0
    evidence: int = 0  # matched bigrams * 2 + matched content words
    bigrams: int = 0  # matched syllable pairs (a two-syllable word or more of the question in the name)
    bm25: float = 0.0  # the raw lexical score, before it is scaled by the best one's


@dataclass
class Result:
    candidates: list  # best first
    confident: bool
    ambiguous: bool

    @property
    def best(self):
        return self.candidates[0] if self.candidates else None


@dataclass
class Weights:
    lexical: float = 0.35
    query_cover: float = 0.2
    name_cover: float = 0.15
    semantic: float = 0.15
    rare_penalty: float = 0.1
    action_penalty: float = 0.1
    audience_penalty: float = 0.05
    sem_floor: float = 0.78
    sem_span: float = 0.12
    # Evidence needed before anything is shown (otherwise: decline).
    min_cover: float = 0.55
    min_score: float = 0.4
    min_semantic: float = 0.83
    # A single answer needs more: the question well covered and a clear lead over the second candidate;
    # between the two, the citizen is asked to choose among the first candidates.
    answer_score: float = 0.5
    answer_cover: float = 0.7
    answer_margin: float = 0.06
    answer_semantic: float = 0.87
    # A long question told as a story (`search_story`): the weight of its ask sentence against the whole story
    # in the ranking; the share of a name the story must tell when the ask alone is not explained (a referring
    # ask: "Xin giấy đó ở đâu?"); the similarity a single answer needs, lower than `answer_semantic` because
    # the narrative dilutes the story's vector.
    story_ask: float = 0.25
    story_name_cover: float = 0.8
    story_semantic: float = 0.86
    # A vocabulary phrase's similarity stands for its procedure's less this (the name, written by the law, stays the
    # reference when both are close).
    alias_discount: float = 0.02


def _has(words, phrase):
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase and not (phrase == ("dung",) and i and words[i - 1] in _DUNG_WORDS)
               for i in range(len(words) - n + 1))


class Retriever:
    def __init__(self, docs, vectors=None, embed_query=None, weights=None, vocabulary=None, aliases=None):
        """`aliases`: (vectors, positions of the procedures they name) of embedded vocabulary phrases, or None."""
        self.docs = list(docs)
        self.vocabulary = vocabulary
        self.index = LexicalIndex(self.docs, vocabulary=vocabulary)
        self.position = {d.key: i for i, d in enumerate(self.docs)}
        self.vectors = vectors
        self.embed_query = embed_query
        if aliases is not None:  # grouped by procedure once, so each question takes the closest phrase per group
            vectors, positions = aliases
            order = np.argsort(positions, kind="stable")
            named, starts = np.unique(positions[order], return_index=True)
            aliases = (vectors[order], named, starts)
        self.aliases = aliases
        self._specific_idf = None  # see _kin
        self.w = weights or Weights()
        self.name_words = [tokens(d.name, vocabulary) for d in self.docs]
        self.accents = Accents(d.name for d in self.docs)
        # One-word abbreviations as the model should read them ("hkd" -> "hộ kinh doanh"): see _readable.
        self.spelled_out = {a: self.accents.restore(m) for a, m in (vocabulary.abbreviations() if vocabulary else {}).items()
                            if " " not in a}
        # The qualifiers and secondary actions each name carries, found once (checked per candidate per question).
        # A name listing several cases ("... của Việt Nam; ... của nước ngoài; ...") is narrowed by its first one.
        first_clauses = [tokens(first_case(d.name), vocabulary) for d in self.docs]
        self.rare = [[p for p in _RARE_QUALIFIERS if _has(name, p)] for name in first_clauses]
        self.actions = [[p for p in _SECONDARY_ACTIONS if _has(name[:6], p)] for name in self.name_words]
        self.twin = [_twin_key(d.name) for d in self.docs]

    @property
    def semantic_enabled(self):
        return self.vectors is not None and self.embed_query is not None

    def search(self, question, *, limit=5, allowed=None, lexical_only=False, context=None):
        """`context`: the whole question when `question` is one sentence of it (a story's ask): qualifiers and
        actions told elsewhere in it ("bạn gái tôi quốc tịch Nhật Bản. ... đăng ký kết hôn?") still count."""
        scored, terms = self._scored(question, allowed=allowed, lexical_only=lexical_only, context=context)
        ranked = self._distinct(scored)[:limit]
        semantic = self.semantic_enabled and not lexical_only
        confident = bool(ranked) and self._shown(ranked[0], semantic)
        margin = ranked[0].score - ranked[1].score if len(ranked) > 1 else 1.0
        ambiguous = confident and not (self._answered(ranked[0], margin, semantic)
                                       and self._explains_key_word(ranked[0], terms)
                                       and not self._action_elsewhere(ranked, question)
                                       and not self._common_case_elsewhere(ranked, context or question))
        return Result(ranked, confident, ambiguous)

    def search_story(self, story, ask, *, limit=5, allowed=None, lexical_only=False):
        """A long question told as a story whose last sentence is the ask ("... Vậy báo tử làm ở đâu?").

        Ranked by the whole story and by the ask (read with the story's qualifiers), the ask weighted
        `w.story_ask`: the ask says what is wanted, the story what it is about ("Xin giấy đó ở đâu?").
        A story's many words are never mostly found in one name, so the query coverage of the whole question
        does not gate it: the best candidate must explain the ask (its query coverage of the ask sentence),
        or have its own name told by the story (name coverage), with the usual lexical and semantic evidence; a
        single answer needs a clear lead. Features other than the score and the similarity are those of the whole
        story."""
        w = self.w
        semantic = self.semantic_enabled and not lexical_only
        whole, _ = self._scored(story, allowed=allowed, lexical_only=lexical_only)
        asked, _ = self._scored(ask, allowed=allowed, lexical_only=lexical_only, context=story)
        by_ask = {c.key: c for c in asked}
        # The story's candidates as the ask reads them, even those its own first fifty left out: a referring ask that
        # names little ("giờ xin cấp lại được không") matches hundreds of names, and which ones come first is chance.
        told = {c.key for c in whole} - {c.key for c in asked if c.bm25}
        if told:
            rest, _ = self._scored(ask, allowed=told & allowed if allowed is not None else told,
                                   lexical_only=lexical_only, context=story,
                                   top_bm25=max((c.bm25 for c in asked), default=0.0) or None)
            by_ask.update((c.key, c) for c in rest)
        floor = min((c.score for c in asked), default=0.0)  # the ask's score of a candidate it did not retrieve
        ask_cover = {key: c.query_cover for key, c in by_ask.items()}
        for c in whole:
            c.score = (1 - w.story_ask) * c.score + w.story_ask * (by_ask[c.key].score if c.key in by_ask else floor)
            if c.key in by_ask:  # either reading may carry the meaning: the narrative dilutes the story's vector
                c.semantic = max(c.semantic, by_ask[c.key].semantic)
        whole_floor = min((c.score for c in whole), default=0.0)
        known = {c.key for c in whole}
        for c in asked:  # found by the ask only: scored with the whole story's floor
            if c.key not in known:
                whole.append(Candidate(c.key, (1 - w.story_ask) * whole_floor + w.story_ask * c.score,
                                       semantic=c.semantic))
        ranked = self._distinct(sorted(whole, key=lambda c: (-c.score, c.key)))[:limit]
        if not ranked:
            return Result([], False, False)
        best = ranked[0]
        scale = 1.0 if semantic else 1 - w.semantic
        explained = ask_cover.get(best.key, 0.0) >= w.min_cover or best.name_cover >= w.story_name_cover
        confident = (explained and best.bigrams >= 1 and best.evidence >= 3
                     and (not semantic or best.semantic >= w.min_semantic))
        margin = best.score - ranked[1].score if len(ranked) > 1 else 1.0
        answered = (margin >= w.answer_margin * scale and (not semantic or best.semantic >= w.story_semantic)
                    and not self._common_case_elsewhere(ranked, story))
        return Result(ranked, confident, confident and not answered)

    def _scored(self, question, *, allowed=None, lexical_only=False, context=None, top_bm25=None):
        """Every candidate retrieved for `question` with its score and evidence, best first, and the question's
        terms. `top_bm25`: the lexical score that scales the others (by default the best of these candidates')."""
        w = self.w
        # The model reads the question as written: folded text ("dang ky khai sinh") embeds far from the names.
        written = facets.strip_facets(question) or question
        question = facets.without_facets(question) or question
        hits = self.index.search(question, limit=50, allowed=allowed)
        terms = set(self.index.terms(question))
        q_seq = self.index.sequence((facets.without_facets(context) or context) if context else question)
        intents = _intents(q_seq)
        by_key = {}
        top_bm25 = top_bm25 or (hits[0].score if hits else 1.0)
        for h in hits:
            by_key[h.key] = Candidate(h.key, 0.0, min(1.0, h.score / top_bm25), h.query_cover, h.name_cover, bm25=h.score)
        if self.semantic_enabled and not lexical_only:
            q = self.embed_query(self._readable(written))
            sims = self._similarities(q)
            order = np.argsort(-sims)[:20]
            for i in order:
                key = self.docs[i].key
                if allowed is not None and key not in allowed:
                    continue
                by_key.setdefault(key, Candidate(key, 0.0))
            for c in by_key.values():
                c.semantic = float(sims[self.position[c.key]])
        for c in by_key.values():
            c.bigrams, c.evidence = self._evidence(c.key, terms)
            sem = min(1.0, max(0.0, (c.semantic - w.sem_floor) / w.sem_span)) if c.semantic else 0.0
            i = self.position[c.key]
            penalty = 0.0
            for phrase in self.rare[i]:
                penalty += -w.rare_penalty if _has(q_seq, phrase) else w.rare_penalty
            for phrase in self.actions[i]:
                if not (_has(q_seq, phrase) or phrase in intents or (phrase == ("cap", "doi") and "doi" in q_seq)):
                    penalty += w.action_penalty
            doc = self.docs[i]  # a citizen of the city most likely means what a person does at a local office
            penalty += w.audience_penalty * (not doc.for_citizens) + w.audience_penalty * (not doc.local)
            if intents and not intents.intersection(self.actions[i]):
                penalty += w.action_penalty  # "xin lại", "ghi sai": the issue again, the correction, not the first
            c.score = (
                w.lexical * c.lexical
                + w.query_cover * c.query_cover
                + w.name_cover * c.name_cover
                + (w.semantic * sem if self.semantic_enabled and not lexical_only else 0.0)
                - penalty
            )
        return sorted(by_key.values(), key=lambda c: (-c.score, c.key)), terms

    def _distinct(self, ranked):
        """`ranked` with each procedure done at several levels (level twins: same name but for the level) standing once,
        at the place of its best copy, by its copy done at the commune office when there is one (the citizen's nearest
        office), and its other copies after all the other candidates: the level copies do not crowd out the other
        procedures of a choice, nor stand as the close second that makes the first ambiguous."""
        groups = {}
        for c in ranked:
            groups.setdefault(self.twin[self.position[c.key]], []).append(c)
        first, twins = [], []
        for c in ranked:
            group = groups[self.twin[self.position[c.key]]]
            if c is not group[0]:
                continue
            nearest = next((t for t in group if self.docs[self.position[t.key]].commune), c)
            first.append(replace(nearest, score=c.score) if nearest is not c else c)
            twins += [t for t in group if t is not nearest]
        return first + twins

    def twins(self, a, b):
        """Codes `a` and `b` are the same procedure, done at two levels (or the same code)."""
        if a == b:
            return True
        if a not in self.position or b not in self.position:
            return False
        return self.twin[self.position[a]] == self.twin[self.position[b]]

    def nearest(self, codes):
        """`codes` in order with one code per procedure done at several levels: the one done at the commune office if
        any, else the first ("trình báo mất hộ chiếu" named at four levels is one procedure for the citizen)."""
        kept = []
        for code in codes:
            same = next((i for i, k in enumerate(kept) if self.twins(k, code)), None)
            if same is None:
                kept.append(code)
            elif (code in self.position and self.docs[self.position[code]].commune
                  and not self.docs[self.position[kept[same]]].commune):
                kept[same] = code
        return kept

    def _readable(self, text):
        """`text` as the embedding model reads it best: diacritics put back when it was typed without any, then its
        one-word abbreviations written out ("dk hkd can gi" -> "đăng ký hộ kinh doanh cần gì")."""
        text = self.accents.restore(text)
        return _WORD.sub(lambda m: self.spelled_out.get(normalise(fold(m.group())), m.group()), text)

    def _similarities(self, q):
        """The question's similarity to each procedure: to its name, or to the closest vocabulary phrase naming it
        less `alias_discount`."""
        sims = self.vectors @ q
        if self.aliases is not None:
            vectors, named, starts = self.aliases
            closest = np.maximum.reduceat(vectors @ q, starts)  # rows are grouped by the procedure they name
            sims[named] = np.maximum(sims[named], closest - self.w.alias_discount)
        return sims

    def _evidence(self, key, terms):
        i = self.position[key]
        doc_terms = self.index.name_terms[i]
        bigrams = sum(1 for t in terms if "_" in t and t in doc_terms)
        words = sum(1 for t in terms if "_" not in t and t in doc_terms)
        return bigrams, 2 * bigrams + words

    def _explains_key_word(self, c, terms):
        """The question's most specific words (the rarest in the catalogue) are in the candidate's name or extra text:
        "trồng hoa hồng" is not answered with "hoa hồng dầu khí", whose name lacks "trồng". A number ("con 15 tuổi")
        and "mình" (oneself; "chứng minh" has more specific words) are rare in names but say nothing of the procedure."""
        words = [t for t in terms if "_" not in t and t in self.index.idf and t not in STOPWORDS and not t.isdigit()
                 and t != "minh"]
        if not words:
            return True
        rarest = max(self.index.idf[t] for t in words)
        i = self.position[c.key]
        return all(i in self.index.postings[t] for t in words if self.index.idf[t] >= rarest - 1e-9)  # ties: all

    def leads(self, result):
        """The best candidate shares a word pair with the question and leads the next clearly: enough to put it
        first among a few procedures already chosen (a life event's list), not to answer with it alone."""
        ranked = result.candidates
        margin = ranked[0].score - ranked[1].score if len(ranked) > 1 else 1.0
        return bool(ranked) and ranked[0].bigrams >= 1 and margin >= 2 * self.w.answer_margin

    def qualified(self, key, question, within=()):
        """The procedure is a rarer case ("có yếu tố nước ngoài", "lưu động") the question names, or a secondary action
        ("đăng ký lại") the question asks for ("làm lại") of one of the procedures `within` (a specific word pair of
        its name is theirs: "đăng ký lại khai tử" of "đăng ký khai tử", not "cấp lại chứng chỉ hành nghề luật sư")."""
        i = self.position[key]
        q_seq = self.index.sequence(facets.without_facets(question) or question)
        rare, actions = self.rare[i], set(self.actions[i])
        if rare:
            return all(_has(q_seq, p) for p in rare)
        asked = {p for p in _SECONDARY_ACTIONS if _has(q_seq, p)} | _intents(q_seq)
        return bool(actions) and actions <= asked and self._kin(key, within)

    def rarer_cases(self, key, question):
        """Codes of the rarer cases of procedure `key` that the question qualifies: names holding every word pair of
        its name ("đăng ký khai tử"), doing no other action, carrying rare qualifiers its name lacks and the question
        names, all of them ("bố em người Pháp mất": "đăng ký khai tử có yếu tố nước ngoài", not "... tại khu vực
        biên giới", nor "đăng ký khai sinh có yếu tố nước ngoài")."""
        i = self.position.get(key)
        if i is None:
            return []
        q_seq = self.index.sequence(facets.without_facets(question) or question)
        if not [p for p in _RARE_QUALIFIERS if _has(q_seq, p) and p not in self.rare[i]]:
            return []
        pairs = {t for t in self.index.name_terms[i] if "_" in t}
        actions = set(self.actions[i])
        return [d.key for j, d in enumerate(self.docs)
                if j != i and self.rare[j] and set(self.rare[j]) - set(self.rare[i]) and set(self.actions[j]) <= actions
                and all(_has(q_seq, p) for p in self.rare[j]) and pairs <= self.index.name_terms[j].keys()]

    def _kin(self, key, within):
        """`key`'s name shares a specific word pair ("khai tử", "căn cước": not "đăng ký", nor a circumstance such as
        "bị mất") with a name of `within`."""
        if self._specific_idf is None:  # a pair rarer than most: 0.6 of the median word pair's idf
            idfs = sorted(v for t, v in self.index.idf.items() if "_" in t)
            self._specific_idf = 0.6 * idfs[len(idfs) // 2] if idfs else 0.0
        pairs = {t for t in self.index.name_terms[self.position[key]]
                 if "_" in t and self.index.idf.get(t, 0) >= self._specific_idf
                 and not _CIRCUMSTANCE.intersection(t.split("_"))}
        return any(pairs & set(self.index.name_terms[self.position[c]]) for c in within if c in self.position)

    def _common_case_elsewhere(self, ranked, question):
        """The best candidate is a rarer case ("có yếu tố nước ngoài") the question does not name, and a runner-up is
        the common case of the same procedure (without that qualifier, sharing a specific word pair of the name): the
        citizen chooses ("nhận cháu gái bên vợ làm con nuôi": trong nước, or the foreign case whose name tells of
        nephews and nieces?)."""
        i = self.position[ranked[0].key]
        q_seq = self.index.sequence(facets.without_facets(question) or question)
        unasked = [p for p in self.rare[i] if not _has(q_seq, p)]
        if not unasked:
            return False
        return any(not set(unasked) & set(self.rare[self.position[c.key]]) and self._kin(c.key, [ranked[0].key])
                   for c in ranked[1:3])

    def secondary_actions(self, question):
        """The secondary actions the question asks for ("đổi", "gia hạn", "xin lại": see `_SECONDARY_ACTIONS`)."""
        q_seq = self.index.sequence(facets.without_facets(question) or question)
        return {p for p in _SECONDARY_ACTIONS if _has(q_seq, p)} | _intents(q_seq)

    def _action_elsewhere(self, ranked, question):
        """The question asks for a secondary action ("đổi địa chỉ", "gia hạn") that the best candidate's name does
        not do and a runner-up's does: the citizen chooses ("hộ kinh doanh muốn đổi địa chỉ": thành lập or thay
        đổi nội dung?)."""
        asked = self.secondary_actions(question)
        if not asked or asked & set(self.actions[self.position[ranked[0].key]]):
            return False
        return any(asked & set(self.actions[self.position[c.key]]) for c in ranked[1:3])

    def _shown(self, c, semantic):
        """Enough evidence to show this candidate at all."""
        w = self.w
        scale = 1.0 if semantic else 1 - w.semantic  # the lexical stage alone has no semantic share to add
        lexical_ok = c.query_cover >= w.min_cover and c.bigrams >= 1 and c.evidence >= 3
        return lexical_ok and c.score >= w.min_score * scale and (not semantic or c.semantic >= w.min_semantic)

    def _answered(self, c, margin, semantic):
        """Enough to answer with this single procedure rather than ask the citizen to choose."""
        w = self.w
        scale = 1.0 if semantic else 1 - w.semantic
        return (
            c.score >= w.answer_score * scale
            and c.query_cover >= w.answer_cover
            and margin >= w.answer_margin * scale
            and (not semantic or c.semantic >= w.answer_semantic)
        )
