"""The assistant's one action: answer a citizen's question from the catalogue, or decline and log it.

    ask(question, *, context_code=None, offered=None, agency=None, commune=None, channel="api", at=None) -> Reply

`context_code` is the procedure of the previous turn: a bare follow-up ("phí bao nhiêu?") answers that
facet of it. `offered` is the numbered list of the previous turn (a choice or a life event): "2", "cái thứ hai"
or a name picks one. Pages keep both in the session, API clients send them back.

In order: a pick among the offered procedures; a bare facet about the procedure under discussion; a question
staff marked off-topic (declined); a procedure known to be missing from the catalogue (declined, saying so); a life
event ("bố tôi mất", "mở quán") unless the rest of the question names one procedure; a phrase of the citizen
vocabulary naming procedures (in a story, one told only before its ask decides only when retrieval is unclear);
then retrieval, a long question of several sentences read as a story whose last sentence is the ask
(`Retriever.search_story`). A question about what the law says rather than about doing a procedure is declined.
"""

import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from motcua.catalogue import vocabulary as citizen_vocabulary
from motcua.catalogue.models import Procedure
from motcua.catalogue.vocabulary import normal_words
from motcua.lib.page_cache import KEEP, key_of, versions
from motcua.lib.text import fold, fold_words, nfc

from . import facets
from .answers import (
    absent_text,
    choose_text,
    compose,
    decline_text,
    life_event_text,
    procedure_url,
    which_procedure_text,
)
from .choices import pick
from .lexical import STOPWORDS
from .models import DeclinedQuestion

__all__ = ["Reply", "ask", "MAX_QUESTION_LENGTH"]

STORY_WORDS = 14  # a question this long is treated as a story that may hide its ask
# Sentence ends, and the commas before an ask or a thank-you (matched on the folded text: "..., giờ làm lại ở đâu").
_SENTENCES = re.compile(r"[.!?;\n]+|,\s+(?=(?:gio|bay gio|vay|nen|thi|cho hoi|xin hoi|cho em hoi|cho toi hoi"
                        r"|(?:em |toi |minh )?(?:xin )?(?:chan thanh )?cam on)\b)")
# A closing courtesy ("Em cảm ơn ạ.", "Mong các anh chị tư vấn."): a trigger and nothing but these words.
_COURTESY = re.compile(r"\b(cam on|thank|thanks|tks|mong)\b")
_COURTESY_WORDS = frozenset("""em toi minh chau con xin chan thanh cam on rat nhieu a nha nhe anh chi cac ad admin thank
    thanks tks mong duoc som giai dap huong dan tu van tra loi giup do ho tro phan hoi moi nguoi quy co quan can bo ban
    truoc""".split())

# An ask for the procedures of a situation in general (folded words), as opposed to one precise procedure.
_LIST_ASK = re.compile(r"\b(nhung thu tuc|cac thu tuc|thu tuc nao|lam gi|lam nhung gi|lo gi|lo nhung gi|nhung buoc|cac buoc"
                       r"|lam lai nhung gi|dang ki nhung gi|nhung giay to gi|nhung giay gi|nhung giay to nao|nhung giay nao)\b")

MAX_QUESTION_LENGTH = 500
# Words of an ask that name nothing by themselves (folded).
_ASK_WORDS = frozenset("""thu tuc ho so giay to chuan bi sao the nao dang ki lam nop hoi o dau can phai gi mang theo lai
    di xem biet tim huong dan duoc khong cho ra gia dinh chau minh nguoi nha tiep""".split()) | facets.FILLER
# Everyday verbs around a named paper that do not say which procedure ("làm sổ đỏ", "xin sổ hồng").
_VERBS = frozenset("lam xin can muon dang ki nop".split())
SHOWN = 3


@dataclass
class Reply:
    declined: bool
    procedures: list = field(default_factory=list)  # [{"code", "name", "score"}], best first
    answer: str = ""
    code: str | None = None  # the procedure answered about, to send back as context_code
    facets: list = field(default_factory=list)
    choose: bool = False  # several close candidates: the citizen is asked to pick one
    life_event: str = ""  # the situation recognised; `procedures` are what it usually needs, in order
    candidates: list = field(default_factory=list)  # internal: ranked codes even when declined (evaluation)

    @property
    def offered(self):
        """The numbered list the citizen may pick from in the next turn (send back as `offered`)."""
        return self.procedures if (self.choose or self.life_event) else []

    def as_dict(self):
        return {"declined": self.declined, "choose": self.choose, "life_event": self.life_event,
                "procedures": [{**p, "url": procedure_url(p["code"])} for p in self.procedures],
                "answer": self.answer, "code": self.code}


