from django.contrib import admin

from .models import CalendarOverride, CalendarYear, OfficeHours


@admin.register(OfficeHours)
class OfficeHoursAdmin(admin.ModelAdmin):
    list_display = ["name", "morning_start", "morning_end", "afternoon_start", "afternoon_end", "same_day_cutoff"]
    search_fields = ["name"]


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "reason", "legal_document"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["reason", "legal_document"]


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "legal_document"]
