from django.contrib import admin

from .models import Agency, Commune, Membership, Province


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
