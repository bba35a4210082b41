"""The assistant's one action: answer a citizen's question from the catalogue, or decline and log it.

    ask(question, *, context_code=None, agency=None, commune=None, channel="api", at=None) -> Reply

`context_code` is the procedure of the previous turn: a bare follow-up ("phí bao nhiêu?") answers that
facet of it. Pages keep it in the session, API clients send it back.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from motcua.catalogue.models import Procedure

from . import facets
from .answers import choose_text, compose, decline_text
from .catalogue_index import allowed_codes, get_retriever
from .models import DeclinedQuestion

__all__ = ["Reply", "ask", "MAX_QUESTION_LENGTH"]

MAX_QUESTION_LENGTH = 500
SHOWN = 3


@dataclass
class Reply:
    declined: bool
    procedures: list = field(default_factory=list)  # [{"code", "name", "score"}], best first
    answer: str = ""
    code: str | None = None  # the procedure answered about, to send back as context_code
    facets: list = field(default_factory=list)
    choose: bool = False  # several close candidates: the citizen is asked to pick one
    candidates: list = field(default_factory=list)  # internal: ranked codes even when declined (evaluation)

    def as_dict(self):
        return {"declined": self.declined, "procedures": self.procedures, "answer": self.answer}


def _procedure(code):
    return (
        Procedure.objects.select_related("current", "current__field")
        .prefetch_related("current__components", "current__channels__fees", "current__steps", "agencies")
        .filter(code=code, current__isnull=False)
        .first()
    )


def ask(question, *, context_code=None, agency=None, commune=None, channel="api", at=None, log=True, retriever=None):
    question = " ".join((question or "").split())[:MAX_QUESTION_LENGTH]
    at = at or timezone.now()
    asked = facets.detect(question)
    if not question:
        return Reply(declined=True, answer="Bạn hãy nhập câu hỏi về thủ tục hành chính cần làm.")

    if context_code and facets.is_bare(question):
        procedure = _procedure(context_code)
        if procedure is not None:
            return Reply(
                declined=False,
                procedures=[{"code": procedure.code, "name": procedure.current.name, "score": 1.0}],
                answer=compose(procedure, asked, on=timezone.localdate(at)),
                code=procedure.code,
                facets=asked,
                candidates=[procedure.code],
            )

    result = (retriever or get_retriever()).search(question, allowed=allowed_codes(agency=agency, commune=commune))
    ranked = [c.key for c in result.candidates]
    if not result.confident:
        if log:
            best = result.best
            DeclinedQuestion.objects.create(
                question=question,
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
        return Reply(
            declined=False, procedures=shown, answer=choose_text(shown), facets=asked, choose=True, candidates=ranked
        )
    procedure = _procedure(ranked[0])
    return Reply(
        declined=False,
        procedures=shown,
        answer=compose(procedure, asked, on=timezone.localdate(at)),
        code=procedure.code,
        facets=asked,
        candidates=ranked,
    )
