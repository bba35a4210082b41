from django.contrib import admin

from motcua.lib.admin import ReadOnlyAdmin
from motcua.units.models import ViewRecord
from motcua.units.view_records import RecordedInAdmin

from .models import Feedback, FeedbackEvent, Open311ApiKey


class EventInline(admin.TabularInline):
    model = FeedbackEvent
    extra = 0
    can_delete = False
    fields = ["at", "action", "from_state", "to_state", "actor_label", "agency", "to_agency", "due_at", "on_time",
              "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Feedback)
class FeedbackAdmin(RecordedInAdmin, admin.ModelAdmin):
    """Read mostly: states change only through the acts in services.py, so that every change is an event."""

    view_kind = ViewRecord.Kind.FEEDBACK

    list_display = ["code", "title", "category", "state", "agency", "received_at", "due_at", "finished_late",
                    "reopened_count"]
    list_filter = ["state", "category", "channel", "finished_late"]
    search_fields = ["code", "title"]
    raw_id_fields = ["agency", "procedure", "filed_by"]
    inlines = [EventInline]
    readonly_fields = [f.name for f in Feedback._meta.fields if f.name not in ("public_title", "public_content",
                                                                                "public_answer")]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FeedbackEvent)
class FeedbackEventAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["feedback", "action", "from_state", "to_state", "actor_label", "agency", "at", "on_time"]
    list_filter = ["action", "on_time"]
    search_fields = ["feedback__code"]


@admin.register(Open311ApiKey)
class Open311ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active", "created_at", "last_used_at"]
    list_filter = ["is_active"]
    readonly_fields = ["created_at", "last_used_at"]
