from django.contrib import admin

from units.models import PartyUnit
from units.scope import scoped

from .models import PersonalDataAccess


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    """Read only: the log is append-only (no add, change or delete here)."""

    list_display = ["at", "username", "kind", "person_id", "unit_code", "what", "file_format", "ip_address"]
    list_filter = ["kind"]
    search_fields = ["username", "unit_code", "what"]
    date_hierarchy = "at"

    def get_queryset(self, request):
        """A staff member who is not a superuser: the accesses to the data of their own units."""
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(unit_code__in=scoped(request.user, PartyUnit).values("code"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
