from django.contrib import admin

from .models import IndexConfig


@admin.register(IndexConfig)
class IndexConfigAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "note", "created_at", "created_by"]
    readonly_fields = ["created_at", "created_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