def _procedure(code):
    return (
        Procedure.objects.select_related("current", "current__field")
        .prefetch_related("current__components", "current__channels__fees", "current__steps", "agencies")
        .filter(code=code, current__isnull=False)
        .first()
    )


def _composed(code, asked, day):
    """(name, answer text) about the version in force of procedure `code`, or None. Kept in the shared cache under
    the catalogue's data version (lib.page_cache: any save of a catalogue, units or guides row makes a new key), so
    the many citizens asking about the same procedure on a day cost one composition, and an edit is seen at once."""
    key = "assistant:answer:" + key_of(code, tuple(asked), day.isoformat(), versions(["catalogue"]), get_language())
    found = cache.get(key)
    if found is None:
        procedure = _procedure(code)
        found = (procedure.current.name, compose(procedure, asked, on=day)) if procedure else ()
        cache.set(key, found, KEEP)
    return found or None


def _answer(code, asked, at, *, shown=None):
    composed = _composed(code, asked, timezone.localdate(at))
    if composed is None:
        return None
    name, text = composed
    shown = shown or [{"code": code, "name": name, "score": 1.0}]
    return Reply(declined=False, procedures=shown, answer=text, code=code, facets=asked,
                 candidates=[p["code"] for p in shown])


def _names(codes, allowed=None):
    rows = dict(Procedure.objects.filter(code__in=codes, current__isnull=False).values_list("code", "current__name"))
    return [{"code": c, "name": rows[c], "score": 1.0} for c in codes if c in rows and (allowed is None or c in allowed)]


def _named(retriever, codes, allowed):
    """`_names` of `codes` with one code per procedure done at several levels (`Retriever.nearest`): "trình báo mất hộ
    chiếu" named at four levels is one procedure to answer, not four to choose from."""
    return _names(retriever.nearest([c for c in codes if allowed is None or c in allowed]))


def _among(retriever, code, codes):
    """`code` is one of `codes` or a level copy of one of them."""
    return any(retriever.twins(code, c) for c in codes)


def _offered(offered):
    """The previous turn's list as [{"code", "name"}]: pages keep the dicts, API clients send the codes."""
    offered = list(offered or [])
    if offered and isinstance(offered[0], str):
        return _names(offered[:10])
    return [o for o in offered if isinstance(o, dict) and o.get("code")]


def _then(reply, ranked):
    """`reply` with the procedures retrieval ranked appended to its candidates after those it names: the assistant's
    whole ranking, kept even when a vocabulary phrase or a life event decided what is shown (`Reply.candidates`)."""
    if reply is not None:
        reply.candidates += [code for code in ranked if code not in reply.candidates]
    return reply


def _beside(retriever, named, ranked, allowed):
    """The procedure a vocabulary phrase names, then retrieval's first others, as an answer by retrieval shows them (the
    answer is about the first; the others are links the citizen may follow when the phrase misread the question)."""
    others = [code for code in ranked if not retriever.twins(code, named[0]["code"])][:SHOWN - 1]
    return named[:1] + _names(others, allowed)


def _choose(shown, asked):
    return Reply(declined=False, procedures=shown, answer=choose_text(shown), facets=asked, choose=True,
                 candidates=[p["code"] for p in shown])


def _search(retriever, question, allowed, context=None):
    """Retrieval on the question; a long question of several sentences is read as a story whose last sentence is
    the ask (the ask usually comes last: "... chưa lấy vợ. Xin giấy đó ở đâu?")."""
    ask_sentence = _story_ask(question)
    if ask_sentence:
        story = _without_done(question, ask_sentence)
        if story != question and (retriever.secondary_actions(ask_sentence)
                                  or not retriever.search(ask_sentence, allowed=allowed, context=story).confident):
            # "Em đã có bằng lái B2 ... Em muốn đổi bằng": what the ask does again or changes is the paper held
            story = question
        return retriever.search_story(story, ask_sentence, allowed=allowed)
    return retriever.search(question, allowed=allowed, context=context)


