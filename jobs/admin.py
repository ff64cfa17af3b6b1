from django.contrib import admin

from .models import Job, WorkerHeartbeat


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("id", "title", "user", "status", "done", "total", "attempts", "created_at", "finished_at")
    list_filter = ("status", "kind")
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ("worker_id", "host", "pid", "started_at", "seen_at")
    readonly_fields = ("worker_id", "host", "pid", "started_at", "seen_at")

    def has_add_permission(self, request):
        return False
