"""Admin helpers shared by the apps."""


class ReadOnlyAdmin:
    """Mixin for ModelAdmin: rows are listed and opened, never added, changed or deleted here (they change only
    through the domain's services, which record every change as an event)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