# A clause telling what the citizen has already done or holds ("đã đăng ký tạm trú", "đã có sổ đỏ", "đã công chứng
# hợp đồng"), unless it tells a loss or a fault ("đã làm mất", "đã bị rách") or what is not done yet (folded).
_DONE = re.compile(r"\bda (?:duoc )?(?:co|dang ki|cap|lam|cong chung|chung thuc|xin|nop|ki)\b")
_NOT_DONE = re.compile(r"\b(?:mat|hong|rach|chay|sai|het han|bi|chua|nhung|ma)\b")


def _normal(text):
    return " ".join(normal_words(text))  # folded, "ký" and "kí" alike


def _without_done(question, ask_sentence):
    """The story without the narrative's clauses that tell a paper already held or a procedure already done, when the
    ask names its own need ("Em đã đăng ký tạm trú được 3 năm. Giờ em muốn nhập hẳn hộ khẩu thì làm thế nào?": not
    tạm trú again). An ask that names nothing refers back to the story: kept whole."""
    if _names_nothing(ask_sentence):
        return question
    sentences = _sentences(question)
    narrative = sentences[:-2] if ask_sentence != sentences[-1] else sentences[:-1]
    clauses = [c for sentence in narrative for c in sentence.split(",") if c.strip()]
    kept = [c for c in clauses if not (_DONE.search(_normal(c)) and not _NOT_DONE.search(_normal(c)))]
    if len(kept) == len(clauses):
        return question
    return ". ".join([", ".join(c.strip() for c in kept), ask_sentence] if kept else [ask_sentence])


def _sentences(question):
    """The sentences of a question (two words or more), without the courtesy that closes it. Cut where its folded
    text has a sentence end, so the commas before "giờ", "vậy" or "cảm ơn" count however they are written; a last
    clause cut at a comma that names nothing stays with its sentence ("..., vậy làm hồ sơ ở đâu?")."""
    text = nfc(question)
    folded = fold(text)
    if len(folded) != len(text):  # a character folding to two: cut on the text as written
        folded = text
    pieces, start = [], 0
    for end in _SENTENCES.finditer(folded):
        pieces.append((text[start:end.start()], end.group().startswith(",")))
        start = end.end()
    pieces.append((text[start:], False))
    sentences, comma = [], False
    for piece, cut_at_comma in pieces:
        if len(piece.split()) >= 2 and not _is_courtesy(piece):
            if comma and sentences and _names_nothing(piece):
                sentences[-1] = f"{sentences[-1]}, {piece.strip()}"
            else:
                sentences.append(piece.strip())
        comma = cut_at_comma
    return sentences


def _names_nothing(clause):
    """True when a clause asks without naming what it is about ("vậy làm hồ sơ ở đâu", "giờ làm lại được không"); what
    it is for does not name it ("giờ cần làm để chia đất")."""
    asked = facets.without_facets(clause).split(" de ")[0]
    return not [w for w in asked.split() if w not in STOPWORDS and w not in _ASK_WORDS]


def _is_courtesy(sentence):
    words = fold_words(sentence)
    return bool(_COURTESY.search(" ".join(words))) and all(w in _COURTESY_WORDS for w in words)


def _story_ask(question):
    """The ask of a question told as a story (`STORY_WORDS` words or more, two sentences or more): its last sentence
    before any closing courtesy ("... Em muốn làm giấy khai sinh cho cháu thì cần mang những gì ạ? Em cảm ơn."), else
    ""."""
    sentences = _sentences(question)
    if len(question.split()) < STORY_WORDS or len(sentences) < 2:
        return ""
    ask_sentence = sentences[-1]
    if len(sentences) >= 3 and _names_nothing(ask_sentence):
        # "Bà được trợ cấp hằng tháng. Bà vừa mất, được hỗ trợ tiền mai táng. Làm hồ sơ ở đâu ạ?": a last sentence
        # that only asks ("Thủ tục thế nào?", "Cần giấy tờ gì?") is about what the sentence before it tells (of two
        # sentences, the first is the whole story: the ask alone is kept, and read with it)
        ask_sentence = f"{sentences[-2]}, {ask_sentence}"
    return ask_sentence


def _event_in_narrative_only(question, vocabulary):
    """A story whose life event is told before its last sentence (the ask), and whose ask does not ask for the
    procedures in general ("cần lo những thủ tục nào?"): the event is background, not the question."""
    ask_sentence = _story_ask(question)
    if not ask_sentence or _names_nothing(ask_sentence):
        return False  # "Bố em mất hôm qua ở nhà. Thủ tục thế nào ạ?": an ask that names nothing asks about the event
    if vocabulary.life_event(ask_sentence)[0] is not None:
        return False
    return not _LIST_ASK.search(vocabulary.prepare(ask_sentence))


