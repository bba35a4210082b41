from django.contrib import admin

from .models import HealthRecordUse


@admin.register(HealthRecordUse)
class HealthRecordUseAdmin(admin.ModelAdmin):
    list_display = ["dossier", "paper", "document_id", "consent_at", "fetched_at", "synthetic"]
    list_filter = ["paper", "synthetic"]
