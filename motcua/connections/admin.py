from django.contrib import admin

from .models import ConnectionCall, ConnectionState


@admin.register(ConnectionState)
class ConnectionStateAdmin(admin.ModelAdmin):
    list_display = ["system", "failures", "opened_at", "last_success_at", "last_failure_at", "last_error"]


@admin.register(ConnectionCall)
class ConnectionCallAdmin(admin.ModelAdmin):
    list_display = ["system", "operation", "at", "duration_ms", "ok", "status_code", "error"]
    list_filter = ["system", "ok"]
    date_hierarchy = "at"
