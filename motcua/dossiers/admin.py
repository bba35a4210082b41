"""Admin (Vietnamese labels come from verbose_name). Dossiers are changed only through services: the admin
shows them read-only, and a staff user sees only the dossiers of their agencies (access.dossiers_visible_to)."""

from django.contrib import admin

from motcua.lib.admin import ReadOnlyAdmin
from motcua.units.models import ViewRecord
from motcua.units.view_records import RecordedInAdmin

from .access import dossiers_visible_to
from .models import (
    Apology,
    Dossier,
    DossierComponent,
    DossierEvent,
    DossierFee,
    DossierStep,
    Payment,
    RouteStep,
    RouteTemplate,
    SupplementRequest,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EventInline(ReadOnlyInline):
    model = DossierEvent
    fields = ["seq", "at", "kind", "from_status", "to_status", "actor", "agency", "note"]
    ordering = ["seq"]


class StepInline(ReadOnlyInline):
    model = DossierStep
    fields = ["group", "title", "agency", "handler", "state", "started_at", "due_at", "finished_at", "on_time"]


class ComponentInline(ReadOnlyInline):
    model = DossierComponent
    fk_name = "dossier"
    fields = ["name", "originals", "copies", "digitised", "reused", "from_data_store"]


class FeeInline(ReadOnlyInline):
    model = DossierFee
    fields = ["description", "set_by", "appraisal", "amount", "payable", "waived", "waiver_reason", "legal_basis"]


@admin.register(Dossier)
class DossierAdmin(RecordedInAdmin, ReadOnlyAdmin, admin.ModelAdmin):
    view_kind = ViewRecord.Kind.DOSSIER
    list_display = ["__str__", "applicant_name", "procedure", "agency", "channel", "status", "due_at"]
    list_filter = ["status", "channel", "agency"]
    search_fields = ["code", "reference", "applicant_name"]  # phone, ID: encrypted, see the console search
    date_hierarchy = "submitted_at"
    inlines = [ComponentInline, StepInline, FeeInline, EventInline]
    list_select_related = ["procedure", "agency"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=dossiers_visible_to(request.user).values("pk"))


class RouteStepInline(admin.TabularInline):
    model = RouteStep
    extra = 1
    fields = ["group", "order", "title", "agency", "role", "allotted_value", "allotted_unit"]


@admin.register(RouteTemplate)
class RouteTemplateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "procedure"]
    search_fields = ["procedure__code", "name"]
    autocomplete_fields = ["procedure"]
    inlines = [RouteStepInline]


for model in (SupplementRequest, Apology, Payment):
    admin.site.register(model)
