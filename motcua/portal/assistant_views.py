"""The assistant's chat page (works without JavaScript: a plain form, post/redirect/get).

The conversation (last turns), the procedure being discussed and the numbered list of the last answer live in the
session, so a follow-up such as "phí bao nhiêu?" answers about the procedure of the previous answer and "2" picks
the second procedure offered. Every answer has 👍/👎 (`assistant.review.vote`); a 👎 queues the question for staff.
The widget on procedure pages posts to the same view with `procedure=<code>` to start the conversation about it.
`?xa=<commune code>` or `?co-quan=<agency code>` (kept in the session) limits the answers to the procedures received
there and tells the 👍/👎 which unit it rates (766 indicator 5.3).
"""

from django.contrib import messages
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from motcua.assistant import review
from motcua.assistant.services import MAX_QUESTION_LENGTH, ask
from motcua.catalogue.models import Procedure
from motcua.lib.errors import DomainError
from motcua.units.models import Agency, Commune

HISTORY = 10
SESSION_TURNS = "assistant_turns"
SESSION_CODE = "assistant_code"
SESSION_OFFERED = "assistant_offered"
SESSION_PLACE = "assistant_place"


@require_http_methods(["GET", "POST"])
def chat(request):
    agency, commune = _place(request)
    if request.method == "POST":
        if "reset" in request.POST:
            for key in (SESSION_TURNS, SESSION_CODE, SESSION_OFFERED, SESSION_PLACE):
                request.session.pop(key, None)
            return redirect("portal:assistant")
        if "vote" in request.POST:
            _vote(request, agency=agency, commune=commune)
            return redirect("portal:assistant")
        question = (request.POST.get("question") or "").strip()[:MAX_QUESTION_LENGTH]
        context = request.session.get(SESSION_CODE)
        from_widget = request.POST.get("procedure", "")
        if from_widget and Procedure.objects.filter(code=from_widget, current__isnull=False).exists():
            context = from_widget
        if question:
            reply = ask(question, context_code=context, offered=request.session.get(SESSION_OFFERED),
                        agency=agency, commune=commune, channel="widget" if from_widget else "page")
            turns = request.session.get(SESSION_TURNS, [])
            turns.append({
                "question": question, "answer": reply.answer, "declined": reply.declined, "code": reply.code or "",
                "procedures": reply.procedures, "numbered": bool(reply.offered), "vote": None,
            })
            request.session[SESSION_TURNS] = turns[-HISTORY:]
            request.session[SESSION_OFFERED] = [{"code": p["code"], "name": p["name"]} for p in reply.offered]
            if reply.code:
                request.session[SESSION_CODE] = reply.code
            elif from_widget:
                request.session[SESSION_CODE] = context
        return redirect("portal:assistant")
    turns = request.session.get(SESSION_TURNS, [])
    # The procedure page's widget without JavaScript arrives here by GET: its question is filled in and its
    # procedure named, nothing is asked or stored until the visitor posts the form (a GET changes nothing).
    widget_code = request.GET.get("procedure", "")
    current = widget_code or request.session.get(SESSION_CODE)
    name = Procedure.objects.filter(code=current).values_list("current__name", flat=True).first() if current else None
    return render(request, "portal/assistant/chat.html", {
        "turns": turns, "current_code": current if name else None, "current_name": name,
        "widget_code": widget_code if name else "", "max_length": MAX_QUESTION_LENGTH, "place": agency or commune,
        "prefill": (request.GET.get("question") or "").strip()[:MAX_QUESTION_LENGTH],
    })


@require_GET
@never_cache
def form_token(request):
    """A CSRF token for the widget of a cached procedure page (sets the CSRF cookie; never stored by caches)."""
    return JsonResponse({"token": get_token(request)})


def _place(request):
    """The asker's agency or commune: from `co-quan` / `xa` in the query or the form, else from the session."""
    place = dict(request.session.get(SESSION_PLACE) or {})
    for param, key in (("co-quan", "agency"), ("xa", "commune")):
        code = request.GET.get(param) or request.POST.get(param)
        if code:
            place = {key: code[:50]}
    if place != (request.session.get(SESSION_PLACE) or {}):
        request.session[SESSION_PLACE] = place
    agency = Agency.objects.filter(code=place["agency"]).first() if place.get("agency") else None
    commune = Commune.objects.filter(code=place["commune"]).first() if place.get("commune") else None
    return agency, commune


def _vote(request, *, agency=None, commune=None):
    """👍/👎 on one turn of this session's conversation, once per turn."""
    turns = request.session.get(SESSION_TURNS, [])
    try:
        turn = turns[int(request.POST.get("turn", ""))]
    except (ValueError, IndexError):
        messages.error(request, "Không tìm thấy câu trả lời cần đánh giá.")
        return
    if turn.get("vote") is not None:
        messages.info(request, "Bạn đã đánh giá câu trả lời này.")
        return
    useful = request.POST.get("vote") == "up"
    try:
        review.vote(turn["question"], turn.get("code", ""), useful, channel="page", agency=agency, commune=commune)
    except DomainError as exc:
        messages.error(request, exc.message)
        return
    turn["vote"] = "up" if useful else "down"
    request.session[SESSION_TURNS] = turns
    messages.success(request, "Cảm ơn bạn đã đánh giá." + ("" if useful else " Cán bộ sẽ xem lại câu hỏi này."))
