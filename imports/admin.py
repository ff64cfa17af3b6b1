from django.contrib import admin

from units.admin_scope import ScopedAdminMixin

from .models import ImportRecord


@admin.register(ImportRecord)
class ImportRecordAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "kind", "file_name", "user", "total_rows", "created", "updated", "unchanged"]
    list_filter = ["kind"]
    search_fields = ["file_name", "sha256"]
    readonly_fields = [f.name for f in ImportRecord._meta.fields]
