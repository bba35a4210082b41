"""Catalogue admin. Saving a procedure version never overwrites it: every save creates the next version."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from .admin_rows import ChannelKindsField, FeeRowsField, LinesField, fee_rows
from .models import Channel, CitizenTerm, Component, FeeItem, Field, LegalBasis, Procedure, ProcedureVersion, Step
from .services import next_version_number, refresh_current
from .signals import versions_created


class ChannelForm(forms.ModelForm):
    fees = FeeRowsField(label="Phí, lệ phí", required=False)

    class Meta:
        model = Channel
        fields = ["kind", "duration_value", "duration_unit", "duration_text", "description", "fees"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["fees"].initial = fee_rows(self.instance)


class ChannelInline(admin.StackedInline):
    model = Channel
    form = ChannelForm
    extra = 0


class ComponentForm(forms.ModelForm):
    alternatives = LinesField(label="Giấy tờ thay thế được (mỗi dòng một giấy)", required=False)
    channels = ChannelKindsField(label="Chỉ áp dụng cho hình thức nộp (không chọn: mọi hình thức)")

    class Meta:
        model = Component
        fields = ["order", "name", "kind", "originals", "copies", "template", "condition", "alternatives",
                  "obtainable_from", "eform", "channels", "notes"]


class ComponentInline(admin.TabularInline):
    model = Component
    form = ComponentForm
    extra = 0


class StepInline(admin.TabularInline):
    model = Step
    extra = 0


class LegalBasisInline(admin.TabularInline):
    model = LegalBasis
    extra = 0


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(admin.ModelAdmin):
    list_display = ["procedure", "number", "name", "effective_from", "author", "source"]
    list_filter = ["source"]
    search_fields = ["procedure__code", "name"]
    readonly_fields = ["procedure", "number", "author", "source", "created_at"]
    inlines = [ChannelInline, ComponentInline, StepInline, LegalBasisInline]
    fieldsets = [
        ("Phiên bản", {"fields": ["procedure", "number", "effective_from", "change_note", "author", "source", "created_at"]}),
        ("Thông tin thủ tục", {"fields": [
            "name", "field", "level", "kind", "subjects", "conditions", "results", "competent_agency",
            "implementing_agency", "delegated_agency", "coordinating_agency", "receiving_address",
            "related_procedures", "source_url", "publishing_decision", "supplement_restarts_clock"]}),
    ]

    def has_add_permission(self, request):
        # A version is only ever added by saving an edit of an earlier one (see changeform_view).
        return getattr(request, "_base_version", None) is not None and super().has_add_permission(request)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id:
            # Every edit is saved as a new version; the edited one stays as it was (audit trail).
            request.POST = request.POST.copy()
            request.POST["_saveasnew"] = "1"
            request._base_version = ProcedureVersion.objects.get(pk=object_id)
        extra_context = {**(extra_context or {}), "show_save_as_new": False, "show_save_and_add_another": False}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        base = getattr(request, "_base_version", None)
        if base is not None and not change:
            obj.procedure = base.procedure
            obj.raw, obj.parse_issues = base.raw, base.parse_issues
            obj.number = next_version_number(base.procedure)
            obj.author = request.user
            obj.source = ProcedureVersion.Source.EDITOR
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Channel:
            for channel_form in formset.forms:
                if channel_form.instance.pk and "fees" in channel_form.cleaned_data:
                    channel_form.instance.fees.all().delete()
                    FeeItem.objects.bulk_create(
                        FeeItem(channel=channel_form.instance, **f) for f in channel_form.cleaned_data["fees"]
                    )

    def response_add(self, request, obj, post_url_continue=None):
        refresh_current(obj.procedure)
        versions_created.send(sender=ProcedureVersion, codes=[obj.procedure.code], at=obj.created_at)
        self.message_user(request, f"Đã lưu phiên bản {obj.number} của thủ tục {obj.procedure.code}.")
        return super().response_add(request, obj, post_url_continue)


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "field", "level", "edit_link"]
    search_fields = ["code", "current__name"]
    list_select_related = ["current__field"]
    filter_horizontal = ["agencies"]
    fields = ["code", "agencies"]
    readonly_fields = ["code"]

    @admin.display(description="Tên thủ tục")
    def name(self, obj):
        return obj.current.name if obj.current else ""

    @admin.display(description="Lĩnh vực")
    def field(self, obj):
        return obj.current.field if obj.current else ""

    @admin.display(description="Cấp thực hiện")
    def level(self, obj):
        return obj.current.level if obj.current else ""

    @admin.display(description="Sửa nội dung")
    def edit_link(self, obj):
        if not obj.current_id:
            return ""
        url = reverse("admin:catalogue_procedureversion_change", args=[obj.current_id])
        return format_html('<a href="{}">Sửa (tạo phiên bản mới)</a>', url)

    def has_add_permission(self, request):
        return False


admin.site.register(Field, search_fields=["name"])


@admin.register(CitizenTerm)
class CitizenTermAdmin(admin.ModelAdmin):
    """The citizen vocabulary shared by search and the assistant; who added each entry and why."""

    list_display = ["phrase", "kind", "meaning", "codes", "label", "source", "added_by", "active", "updated_at"]
    list_filter = ["kind", "source", "active"]
    search_fields = ["phrase", "phrase_folded", "meaning", "codes", "reason"]
    readonly_fields = ["added_by", "source", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.added_by = request.user
            obj.source = "admin"
        elif obj.source == "seed" and form.changed_data:
            obj.source = "admin"  # an officer's edit (or switching it off) is kept when the seed file is reloaded
        super().save_model(request, obj, form, change)
