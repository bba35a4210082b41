from django.contrib import admin

from motcua.lib.admin import ReadOnlyAdmin

from .models import Agency, Commune, Delegation, Membership, Province, ViewRecord


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "population", "area_km2"]
    search_fields = ["code", "name"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province", "population", "area_km2"]
    list_filter = ["kind", "province"]
    search_fields = ["code", "name", "short_name"]
    list_select_related = ["province"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province", "commune", "phone", "is_active"]
    list_filter = ["kind", "is_active", "province"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["province", "commune", "parent"]
    list_select_related = ["province", "commune"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role", "title"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "agency__name"]
    autocomplete_fields = ["user", "agency"]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    """Delegations are recorded through units.policy.delegate / revoke; the admin shows them."""

    list_display = ["agency", "delegate", "power", "granted_by", "granted_at", "revoked_at"]
    list_filter = ["power"]
    search_fields = ["agency__name", "delegate__username"]
    list_select_related = ["agency", "delegate", "granted_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False



@admin.register(ViewRecord)
class ViewRecordAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["at", "user", "kind", "code", "agency", "via_agency", "via_role", "page", "detail"]
    list_filter = ["kind", "page"]
    search_fields = ["code", "user__username"]
    date_hierarchy = "at"
    list_select_related = ["user", "agency", "via_agency"]
