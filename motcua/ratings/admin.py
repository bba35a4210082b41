from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Answer, CounterDevice, CounterRating, DossierEvaluation, Question, Survey, SurveyResponse


@admin.register(CounterDevice)
class CounterDeviceAdmin(admin.ModelAdmin):
    list_display = ["counter", "agency", "officer", "is_active", "device_link"]
    list_filter = ["is_active"]
    search_fields = ["counter", "agency__name", "agency__code"]
    raw_id_fields = ["agency", "officer"]

    @admin.display(description=_("Địa chỉ mở trên máy tính bảng"))
    def device_link(self, obj):
        url = reverse("portal:counter_device", args=[obj.token])
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, url)


@admin.register(CounterRating)
class CounterRatingAdmin(admin.ModelAdmin):
    list_display = ["rated_at", "agency", "officer", "score", "was_queued"]
    list_filter = ["score", "was_queued"]
    search_fields = ["agency__name", "officer__username", "officer__last_name"]
    date_hierarchy = "rated_at"

    def has_change_permission(self, request, obj=None):
        return False  # append-only: a citizen's press is never edited

    def has_add_permission(self, request):
        return False


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["order", "element", "content", "kind", "text", "options", "max_choices", "required"]


class SurveyForm(forms.ModelForm):
    template = forms.ChoiceField(
        label=_("Tạo từ mẫu"),
        required=False,
        help_text=_("Khi tạo mới: chép các câu hỏi của mẫu vào cuộc khảo sát, sau đó có thể sửa."),
    )

    class Meta:
        model = Survey
        fields = ["title", "slug", "intro", "agencies", "is_open", "opens_on", "closes_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [("", "—")] + [
            (code, t["name"]) for code, t in services.survey_templates().items()
        ]


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    form = SurveyForm
    list_display = ["title", "is_open", "opens_on", "closes_on", "template_code", "links"]
    filter_horizontal = ["agencies"]
    inlines = [QuestionInline]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        template = form.cleaned_data.get("template")
        if template and not change:
            services.copy_template_questions(form.instance, template)

    @admin.display(description=_("Đường dẫn"))
    def links(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("portal:survey", args=[obj.slug]), _("Phiếu"),
            reverse("portal:survey_qr", args=[obj.slug]), _("Mã QR"),
            reverse("portal:survey_results", args=[obj.slug]), _("Kết quả"),
        )


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    readonly_fields = ["question", "value", "choices", "text"]
    can_delete = False


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    list_display = ["survey", "agency", "submitted_at", "source"]
    list_filter = ["survey"]
    inlines = [AnswerInline]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DossierEvaluation)
class DossierEvaluationAdmin(admin.ModelAdmin):
    list_display = ["dossier", "agency", "officer", "time", "attitude", "cost", "created_at"]
    list_filter = ["attitude", "cost", "time"]
    search_fields = ["dossier__code"]
    readonly_fields = [f.name for f in DossierEvaluation._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
