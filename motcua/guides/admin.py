"""Admin of the reviewed citizen layer, in Vietnamese. Edits go through guides.services (who wrote what is
recorded; publishing is an action that the services refuse to the author of the draft)."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from motcua.lib.errors import DomainError

from . import services
from .models import Answer, DeclarationField, Guide, GuidePaper, GuideVersion, Question, ReviewTask


class DraftOnly:
    """Inline rows of a published or retired version are read only."""

    def _editable(self, obj):
        return obj is None or getattr(obj, "state", None) == GuideVersion.State.DRAFT

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class PaperInline(DraftOnly, admin.StackedInline):
    model = GuidePaper
    extra = 0
    fields = [("order", "key", "kind", "always"), "label", "source_name", "obtainable_from", "help"]


class QuestionInline(DraftOnly, admin.TabularInline):
    model = Question
    extra = 0
    fields = ["order", "key", "text", "help"]
    show_change_link = True


class FieldInline(DraftOnly, admin.TabularInline):
    model = DeclarationField
    extra = 0
    fields = ["order", "section", "name", "label", "type", "required", "help", "choices"]


@admin.register(GuideVersion)
class GuideVersionAdmin(admin.ModelAdmin):
    list_display = ["guide", "number", "state", "written_by", "approved_by", "approved_at"]
    list_filter = ["state"]
    search_fields = ["guide__procedure__code", "summary"]
    readonly_fields = ["guide", "number", "state", "written_by", "approved_by", "approved_at", "reviewed_against",
                       "created_at"]
    fields = ["guide", "number", "state", "summary", "declaration_title", "legal_basis_checked", "credit",
              "change_note", "written_by", "created_at", "approved_by", "approved_at", "reviewed_against"]
    inlines = [PaperInline, QuestionInline, FieldInline]
    actions = ["publish"]

    def has_add_permission(self, request):
        return False  # a version starts from the guide's "Tạo bản sửa mới" action

    def has_change_permission(self, request, obj=None):
        editable = obj is None or obj.state == GuideVersion.State.DRAFT
        return editable and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj.save()
        services.record_edit(obj, actor=request.user)

    @admin.action(description="Duyệt và công bố các bản nháp đã chọn")
    def publish(self, request, queryset):
        for version in queryset:
            try:
                services.publish_version(version, actor=request.user, at=timezone.now())
            except DomainError as e:
                self.message_user(request, f"{version}: {e.message}", messages.ERROR)
            else:
                self.message_user(request, f"Đã công bố {version}.", messages.SUCCESS)


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["order", "key", "text", "standard", "papers"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        question = getattr(request, "_question", None)
        if db_field.name == "papers" and question is not None:
            kwargs["queryset"] = GuidePaper.objects.filter(version=question.version)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "version"]
    readonly_fields = ["version"]
    fields = ["version", "order", "key", "text", "help"]
    inlines = [AnswerInline]

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        request._question = obj
        return obj

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        editable = obj is None or obj.version.state == GuideVersion.State.DRAFT
        return editable and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj.save()
        services.record_edit(obj.version, actor=request.user)


class ReviewTaskInline(admin.TabularInline):
    model = ReviewTask
    extra = 0
    fields = ["opened_at", "procedure_version", "closed_at", "outcome"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    list_display = ["procedure", "published", "open_tasks"]
    search_fields = ["procedure__code"]
    autocomplete_fields = ["procedure"]
    readonly_fields = ["published"]
    inlines = [ReviewTaskInline]
    actions = ["new_draft"]

    @admin.display(description="Việc cần rà soát đang mở")
    def open_tasks(self, obj):
        return obj.review_tasks.filter(closed_at__isnull=True).count()

    @admin.action(description="Tạo bản sửa mới (bản nháp chép từ bản đang công bố)")
    def new_draft(self, request, queryset):
        for guide in queryset:
            try:
                draft = services.start_draft(guide.procedure, actor=request.user)
            except DomainError as e:
                self.message_user(request, f"{guide}: {e.message}", messages.ERROR)
            else:
                self.message_user(request, f"Đã tạo {draft}.", messages.SUCCESS)


@admin.register(ReviewTask)
class ReviewTaskAdmin(admin.ModelAdmin):
    list_display = ["guide", "procedure_version", "opened_at", "closed_at"]
    list_filter = [("closed_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["guide", "procedure_version", "opened_at", "shown_difference", "closed_at", "closed_by"]
    fields = ["guide", "procedure_version", "opened_at", "shown_difference", "outcome", "closed_at", "closed_by"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="Khác biệt so với bản đã duyệt")
    def shown_difference(self, obj):
        lines = obj.difference.splitlines()
        tag = {"+": "ins", "-": "del"}  # marked by element, not by a style attribute (the CSP refuses those)
        return format_html("<pre>{}</pre>", format_html_join(
            "\n", "<{0}>{1}</{0}>", ((tag.get(line[:1], "span"), line) for line in lines)))

    def save_model(self, request, obj, form, change):
        if obj.closed_at is None and obj.outcome.strip():
            try:
                services.close_review_task(obj, actor=request.user, at=timezone.now(), outcome=obj.outcome)
            except DomainError as e:
                self.message_user(request, e.message, messages.ERROR)
