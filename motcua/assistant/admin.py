"""The staff review queue (questions declined or disliked, oldest first) and the citizens' votes."""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone

from motcua.lib.errors import DomainError

from . import review
from .models import AnswerVote, DeclinedQuestion


class ReviewForm(forms.ModelForm):
    offtopic = forms.BooleanField(label="Ngoài phạm vi thủ tục hành chính", required=False)
    absent = forms.CharField(label="Thủ tục chưa có trong danh mục (tên thủ tục)", max_length=200, required=False)

    class Meta:
        model = DeclinedQuestion
        fields = ["mapped_code"]
        help_texts = {"mapped_code": "Mã thủ tục đúng cho câu hỏi này (ví dụ 1.001193). Trợ lý học ngay khi lưu."}


@admin.register(DeclinedQuestion)
class DeclinedQuestionAdmin(admin.ModelAdmin):
    form = ReviewForm
    list_display = ["asked_at", "question", "reason", "status", "answered_code", "best_code", "mapped_code"]
    list_filter = ["status", "reason", "channel"]
    search_fields = ["question", "best_code", "mapped_code"]
    readonly_fields = ["question", "asked_at", "channel", "reason", "answered_code", "best_code", "best_score",
                       "context_code", "status", "reviewed_by", "reviewed_at"]
    ordering = ["asked_at"]

    def has_add_permission(self, request):
        return False

    def changelist_view(self, request, extra_context=None):
        s = review.queue_summary()
        oldest = timezone.localtime(s["oldest"]).strftime("%d/%m/%Y %H:%M") if s["oldest"] else "—"
        self.message_user(
            request,
            f"Đang chờ xem xét: {s['waiting']} câu ({s['declined']} bị từ chối, {s['disliked']} bị chê); "
            f"câu chờ lâu nhất từ {oldest}.",
            messages.INFO,
        )
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        code = (form.cleaned_data.get("mapped_code") or "").strip()
        try:
            review.resolve(obj, user=request.user, code=code or None, offtopic=form.cleaned_data.get("offtopic"),
                           absent=form.cleaned_data.get("absent", ""))
        except DomainError as exc:
            self.message_user(request, exc.message, messages.ERROR)


@admin.register(AnswerVote)
class AnswerVoteAdmin(admin.ModelAdmin):
    list_display = ["voted_at", "useful", "code", "question"]
    list_filter = ["useful", "channel"]
    search_fields = ["question", "code"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