def _life_event(question, vocabulary):
    """(life event, what the question says besides it), or (None, question). A story's ask is read first: the event
    it tells is the one asked about, and what it says besides the event is the precise need ("Bà được trợ cấp hằng
    tháng. Bà vừa mất, được hỗ trợ tiền mai táng. Làm hồ sơ ở đâu?": the death, then the burial allowance, not the
    monthly allowance the narrative names)."""
    ask_sentence = _story_ask(question)
    if ask_sentence:
        event, rest = vocabulary.life_event(facets.without_facets(ask_sentence) or ask_sentence)
        if event is not None:
            return event, rest
    return vocabulary.life_event(facets.without_facets(question) or question)


def _rarer_case(retriever, question, code, allowed):
    """The rarer case of procedure `code` that the question qualifies (see `Retriever.rarer_cases`), the one whose
    name says least besides (the plain "khai sinh có yếu tố nước ngoài" before "... cho người đã có hồ sơ, giấy tờ cá
    nhân"), or None."""
    cases = [c for c in retriever.rarer_cases(code, question) if allowed is None or c in allowed]
    return min(cases, key=lambda c: (len(retriever.name_words[retriever.position[c]]), c)) if cases else None


def _named_beside(question, event, rest, vocabulary):
    """Procedures a vocabulary phrase names besides the life event: in the rest, else in the question read without
    its facet phrases taken out ("vợ em sinh con, công ty bảo tự nộp hồ sơ thai sản": "hồ sơ" is a facet word too),
    from the same text the event was read in (`_life_event`: a story's ask first)."""
    named = vocabulary.procedures(rest)
    if not named:
        ask_sentence = _story_ask(question)
        in_ask = ask_sentence and vocabulary.life_event(facets.without_facets(ask_sentence) or ask_sentence)[0] is event
        found, whole_rest = vocabulary.life_event(ask_sentence if in_ask else question)
        if found is event:
            named = vocabulary.procedures(whole_rest)
    return named


def _says_more(question, vocabulary):
    """True when the question has two content words or more besides the vocabulary phrases naming procedures and
    its facet phrases ("sổ đỏ ghi sai tên", not "làm sổ đỏ ở đâu")."""
    rest = vocabulary.without_procedures(facets.without_facets(question))
    return len([w for w in rest.split() if w not in STOPWORDS and w not in _VERBS]) >= 2


def _names_a_need(question):
    """A question made of a facet and filler words may still name a need by a vocabulary phrase ("xin việc cần những
    giấy tờ gì": a life event)."""
    vocabulary = citizen_vocabulary.current()
    return bool(vocabulary.procedures(question) or vocabulary.life_event(question)[0])


