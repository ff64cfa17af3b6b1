"""`manage.py worker`: django-tasks-db's db_worker, plus a heartbeat (read by /healthz) and the
recovery of jobs left running by a worker that died (run again or marked failed)."""

import logging
import threading

from django.conf import settings
from django.db import OperationalError, close_old_connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from jobs import services

logger = logging.getLogger("jobs.worker")


class Command(DbWorkerCommand):
    help = "Chạy tiến trình xử lý việc nền (hàng đợi trong cơ sở dữ liệu), có tín hiệu sống cho /healthz."

    def handle(self, *args, **options):
        worker_id = options["worker_id"]
        services.WORKER_ID = worker_id
        stop = threading.Event()
        beat = threading.Thread(target=self._beat, args=(worker_id, stop), name="jobs-heartbeat", daemon=True)
        beat.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
            beat.join(timeout=5)
            try:
                services.forget_worker(worker_id)
            except OperationalError:
                pass

    @staticmethod
    def _beat(worker_id: str, stop: threading.Event) -> None:
        started_at = timezone.now()
        every = getattr(settings, "JOBS_HEARTBEAT_SECONDS", 10)
        rounds = 0
        while not stop.is_set():
            try:
                close_old_connections()
                services.touch_worker(worker_id, started_at)
                if rounds % 6 == 0:
                    counts = services.recover_orphans()
                    if any(counts.values()):
                        logger.warning("recovered orphan jobs", extra=counts)
            except OperationalError as exc:  # SQLite busy with a long write: try again next round
                logger.warning("heartbeat not written: %s", exc)
            except Exception:
                logger.exception("heartbeat failed")
            rounds += 1
            stop.wait(every)
        close_old_connections()
