from django.contrib import admin

from units.admin_scope import ScopedAdminMixin
from units.versioning import VersionedAdminMixin

from .models import NumberingTerm


@admin.register(NumberingTerm)
class NumberingTermAdmin(ScopedAdminMixin, VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["issuer", "starts_on", "note"]
    list_filter = ["issuer__kind"]
    search_fields = ["issuer__code", "issuer__search_name", "note"]
    autocomplete_fields = ["issuer"]
    list_select_related = ["issuer"]
    date_hierarchy = "starts_on"
