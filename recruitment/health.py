"""/healthz for nginx, a load balancer or a monitoring script: the database, the worker's last
heartbeat and the age of the queue. 200 when all are well, 503 otherwise. No login, and nothing
about people: states, ages in seconds and counts only."""

from django.conf import settings
from django.db import connection
from django.db.models import Max, Min
from django.http import JsonResponse
from django.utils import timezone

from jobs.models import WorkerHeartbeat


def _uses_queue() -> bool:
    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    return backend.endswith("DatabaseBackend")


def _seconds(delta) -> int | None:
    return None if delta is None else max(0, int(delta.total_seconds()))


def check() -> tuple[bool, dict]:
    now = timezone.now()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return False, {"database": {"ok": False}}
    checks = {"database": {"ok": True, "engine": connection.vendor}}
    if not _uses_queue():
        checks["worker"] = {"ok": True, "mode": "in-request"}
        return True, checks

    from django_tasks_db.models import DBTaskResult

    beats = WorkerHeartbeat.objects.aggregate(last=Max("seen_at"))
    age = _seconds(now - beats["last"]) if beats["last"] else None
    live = WorkerHeartbeat.objects.filter(seen_at__gte=now - timezone.timedelta(seconds=settings.HEALTH_WORKER_MAX_AGE))
    checks["worker"] = {
        "ok": age is not None and age <= settings.HEALTH_WORKER_MAX_AGE,
        "last_heartbeat_seconds_ago": age,
        "live_workers": live.count(),
    }
    waiting = DBTaskResult.objects.ready()
    oldest = waiting.aggregate(oldest=Min("enqueued_at"))["oldest"]
    queue_age = _seconds(now - oldest) if oldest else 0
    checks["queue"] = {
        "ok": queue_age <= settings.HEALTH_QUEUE_MAX_AGE,
        "waiting": waiting.count(),
        "oldest_waiting_seconds": queue_age,
    }
    return all(c["ok"] for c in checks.values()), checks


def healthz(request):
    ok, checks = check()
    response = JsonResponse({"status": "ok" if ok else "fail", "checks": checks}, status=200 if ok else 503)
    response["Cache-Control"] = "no-store"
    return response