def ask(question, *, context_code=None, offered=None, agency=None, commune=None, channel="api", at=None, log=True,
        retriever=None):
    question = " ".join((question or "").split())[:MAX_QUESTION_LENGTH]
    at = at or timezone.now()
    asked = facets.detect(question)
    if not question:
        return Reply(declined=True, answer="Bạn hãy nhập câu hỏi về thủ tục hành chính cần làm.")

    offered = _offered(offered)
    picked = pick(question, offered)
    if picked:
        reply = _answer(picked, asked, at)
        if reply is not None:
            return reply

    if facets.is_bare(question) and not _names_a_need(question):
        if context_code:
            reply = _answer(context_code, asked, at)
            if reply is not None:
                return reply
        if offered:
            return _choose(offered, asked)
        # "mất bao lâu?" with nothing discussed before: no procedure to answer about ("mất" is not a loss here)
        return Reply(declined=True, answer=which_procedure_text(), facets=asked)

    from .catalogue_index import allowed_codes, get_retriever  # numpy and the model: in workers that answer only

    retriever = retriever or get_retriever()
    vocabulary = retriever.vocabulary or citizen_vocabulary.current()  # get_retriever has just checked it is current
    typed, question = question, retriever.index.respell(question)  # "bố tôi mấtt": the vocabulary reads it right
    allowed = allowed_codes(agency=agency, commune=commune)
    if vocabulary.is_offtopic(question):
        return Reply(declined=True, answer=decline_text(queued=False), facets=asked)
    missing = vocabulary.absent(question)
    if missing is not None:
        # "xin trợ cấp thất nghiệp": said plainly, not answered with "ủy quyền lĩnh thay ..."; but "xin lý lịch tư
        # pháp để xin visa" names a procedure of the catalogue besides the missing one: that is the ask. In a story
        # whose ask names the missing one, only the ask counts ("Năm ngoái tôi mua nhà bằng giấy tay ... Tôi muốn
        # lập vi bằng thì làm ở đâu?").
        ask_sentence = _story_ask(question)
        scope = ask_sentence if ask_sentence and vocabulary.absent(ask_sentence) == missing else question
        if not vocabulary.procedures(vocabulary.expand_abbreviations(scope).replace(missing.phrase, " ")):
            return Reply(declined=True, answer=absent_text(missing.label), facets=asked)
    law_question = facets.asks_about_the_law(question)  # "Cơ sở KCB BHYT ban đầu là gì?": declined below

    event, rest = _life_event(question, vocabulary)
    if event is not None and _event_in_narrative_only(question, vocabulary):
        event = None  # "Em trai tôi mất ... Tôi muốn đứng ra nuôi cháu thì làm thủ tục gì?": the ask decides
    if event is not None:
        # A story often mentions a life event on the way to a precise ask ("... chưa lấy vợ. Xin giấy đó ở đâu?"):
        # the rest of the question, read as a story, wins when it names one procedure clearly.
        # (read with the qualifiers the event phrase told: "lấy chồng Hàn Quốc thì đăng ký kết hôn ở đâu")
        specific = _search(retriever, rest, allowed, context=question) if rest else None
        told = _named(retriever, _named_beside(question, event, rest, vocabulary), allowed) if rest else []
        listed = bool(_LIST_ASK.search(vocabulary.prepare(rest))) if rest else False
        if len(told) == 1 or (specific and specific.confident and not specific.ambiguous and not listed):
            # "bố em mất rồi thì làm giấy khai tử ở đâu": the rest names one procedure (a vocabulary phrase first:
            # "xin lý lịch tư pháp để đi xuất khẩu lao động"); answer it, unless retrieval alone finds it and the
            # question asks for the list ("nhà bị cháy mất hết giấy tờ phải làm lại những gì")
            code = told[0]["code"] if len(told) == 1 else specific.best.key
            rarer = _rarer_case(retriever, question, code, allowed)
            if rarer:
                # "bố em người Pháp mất ở Hà Nội thì làm khai tử ở đâu": the event's words hid the qualifier from the
                # rest; the citizen chooses between the case it names (có yếu tố nước ngoài) and the common one
                return _choose(_names([rarer, code], allowed), asked)
            reply = _answer(code, asked, at)
            if reply is not None:
                reply.candidates = [code] + [c.key for c in specific.candidates if c.key != code]
                return reply
        if len(told) >= 2 and not listed and not [p for p in told if _among(retriever, p["code"], event.codes)]:
            # "xây nhà 3 tầng có cần giấy phép phòng cháy chữa cháy không": the rest names procedures by a phrase,
            # none of the event's: the citizen chooses among them (ordered by the rest), not the event's list
            order = [c.key for c in retriever.search(rest, allowed={p["code"] for p in told}).candidates]
            told.sort(key=lambda p: order.index(p["code"]) if p["code"] in order else len(order))
            return _choose(told[:SHOWN], asked)
        shown = _named(retriever, event.codes, allowed)
        if shown:
            # The list keeps the usual order, except that a procedure of it the question itself points to
            # ("tiền sinh con của bảo hiểm" -> thai sản) comes first.
            codes = {p["code"] for p in shown}
            within = retriever.search(question, allowed=codes)
            pointed = within.best.key if within.confident else None
            if pointed is None and rest:
                # "đi làm xa nhà vài tháng có cần khai báo gì": what the question says besides the event points
                told = retriever.search(rest, allowed=codes)
                pointed = told.best.key if told.candidates and retriever.leads(told) else None
            if specific and specific.confident and _among(retriever, specific.best.key, event.codes):
                pointed = specific.best.key  # "ông mất rồi còn tháng lương hưu chưa lĩnh": the rest names it
            whole = retriever.search(question, allowed=allowed)
            if ((whole.confident or (whole.candidates and retriever.leads(whole)))
                    and not _among(retriever, whole.best.key, event.codes)
                    and retriever.qualified(whole.best.key, question, event.codes)):
                # "cưới vợ người Trung Quốc": the case the question qualifies (có yếu tố nước ngoài) of the event's
                # procedure comes first
                shown = _names([whole.best.key], allowed) + shown
                pointed = whole.best.key
            shown.sort(key=lambda p: not retriever.twins(p["code"], pointed))
            for usual in [p["code"] for p in shown if p["code"] in codes][:2]:
                # "Ông ngoại em là người Hàn Quốc ... Ông vừa mất": the case the question qualifies (khai tử có yếu tố
                # nước ngoài) of one of the first procedures of the list comes first
                rarer = _rarer_case(retriever, question, usual, allowed)
                if rarer:
                    shown = _names([rarer], allowed) + [p for p in shown if p["code"] != rarer]
                    break
            listed = Reply(declined=False, procedures=shown, answer=life_event_text(event.label, shown), facets=asked,
                           life_event=event.label, candidates=[p["code"] for p in shown])
            return _then(listed, [c.key for c in whole.candidates])

    # A vocabulary phrase naming one procedure decides; one naming several ("sổ đỏ") is offered as a choice when
    # retrieval cannot tell which one is meant.
    named = _named(retriever, vocabulary.procedures(question), allowed)
    ask_sentence = _story_ask(question)
    # A phrase told only in a story's narrative decides only when the story's retrieval is unclear: "Năm ngoái tôi
    # bị mất căn cước ... Giờ tôi muốn đăng ký kết hôn" is about marrying.
    in_narrative = bool(ask_sentence) and len(named) == 1 and not vocabulary.procedures(ask_sentence)
    result = _search(retriever, question, allowed)
    ranked = [c.key for c in result.candidates]
    clear = result.confident and not result.ambiguous
    if len(named) == 1 and not in_narrative:
        if clear and not retriever.twins(ranked[0], named[0]["code"]) and _says_more(question, vocabulary):
            # "giấy xác nhận tình trạng hôn nhân để kết hôn với người nước ngoài": the phrase names one procedure,
            # the rest of the question clearly another: the citizen chooses
            other = _names([ranked[0]], allowed)
            return _then(_choose(named + other, asked), ranked)
        return _then(_answer(named[0]["code"], asked, at, shown=_beside(retriever, named, ranked, allowed)), ranked)
    if in_narrative and not clear:
        return _then(_answer(named[0]["code"], asked, at, shown=_beside(retriever, named, ranked, allowed)), ranked)
    story = len(question.split()) >= STORY_WORDS
    if named and not (clear and (story or _among(retriever, ranked[0], [p["code"] for p in named]))):
        if not (result.confident and _says_more(question, vocabulary)):
            # a story that only mentions the phrase keeps its clear answer; the choice is ordered by the question
            # ("sổ đỏ cũ rách muốn đổi sổ mới": cấp đổi first)
            order = [c.key for c in retriever.search(question, allowed={p["code"] for p in named}).candidates]
            named.sort(key=lambda p: order.index(p["code"]) if p["code"] in order else len(order))
            return _then(_choose(named[:SHOWN], asked), ranked)
        # "sổ đỏ ghi sai tên vợ muốn sửa": the phrase names where the question is about, retrieval what to do there
    if context_code and asked and (not result.confident or (result.ambiguous and ranked[0] == context_code)):
        # A facet question that names no procedure clearly ("bao lâu thì có giấy?") stays on the one discussed;
        # one that names another ("thế còn khai tử thì làm ở đâu?") does not, even when it needs a choice.
        reply = _answer(context_code, asked, at)
        if reply is not None:
            return reply
    if not result.confident or law_question:
        if log:
            best = result.best
            DeclinedQuestion.objects.create(
                question=typed,
                asked_at=at,
                channel=channel,
                best_code=best.key if best else "",
                best_score=round(best.score, 4) if best else None,
                context_code=context_code or "",
            )
        return Reply(declined=True, answer=decline_text(), facets=asked, candidates=ranked)

    names = dict(Procedure.objects.filter(code__in=ranked[:SHOWN]).values_list("code", "current__name"))
    shown = [{"code": c.key, "name": names.get(c.key, ""), "score": round(c.score, 4)} for c in result.candidates[:SHOWN]]
    if result.ambiguous:
        reply = _choose(shown, asked)
        reply.candidates = ranked
        return reply
    reply = _answer(ranked[0], asked, at, shown=shown)
    reply.candidates = ranked
    return reply
