"""The staff review queue of the virtual assistant: questions it declined and answers citizens disliked, oldest
first, with the counts and the oldest waiting. An officer maps one to a procedure, marks it off-topic or names the procedure it asks for that the
catalogue does not hold; the
assistant learns it at once (assistant.review). Thin: parse, one service call, render."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from motcua.assistant import review
from motcua.assistant.models import DeclinedQuestion
from motcua.lib.errors import DomainError, Forbidden
from motcua.units.access import staff_only

staff_page = staff_only(template="console/error.html")


class ResolveForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Mã thủ tục đúng"), max_length=20, required=False)
    offtopic = forms.BooleanField(label=gettext_lazy("Ngoài phạm vi thủ tục hành chính"), required=False)
    absent = forms.CharField(label=gettext_lazy("Thủ tục chưa có trong danh mục (tên thủ tục)"), max_length=200,
                             required=False)


def _reviewer(request):
    if not review.may_review(request.user):
        raise Forbidden(_("Hàng chờ câu hỏi của trợ lý chỉ dành cho cán bộ được giao xem xét câu hỏi của người dân."))


def _page(request, *, form=None, failed=None, error="", status=200):
    return render(request, "console/assistant/queue.html", {
        "summary": review.queue_summary(), "items": review.waiting_questions(), "form": form or ResolveForm(),
        "failed": failed, "error": error}, status=status)


@staff_page
def queue(request):
    _reviewer(request)
    return _page(request)


@require_POST
@staff_page
def resolve(request, item_id):
    _reviewer(request)
    item = get_object_or_404(DeclinedQuestion, pk=item_id)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form, failed=item.pk, error=_("Thông tin chưa hợp lệ."), status=400)
    code = form.cleaned_data["code"].strip()
    try:
        review.resolve(item, user=request.user, code=code or None, offtopic=form.cleaned_data["offtopic"],
                       absent=form.cleaned_data["absent"], at=timezone.now())
    except DomainError as e:  # unknown code, both or neither, reviewed already: nothing was written
        return _page(request, form=form, failed=item.pk, error=e.message, status=e.status)
    messages.success(request, _("Đã ghi nhận: trợ lý dùng ngay cho các câu hỏi sau."))
    return redirect("console:assistant_queue")
