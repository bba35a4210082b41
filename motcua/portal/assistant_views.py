"""The assistant's chat page (works without JavaScript: a plain form, post/redirect/get).

The conversation (last turns) and the procedure being discussed live in the session, so a follow-up such as
"phí bao nhiêu?" answers about the procedure of the previous answer. The widget on procedure pages posts to
the same view with `procedure=<code>` to start the conversation about that procedure.
"""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from motcua.assistant.services import MAX_QUESTION_LENGTH, ask
from motcua.catalogue.models import Procedure

HISTORY = 10
SESSION_TURNS = "assistant_turns"
SESSION_CODE = "assistant_code"


@require_http_methods(["GET", "POST"])
def chat(request):
    if request.method == "POST":
        if "reset" in request.POST:
            request.session.pop(SESSION_TURNS, None)
            request.session.pop(SESSION_CODE, None)
            return redirect("portal:assistant")
        question = (request.POST.get("question") or "").strip()[:MAX_QUESTION_LENGTH]
        context = request.session.get(SESSION_CODE)
        from_widget = request.POST.get("procedure", "")
        if from_widget and Procedure.objects.filter(code=from_widget, current__isnull=False).exists():
            context = from_widget
        if question:
            reply = ask(question, context_code=context, channel="widget" if from_widget else "page")
            turns = request.session.get(SESSION_TURNS, [])
            turns.append(
                {"question": question, "answer": reply.answer, "declined": reply.declined, "procedures": reply.procedures}
            )
            request.session[SESSION_TURNS] = turns[-HISTORY:]
            if reply.code:
                request.session[SESSION_CODE] = reply.code
            elif from_widget:
                request.session[SESSION_CODE] = context
        return redirect("portal:assistant")
    turns = request.session.get(SESSION_TURNS, [])
    current = request.session.get(SESSION_CODE)
    name = Procedure.objects.filter(code=current).values_list("current__name", flat=True).first() if current else None
    return render(
        request,
        "portal/assistant/chat.html",
        {"turns": turns, "current_code": current, "current_name": name, "max_length": MAX_QUESTION_LENGTH},
    )
