from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from units.admin_scope import ScopedAdminMixin
from units.exports import AdminExportMixin
from units.versioning import VersionedAdminMixin

from .exports import QuotaExport, TermTargetExport
from .models import Quota, TermTarget


@admin.register(Quota)
class QuotaAdmin(ScopedAdminMixin, AdminExportMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    resource_classes = [QuotaExport]
    export_filename = "chi_tieu_ket_nap"
    list_display = ["unit", "year", "target", "target_max", "document", "updated_at"]
    list_filter = ["year", "unit__kind"]
    search_fields = ["unit__code", "unit__search_name", "document"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]


@admin.register(TermTarget)
class TermTargetAdmin(ScopedAdminMixin, AdminExportMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    resource_classes = [TermTargetExport]
    export_filename = "chi_tieu_nhiem_ky"
    list_display = ["unit", "first_year", "last_year", "target", "document"]
    list_filter = ["first_year"]
    search_fields = ["unit__code", "unit__search_name", "document"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]
