"""Start a job, run it in the worker, report progress, recover jobs whose worker died.

A runner must write all-or-nothing (one transaction): a job killed mid-way then leaves nothing
half-written, and `recover_orphans` runs it again (up to JOBS_MAX_ATTEMPTS) or marks it failed.
Progress is written through a side connection (its own thread), so the user sees it while the
runner's transaction is still open, and a runner's rollback never erases it."""

import logging
import os
import socket
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.conf import settings
from django.db import OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from .models import Job, JobStatus, WorkerHeartbeat
from .registry import JobFailed, JobResult, job_task, runner

logger = logging.getLogger(__name__)

# Set by `manage.py worker`; empty when a task runs in the request (ImmediateBackend).
WORKER_ID = ""

UNEXPECTED = (
    "Lỗi không mong đợi khi xử lý (việc số {pk}); không có dữ liệu nào được ghi dở. "
    "Hãy thử lại; nếu vẫn lỗi, báo quản trị hệ thống."
)
INTERRUPTED_RETRY = "Tiến trình xử lý bị dừng giữa chừng; việc được chạy lại từ đầu (không có dữ liệu nào được ghi dở)."
INTERRUPTED_FAILED = (
    "Tiến trình xử lý bị dừng giữa chừng {n} lần nên việc đã dừng; không có dữ liệu nào được ghi dở. Hãy thử lại sau."
)

_side: ThreadPoolExecutor | None = None


def side_call(fn):
    """Run fn on the side connection (a thread of its own, so its own database connection, in
    autocommit). Tests turn it off (JOBS_SIDE_CONNECTION=False): the test database lives in one
    transaction that another connection cannot see."""
    global _side
    if not getattr(settings, "JOBS_SIDE_CONNECTION", True):
        return fn()
    if _side is None:
        _side = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jobs-side")
    return _side.submit(fn).result()


def _stale_after() -> timedelta:
    return timedelta(seconds=getattr(settings, "JOBS_STALE_SECONDS", 300))


def start_job(*, kind: str, title: str, user=None, params: dict | None = None, total: int = 0) -> Job:
    """Create the job row and queue it, together (both or neither)."""
    run_job = job_task()

    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            title=title[:255],
            user=user if getattr(user, "pk", None) else None,
            params=params or {},
            total=total,
            message="Đang chờ đến lượt xử lý.",
        )
        _enqueue(job, run_job)
    job.refresh_from_db()
    return job


def _enqueue(job: Job, task) -> None:
    result = task.enqueue(job.pk)  # an ImmediateBackend runs it right here
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])


class Progress:
    """progress(done, total, message): throttled writes of how far the runner got."""

    def __init__(self, job: Job, min_interval: float = 0.5):
        self.job = job
        self.min_interval = timedelta(seconds=min_interval)
        self.last = None
        self.last_message = None

    def __call__(self, done: int, total: int | None = None, message: str | None = None) -> None:
        now = timezone.now()
        changed = message is not None and message != self.last_message
        finished_count = total is not None and done >= total
        if not changed and not finished_count and self.last and now - self.last < self.min_interval:
            return
        self.last, self.last_message = now, message if message is not None else self.last_message
        fields = {"done": done, "heartbeat_at": now}
        if total is not None:
            fields["total"] = total
        if message is not None:
            fields["message"] = message
        pk = self.job.pk

        def write():
            Job.objects.filter(pk=pk, status=JobStatus.RUNNING).update(**fields)

        try:
            side_call(write)
        except OperationalError as exc:  # SQLite busy: progress is best effort, the job goes on
            logger.warning("job progress not written: %s", exc)


def execute(job_id: int) -> None:
    """The task body: claim the job, call its runner, record how it ended. Never raises for a
    runner's failure (the job row says why); a job already finished is left alone."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).update(
        status=JobStatus.RUNNING, started_at=now, heartbeat_at=now, worker_id=WORKER_ID, message="Đang xử lý."
    )
    if not claimed:
        return
    Job.objects.filter(pk=job_id).update(attempts=F("attempts") + 1)
    job = Job.objects.get(pk=job_id)
    logger.info("job started", extra={"job": job.pk, "kind": job.kind, "attempt": job.attempts})
    try:
        result = runner(job.kind)(job, Progress(job)) or JobResult()
    except JobFailed as exc:
        _finish(job, JobStatus.FAILED, str(exc))
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job, JobStatus.FAILED, UNEXPECTED.format(pk=job.pk))
    except BaseException:  # the worker is being stopped mid-job (SIGTERM twice, Ctrl+C, sys.exit)
        _interrupted(Job.objects.get(pk=job.pk))
        raise
    else:
        _finish(job, JobStatus.DONE, result.message or "Đã xong.", url=result.url, file=result.file)


def _finish(job: Job, status: str, message: str, *, url: str = "", file: str = "") -> None:
    fields = {"status": status, "message": message, "finished_at": timezone.now(), "heartbeat_at": timezone.now()}
    if status == JobStatus.DONE:
        fields |= {"result_url": url, "result_file": file}
        if job.total:
            fields["done"] = job.total
    Job.objects.filter(pk=job.pk).update(**fields)
    logger.info("job finished", extra={"job": job.pk, "kind": job.kind, "status": status})


def fail_job(job: Job, message: str) -> None:
    _finish(job, JobStatus.FAILED, message)


def touch_worker(worker_id: str, started_at) -> None:
    """The worker's heartbeat, and its running jobs' (a long transaction writes no progress)."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": socket.gethostname()[:255], "pid": os.getpid(), "started_at": started_at, "seen_at": now},
    )
    Job.objects.filter(status=JobStatus.RUNNING, worker_id=worker_id).update(heartbeat_at=now)


def forget_worker(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def _interrupted(job: Job, now=None) -> str:
    """A run that ended without finishing (its transaction rolled back): queue the job again, or
    mark it failed after JOBS_MAX_ATTEMPTS runs. Returns "retried" or "failed"."""
    run_job = job_task()

    now = now or timezone.now()
    _close_task(job.task_id, now)
    if job.attempts < getattr(settings, "JOBS_MAX_ATTEMPTS", 2):
        if Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
            status=JobStatus.QUEUED, message=INTERRUPTED_RETRY, worker_id=""
        ):
            _enqueue(job, run_job)
        return "retried"
    Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
        status=JobStatus.FAILED, message=INTERRUPTED_FAILED.format(n=job.attempts), finished_at=now
    )
    return "failed"


def recover_orphans() -> dict[str, int]:
    """Jobs left RUNNING by a worker that stopped (killed, machine restarted): run again from the
    start, or marked failed after JOBS_MAX_ATTEMPTS. A job whose worker still beats is left alone."""
    now = timezone.now()
    limit = now - _stale_after()
    live = set(WorkerHeartbeat.objects.filter(seen_at__gte=limit).values_list("worker_id", flat=True))
    counts = {"retried": 0, "failed": 0}
    for job in Job.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=limit):
        if job.worker_id and job.worker_id in live:
            continue
        counts[_interrupted(job, now)] += 1
        logger.warning("orphan job recovered", extra={"job": job.pk, "attempts": job.attempts})
    return counts


def _close_task(task_id: str, now) -> None:
    """The queue's own record of a task whose worker died stays RUNNING forever: close it."""
    if not task_id:
        return
    try:
        from django_tasks_db.compat import TaskResultStatus
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another backend keeps its own books
        return
    DBTaskResult.objects.filter(id=task_id, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path="jobs.services.WorkerLost",
        traceback="worker stopped while running this task",
    )
