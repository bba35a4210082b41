from django.contrib import admin

from .models import IndexConfig, SimulationRun


@admin.register(IndexConfig)
class IndexConfigAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "note", "created_at", "created_by"]
    readonly_fields = ["created_at", "created_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(SimulationRun)
class SimulationRunAdmin(admin.ModelAdmin):
    list_display = ["created_at", "city", "days", "seed", "dossiers"]
    readonly_fields = ["city", "seed", "days", "dossiers", "params", "created_ids", "created_at"]

    def has_add_permission(self, request):
        return False
