"""The learning loop without code: citizens' 👍/👎 and the staff review queue.

    vote(question, code, useful, *, channel, at, agency, commune) -> AnswerVote   (a 👎 also queues the question)
    resolve(item, *, user, code=None, offtopic=False, absent="", at=None)   (mapping -> vocabulary at once)
    queue_summary() -> {"waiting", "declined", "disliked", "oldest"}
    waiting_questions(limit=200) -> the questions waiting, oldest first
    may_review(user) -> bool   (staff of an agency holding the permission the admin's queue uses too)
    vote_counts(start, end) -> {"answers_rated", "useful", "not_useful"}
    votes_by_agency(start, end, agency_ids=None) -> {agency_id: (rated, disliked)}   (766 indicator 5.3)

A vote records the agency the answer was about (`agency_voted`): the asker's agency context, else the agency of
the asker's commune that receives the procedure, else the procedure's only receiving agency; none otherwise (the
vote then counts in `vote_counts` but for no unit).

A mapping becomes a `CitizenTerm` of kind "procedure" (the question's words -> the code), an off-topic mark one of
kind "offtopic", a procedure the catalogue does not hold one of kind "absent" (labelled with its name, told to the
next citizen who asks); each carries the officer and the reason. `vocabulary.current()` sees them on the next question in
every process, so the same question is answered (or declined without queuing) immediately.
"""

from datetime import datetime, time

from django.db import transaction
from django.db.models import Count, Min, Q
from django.utils import timezone

from motcua.catalogue.models import CitizenTerm, Procedure
from motcua.catalogue.vocabulary import fold_phrase
from motcua.lib.errors import DomainError
from motcua.units.access import is_staff
from motcua.units.models import Agency

from .models import AnswerVote, DeclinedQuestion

__all__ = ["vote", "agency_voted", "resolve", "queue_summary", "waiting_questions", "may_review", "REVIEW_PERMISSION",
           "vote_counts", "votes_by_agency"]

# A mapping changes the city-wide vocabulary: the officers the administrator gave this permission review the queue,
# in the staff console or in the admin (project policy, issue 13).
REVIEW_PERMISSION = "assistant.change_declinedquestion"


@transaction.atomic
def vote(question, code, useful, *, channel="page", at=None, agency=None, commune=None):
    at = at or timezone.now()
    question = " ".join((question or "").split())[:500]
    if not question:
        raise DomainError("Không có câu trả lời nào để đánh giá.")
    v = AnswerVote.objects.create(question=question, code=code or "", useful=bool(useful), channel=channel, voted_at=at,
                                  agency=agency_voted(code, agency=agency, commune=commune))
    if not useful:
        DeclinedQuestion.objects.create(
            question=question, asked_at=at, channel=channel if channel in DeclinedQuestion.Channel.values else "page",
            reason=DeclinedQuestion.Reason.DISLIKED, answered_code=code or "",
        )
    return v


def agency_voted(code, *, agency=None, commune=None):
    """The agency an answer about procedure `code` concerned, for the asker's context (see the module docstring)."""
    if agency is not None:
        return agency
    if not code:
        return None
    receiving = Agency.objects.filter(procedures__code=code).order_by("pk")
    if commune is not None:
        return receiving.filter(commune=commune).first()
    only = list(receiving[:2])
    return only[0] if len(only) == 1 else None


@transaction.atomic
def resolve(item, *, user, code=None, offtopic=False, absent="", at=None):
    """Map a waiting question to the procedure `code`, mark it off-topic, or name the procedure it asks for that the
    catalogue does not hold (`absent`); the vocabulary learns it at once."""
    at = at or timezone.now()
    absent = " ".join((absent or "").split())[:200]
    item = DeclinedQuestion.objects.select_for_update().get(pk=item.pk)
    if item.status != DeclinedQuestion.Status.WAITING:
        raise DomainError("Câu hỏi này đã được xem xét.")
    if [bool(code), bool(offtopic), bool(absent)].count(True) != 1:
        raise DomainError("Hãy chọn một thủ tục, hoặc đánh dấu ngoài phạm vi, hoặc ghi tên thủ tục chưa có trong "
                          "danh mục (chỉ một trong ba).")
    if code and not Procedure.objects.filter(code=code, current__isnull=False).exists():
        raise DomainError(f"Không có thủ tục mã {code} trong danh mục.")
    kind, status, outcome = (
        (CitizenTerm.Kind.PROCEDURE, DeclinedQuestion.Status.MAPPED, f" với thủ tục {code}.") if code else
        (CitizenTerm.Kind.OFFTOPIC, DeclinedQuestion.Status.OFFTOPIC, ": ngoài phạm vi.") if offtopic else
        (CitizenTerm.Kind.ABSENT, DeclinedQuestion.Status.ABSENT, f": thủ tục “{absent}” chưa có trong danh mục.")
    )
    who = user.get_username() if user else "?"
    term = (CitizenTerm.objects.filter(kind=kind, phrase_folded=_folded(item.question)).first()
            or CitizenTerm(kind=kind, phrase=item.question[:300]))
    term.codes = code or ""
    term.label = absent
    term.reason = (f"Cán bộ {who} gắn câu hỏi trong hàng chờ ({item.get_reason_display().lower()}) "
                   f"ngày {timezone.localtime(at):%d/%m/%Y}" + outcome)
    term.added_by = user
    term.source = "review"
    term.active = True
    term.save()
    item.status = status
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


def waiting_questions(limit=200):
    return DeclinedQuestion.objects.filter(status=DeclinedQuestion.Status.WAITING).order_by("asked_at", "pk")[:limit]


def may_review(user) -> bool:
    return is_staff(user) and user.has_perm(REVIEW_PERMISSION)


def vote_counts(start=None, end=None):
    qs = AnswerVote.objects.all()
    if start:
        qs = qs.filter(voted_at__gte=start)
    if end:
        qs = qs.filter(voted_at__lt=end)
    s = qs.aggregate(n=Count("id"), up=Count("id", filter=Q(useful=True)))
    return {"answers_rated": s["n"], "useful": s["up"], "not_useful": s["n"] - s["up"]}


def votes_by_agency(start, end, agency_ids=None):
    """Votes given on the days [start, end), per agency voted about: {agency_id: (rated, disliked)}.
    Registered as the indicators' source "assistant_votes" (766 indicator 5.3)."""
    qs = AnswerVote.objects.filter(agency__isnull=False, voted_at__gte=_midnight(start), voted_at__lt=_midnight(end))
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    rows = qs.values("agency_id").annotate(n=Count("id"), down=Count("id", filter=Q(useful=False))).order_by()
    return {r["agency_id"]: (r["n"], r["down"]) for r in rows}


def _midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))
