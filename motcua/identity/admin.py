from django.contrib import admin

from .models import CitizenIdentity, ProcedureAssurance, RegistryLookup


@admin.register(CitizenIdentity)
class CitizenIdentityAdmin(admin.ModelAdmin):
    list_display = ["full_name", "masked_pid", "assurance_level", "is_sandbox", "last_sign_in_at"]
    list_filter = ["assurance_level", "is_sandbox"]
    search_fields = ["full_name"]
    readonly_fields = [f.name for f in CitizenIdentity._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ProcedureAssurance)
class ProcedureAssuranceAdmin(admin.ModelAdmin):
    list_display = ["procedure", "level", "basis"]
    raw_id_fields = ["procedure"]


@admin.register(RegistryLookup)
class RegistryLookupAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "subject", "operation", "outcome", "dossier", "purpose"]
    list_filter = ["operation", "outcome"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in RegistryLookup._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
