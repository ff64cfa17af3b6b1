from django.contrib import admin

from .models import PersonalDataAccess


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    """Read only: the log is append-only (no add, change or delete here)."""

    list_display = ["at", "username", "kind", "person_id", "unit_code", "what", "file_format", "ip_address"]
    list_filter = ["kind"]
    search_fields = ["username", "unit_code", "what"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
