"""The learning loop without code: citizens' 👍/👎 and the staff review queue.

    vote(question, code, useful, *, channel, at) -> AnswerVote     (a 👎 also queues the question)
    resolve(item, *, user, code=None, offtopic=False, at=None)   (mapping -> vocabulary at once)
    queue_summary() -> {"waiting", "declined", "disliked", "oldest"}
    vote_counts(start, end) -> {"answers_rated", "useful", "not_useful"}

A mapping becomes a `CitizenTerm` of kind "procedure" (the question's words -> the code), an off-topic mark one of
kind "offtopic"; both carry the officer and the reason. `vocabulary.current()` sees them on the next question in
every process, so the same question is answered (or declined without queuing) immediately.
"""

from django.db import transaction
from django.db.models import Count, Min, Q
from django.utils import timezone

from motcua.catalogue.models import CitizenTerm, Procedure
from motcua.catalogue.vocabulary import fold_phrase
from motcua.lib.errors import DomainError

from .models import AnswerVote, DeclinedQuestion

__all__ = ["vote", "resolve", "queue_summary", "vote_counts"]


@transaction.atomic
def vote(question, code, useful, *, channel="page", at=None):
    at = at or timezone.now()
    question = " ".join((question or "").split())[:500]
    if not question:
        raise DomainError("Không có câu trả lời nào để đánh giá.")
    v = AnswerVote.objects.create(question=question, code=code or "", useful=bool(useful), channel=channel, voted_at=at)
    if not useful:
        DeclinedQuestion.objects.create(
            question=question, asked_at=at, channel=channel if channel in DeclinedQuestion.Channel.values else "page",
            reason=DeclinedQuestion.Reason.DISLIKED, answered_code=code or "",
        )
    return v


@transaction.atomic
def resolve(item, *, user, code=None, offtopic=False, at=None):
    """Map a waiting question to the procedure `code`, or mark it off-topic; the vocabulary learns it at once."""
    at = at or timezone.now()
    item = DeclinedQuestion.objects.select_for_update().get(pk=item.pk)
    if item.status != DeclinedQuestion.Status.WAITING:
        raise DomainError("Câu hỏi này đã được xem xét.")
    if offtopic == bool(code):
        raise DomainError("Hãy chọn một thủ tục hoặc đánh dấu ngoài phạm vi (một trong hai).")
    if code and not Procedure.objects.filter(code=code, current__isnull=False).exists():
        raise DomainError(f"Không có thủ tục mã {code} trong danh mục.")
    kind = CitizenTerm.Kind.OFFTOPIC if offtopic else CitizenTerm.Kind.PROCEDURE
    who = user.get_username() if user else "?"
    term = (CitizenTerm.objects.filter(kind=kind, phrase_folded=_folded(item.question)).first()
            or CitizenTerm(kind=kind, phrase=item.question[:300]))
    term.codes = code or ""
    term.reason = (f"Cán bộ {who} gắn câu hỏi trong hàng chờ ({item.get_reason_display().lower()}) "
                   f"ngày {timezone.localtime(at):%d/%m/%Y}" + (f" với thủ tục {code}." if code else ": ngoài phạm vi."))
    term.added_by = user
    term.source = "review"
    term.active = True
    term.save()
    item.status = DeclinedQuestion.Status.OFFTOPIC if offtopic else DeclinedQuestion.Status.MAPPED
    item.mapped_code = code or ""
    item.reviewed_by = user
    item.reviewed_at = at
    item.save(update_fields=["status", "mapped_code", "reviewed_by", "reviewed_at"])
    return term


def _folded(text):
    return fold_phrase(text[:300])


def queue_summary():
    waiting = DeclinedQuestion.objects.filter(status=DeclinedQuestion.Status.WAITING)
    s = waiting.aggregate(
        n=Count("id"), oldest=Min("asked_at"),
        declined=Count("id", filter=Q(reason=DeclinedQuestion.Reason.DECLINED)),
        disliked=Count("id", filter=Q(reason=DeclinedQuestion.Reason.DISLIKED)),
    )
    return {"waiting": s["n"], "declined": s["declined"], "disliked": s["disliked"], "oldest": s["oldest"]}


def vote_counts(start=None, end=None):
    qs = AnswerVote.objects.all()
    if start:
        qs = qs.filter(voted_at__gte=start)
    if end:
        qs = qs.filter(voted_at__lt=end)
    s = qs.aggregate(n=Count("id"), up=Count("id", filter=Q(useful=True)))
    return {"answers_rated": s["n"], "useful": s["up"], "not_useful": s["n"] - s["up"]}
