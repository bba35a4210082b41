from django.contrib import admin

from motcua.lib.admin import ReadOnlyAdmin

from .models import (
    AgencyOfficeSettings,
    Appointment,
    Counter,
    ExtraService,
    ExtraServiceGiven,
    HomeTeam,
    HomeVisit,
    PriorityGroup,
    Programme,
    ServiceArea,
    Ticket,
    TicketEvent,
)

for model in (PriorityGroup, ExtraService, AgencyOfficeSettings):
    admin.site.register(model)


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "order")
    autocomplete_fields = ("agency", "procedures")


@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ("number", "agency", "officer", "is_active")
    list_filter = ("is_active",)
    autocomplete_fields = ("agency",)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "target_minutes", "weekdays", "starts_on", "ends_on", "is_active")
    autocomplete_fields = ("agencies", "procedures")


@admin.register(HomeTeam)
class HomeTeamAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "is_active")
    autocomplete_fields = ("agency", "members")


class ReadOnly(ReadOnlyAdmin, admin.ModelAdmin):
    """Tickets, appointments and visits change only through the office's services."""


@admin.register(Ticket)
class TicketAdmin(ReadOnly):
    list_display = ("number", "agency", "day", "status", "priority", "counter")
    list_filter = ("status", "day")


@admin.register(TicketEvent)
class TicketEventAdmin(ReadOnly):
    list_display = ("ticket", "kind", "at", "actor", "counter")


@admin.register(Appointment)
class AppointmentAdmin(ReadOnly):
    list_display = ("code", "agency", "starts_at", "status")


@admin.register(HomeVisit)
class HomeVisitAdmin(ReadOnly):
    list_display = ("code", "agency", "status", "requested_at", "visited_at")


@admin.register(ExtraServiceGiven)
class ExtraServiceGivenAdmin(ReadOnly):
    list_display = ("service", "agency", "quantity", "total", "at")
