from django.contrib import admin

from .models import ImportRecord


@admin.register(ImportRecord)
class ImportRecordAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "file_name", "user", "total_rows", "created", "updated", "unchanged"]
    list_filter = ["kind"]
    search_fields = ["file_name", "sha256"]
    readonly_fields = [f.name for f in ImportRecord._meta.fields]
